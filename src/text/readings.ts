/**
 * The readings of the corpus's own words, built at ingest from IPADIC (ingest/readings.ts): a question
 * typed in kana before conversion (しえん, ショウエネシンダン) is read back into those words, and a kanji
 * converted wrongly (支縁) is told by its sound.
 */
export interface ReadingTable {
  /** Katakana reading → the corpus words read so, the most used first. */
  words: Record<string, string[]>;
  /** Readings of the words the analyser drops (particles, auxiliaries, pronouns, light verbs): skipped when reading. */
  skip: string[];
  /** Kanji → the readings IPADIC gives it written alone (縁: エン, フチ …). */
  kanji: Record<string, string[]>;
}

/** One word of a kana run read as corpus words. */
export interface ReadWord {
  /** The part of the run as the question writes it (しえん). */
  written: string;
  /** The corpus words with that reading, the most used first (支援). */
  words: string[];
}

export interface KanaReading {
  /** The corpus words read, in the run's order. */
  words: ReadWord[];
  /** Characters left unread. */
  unread: number;
  /** Characters read as corpus words with readings of three kana or more. */
  longChars: number;
  /** How many such words. */
  longWords: number;
}

export interface KanaReaderOptions {
  /** Share of a run's characters that may stay unread (an unknown word, a typo) and the run still be read. */
  unread: number;
  /** Share of a run's characters that corpus words must account for. */
  content: number;
}

export const KANA_READER_DEFAULTS: KanaReaderOptions = { unread: 0.25, content: 0.4 };

// A segment's cost: fewer and longer segments win; a function word wins a tie with a two-kana corpus word
// (ソウ is more often 〜そう than 層), a word the analyser found in the run wins over splitting it into
// function words and homophones (と・い・併せ), and an unread character costs more than any reading of it.
const COST = { word: 1, shortWord: 1.3, skip: 1, other: 0.75, unread: 2 };
/** The analyser's words read past: shorter ones are too often a wrong split. */
const OTHER_MIN = 3;

/**
 * A kana run → the corpus words it reads as, by the segmentation into known readings with the fewest
 * segments; null when too little of the run reads as corpus words, or only as two-kana words (どう, かん:
 * homophones more often than not). `others` are dictionary words the analyser found in the run that the
 * corpus does not use (といあわせ): read past as words, giving none.
 *
 * @example createKanaReader(table)('しょうえねしんだんをうけたい')?.words // [{ written: 'しょうえね', words: ['省エネ'] }, { written: 'しんだん', words: ['診断'] }, { written: 'うけ', words: ['受ける'] }]
 */
export function createKanaReader(table: ReadingTable, options: Partial<KanaReaderOptions> = {}): (run: string, others?: readonly string[]) => KanaReading | null {
  const { unread, content } = { ...KANA_READER_DEFAULTS, ...options };
  const words = new Map(Object.entries(table.words));
  const skip = new Set(table.skip);
  let longest = 1;
  // Every beginning of a reading: past a segment that begins none, longer segments are no reading either.
  const beginnings = new Set<string>();
  for (const r of [...words.keys(), ...skip]) {
    longest = Math.max(longest, r.length);
    for (let k = 1; k <= r.length; k++) beginnings.add(r.slice(0, k));
  }
  return (run, others = []) => {
    const kana = toKatakana(run);
    const other = new Set(others.map(toKatakana).filter((o) => o.length >= OTHER_MIN && o !== kana));
    const otherBeginnings = new Set([...other].flatMap((o) => Array.from(o, (_, k) => o.slice(0, k + 1))));
    const n = kana.length;
    const cost = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1);
    const kind = new Uint8Array(n + 1);
    cost[0] = 0;
    const path = { cost, from, kind };
    for (let i = 0; i < n; i++) {
      if (cost[i] === Infinity) continue;
      relax(path, i + 1, cost[i]! + COST.unread, i, 0);
      for (let length = 1; length <= Math.min(longest, n - i); length++) {
        const part = kana.slice(i, i + length);
        if (skip.has(part)) relax(path, i + length, cost[i]! + COST.skip, i, 1);
        else if (other.has(part)) relax(path, i + length, cost[i]! + COST.other, i, 1);
        // A one-kana reading (課, 費, 木) says nothing reliable.
        if (length > 1 && words.has(part)) relax(path, i + length, cost[i]! + (length > 2 ? COST.word : COST.shortWord), i, 2);
        if (!beginnings.has(part) && !otherBeginnings.has(part)) break;
      }
    }
    const out: KanaReading = { words: [], unread: 0, longChars: 0, longWords: 0 };
    let wordChars = 0;
    for (let to = n; to > 0; to = from[to]!) {
      const at = from[to]!;
      if (kind[to] === 0) out.unread += to - at;
      if (kind[to] === 2) {
        wordChars += to - at;
        if (to - at > 2) (out.longChars += to - at), out.longWords++;
        out.words.push({ written: run.slice(at, to), words: words.get(kana.slice(at, to))! });
      }
    }
    if (n === 0 || out.unread > n * unread || wordChars < n * content || out.longChars === 0) return null;
    out.words.reverse();
    return out;
  };
}

/** The segmentation so far: the cheapest way to each position, from where and as what (0 unread, 1 read past, 2 a corpus word). */
interface Path {
  cost: Float64Array;
  from: Int32Array;
  kind: Uint8Array;
}

function relax(path: Path, to: number, c: number, at: number, k: number): void {
  if (c < path.cost[to]!) {
    path.cost[to] = c;
    path.from[to] = at;
    path.kind[to] = k;
  }
}

/** Hiragana → katakana (the long-vowel mark and anything else unchanged). */
export function toKatakana(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += String.fromCharCode((c >= 0x3041 && c <= 0x3096) || c === 0x309d || c === 0x309e ? c + 0x60 : c);
  }
  return out;
}

/** Runs of one kana script (hiragana or katakana, with the long-vowel mark): where a question may be typed unconverted. */
export function kanaRuns(text: string): string[] {
  return text.match(/[\p{Script=Hiragana}ー]+|[\p{Script=Katakana}ー]+/gu) ?? [];
}

/**
 * Whether a kanji typed in place of another sounds as the word meant (支縁 for 支援: 縁 reads エン, as 援
 * does in シエン): the mistake a kana–kanji conversion makes. `at` is the kanji's place in the word.
 *
 * @example soundsAlike(table, (w) => (w === '支援' ? ['シエン'] : []), '支援', 1, '縁') // true
 */
export function soundsAlike(table: ReadingTable, readingsOf: (word: string) => readonly string[], meant: string, at: number, typed: string): boolean {
  const sounds = (kanji: string) => (Object.hasOwn(table.kanji, kanji) ? table.kanji[kanji]! : []);
  const typedSounds = sounds(typed);
  if (typedSounds.length === 0) return false;
  const chars = Array.from(meant);
  if (sounds(chars[at]!).some((r) => typedSounds.includes(r))) return true;
  // The intended kanji may have no reading of its own (援): in a two-kanji word, the word's reading is
  // then the typed kanji's beside the other's (シ・エン), when the other has one of its own.
  if (chars.length !== 2) return false;
  const beside = chars[1 - at]!;
  const other = /\p{Script=Han}/u.test(beside) ? sounds(beside) : [toKatakana(beside)];
  return readingsOf(meant).some((r) =>
    typedSounds.some((k) => {
      const rest = at === 0 ? (r.startsWith(k) ? r.slice(k.length) : null) : r.endsWith(k) ? r.slice(0, -k.length) : null;
      return rest !== null && rest.length > 0 && (other.length === 0 || other.includes(rest));
    }),
  );
}
