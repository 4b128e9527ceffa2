import type { Analysis } from './analyzer.js';
import { compact } from './normalize.js';
import { createKanaReader, kanaRuns, soundsAlike, type ReadingTable } from './readings.js';
import type { QueryTerms } from './synonyms.js';
import type { Edit, TypoIndex } from './typos.js';

/** What a question's spelling says beyond its analysis: kana read as corpus words, and typos' nearest words. */
export interface Respelling {
  /** Indexes of the analysis's words that a kana run read as corpus words explains (せく, といあわせる …). */
  explained: Set<number>;
  /** The kana runs so read. */
  runs: string[];
  /** The corpus words read from kana, in the question's order. */
  read: { written: string; words: string[] }[];
  /** Words unknown to the corpus (or kanji the analyser could only split, 支+縁) and the corpus words one edit away. */
  typos: { written: string; words: string[] }[];
}

export interface RespellerOptions {
  readings: ReadingTable;
  typos: TypoIndex;
  /** Whether the corpus uses a content word. */
  known: (word: string) => boolean;
}

const KATAKANA = /^[\p{Script=Katakana}ー]+$/u;
const HIRAGANA = /^\p{Script=Hiragana}+$/u;
const HAN = /^\p{Script=Han}$/u;
const LATIN = /^[a-z]+$/;
/** Shorter katakana words one edit from a corpus word are other words more often than typos (デルタ, データ). */
const KATAKANA_TYPO_MIN = 5;

/**
 * Reads a question's spelling: a run of kana holding a word the corpus does not know is read as corpus
 * words through their readings (せきそうぞうけい → 積層, 造形); a word the corpus does not know, or kanji the
 * analyser could only split (支縁 → 支, 縁), is matched to the corpus words one edit away that the mistake
 * explains: okurigana (受け入れ ~ 受入れ), a misspelt katakana word (セキュリテイ), or a kanji of the same
 * sound (支縁 ~ 支援). `text` is the question, normalized and without spaces.
 *
 * @example createRespeller({ readings, typos, known })(analyzer.analyze('支縁'), '支縁').typos // [{ written: '支縁', words: ['支援'] }]
 */
export function createRespeller(options: RespellerOptions): (analysis: Analysis, text: string) => Respelling {
  const { known, typos, readings } = options;
  const read = createKanaReader(readings);
  let byWord: Map<string, string[]> | undefined;
  const readingsOf = (word: string) => {
    if (!byWord) {
      byWord = new Map();
      for (const [reading, words] of Object.entries(readings.words)) for (const w of words) byWord.set(w, [...(byWord.get(w) ?? []), reading]);
    }
    return byWord.get(word) ?? [];
  };
  const sameSound = (neighbour: string, e: Edit) => e.kind === 'substituted' && HAN.test(e.typed) && HAN.test(e.meant) && soundsAlike(readings, readingsOf, neighbour, e.at, e.typed);
  // A word the analyser found whole is a dictionary word or katakana: misspelt only by okurigana written
  // or left out (受け入れ, 受入れ), or in its katakana past the first. A kanji of the same sound makes
  // another word (人種, 人手), as does other okurigana (多く, 多い; 何と, 何ごと) or a katakana word's first
  // sound (エミッション, ミッション).
  const misspelt = (word: string) => (neighbour: string, e: Edit) =>
    okuriganaVariant(word, neighbour, e) || (KATAKANA.test(word) && word.length >= KATAKANA_TYPO_MIN && e.at > 0 && KATAKANA.test(e.typed + e.meant));

  return ({ words, surfaces, guessed }, text) => {
    const out: Respelling = { explained: new Set(), runs: [], read: [], typos: [] };
    // Each surface's okurigana and script, looked at for every kana run of the question.
    const tails = surfaces.map((s) => OKURIGANA.exec(s)?.[1]);
    const scripts = surfaces.map((s) => {
      const bare = s.replace(/ー/g, '');
      return { marks: /^ー+$/.test(s), katakana: KATAKANA.test(bare), hiragana: HIRAGANA.test(bare) };
    });
    for (const whole of new Set(kanaRuns(text))) {
      const run = whole.slice(okurigana(whole, surfaces, tails, text));
      if (run.length < 2) continue;
      const katakana = KATAKANA.test(run);
      const inRun = surfaces.flatMap((s, i) => ((scripts[i]!.marks || (katakana ? scripts[i]!.katakana : scripts[i]!.hiragana)) && run.includes(s) ? [i] : []));
      // A katakana word one edit from a corpus word is that word misspelt (セキュリテイ), not a phrase typed unconverted.
      const unknown = inRun.filter((i) => !known(words[i]!));
      if (katakana && (unknown.length === 0 || (inRun.length === 1 && typos.near(run, misspelt(run)).length))) continue;
      // The analyser's dictionary words in the run (といあわせ) are read past; its guesses are not words.
      const reading = read(run, unknown.map((i) => surfaces[i]!).filter((s) => !guessed.includes(s)));
      if (!reading) continue;
      // Katakana is how loanwords are written: only a whole phrase of corpus words (ショウエネ・シンダン)
      // reads as typed unconverted, not a word that happens to end in one (アメリ・カン).
      if (katakana && (reading.unread > 0 || reading.words.length < 2)) continue;
      // Hiragana the analyser read as corpus words or function words (ため, になっても) needs no reading,
      // unless the reading finds far more words, and long ones (そう・ぎょうのしえん: そうぎょう, しえん).
      const analysed = inRun.filter((i) => known(words[i]!)).reduce((n, i) => n + surfaces[i]!.length, 0);
      if (unknown.length === 0 && (reading.longWords < 2 || reading.longChars < 2 * Math.max(1, analysed))) continue;
      for (const i of inRun) out.explained.add(i);
      out.runs.push(run);
      out.read.push(...reading.words);
    }
    const seen = new Set<string>();
    const match = (written: string, accept: (neighbour: string, e: Edit) => boolean) => {
      if (seen.has(written) || known(written)) return;
      seen.add(written);
      const near = typos.near(written, accept);
      if (near.length) out.typos.push({ written, words: near });
    };
    words.forEach((word, i) => {
      if (out.explained.has(i) || known(word) || word.length < 2 || (LATIN.test(word) && word.length < 4)) return;
      match(word, misspelt(word));
    });
    // Kanji the analyser could only split, not all of them corpus words (支 縁, 診 段): one may be a wrong conversion.
    for (let i = 0; i < words.length; i++) {
      for (let n = 2; n <= 3 && i + n <= words.length; n++) {
        const parts = surfaces.slice(i, i + n);
        if (!parts.every((s) => HAN.test(s))) break;
        const written = parts.join('');
        if (!text.includes(written)) break;
        if (words.slice(i, i + n).some((w) => !known(w))) match(written, sameSound);
      }
    }
    return out;
  };
}

/**
 * The question with each kana run and each typo written as the first corpus word it was read as
 * (`QueryTerms.origins`; `compact`ed, or as it is when nothing was read so): よさん → 予算, 支縁 → 支援. What an answer's cues (予算, 問い合わせ先, 補助率 …) are
 * looked for in, so that a question typed before conversion asks for what it means.
 *
 * @example spelledOut('りしほきゅうのよさんは', expand('りしほきゅうのよさんは')) // '利子補給の予算は'
 */
export function spelledOut(question: string, terms: QueryTerms): string {
  // An English question is searched by its translation: nothing in it was read so.
  const spelt = terms.english ? [] : terms.origins.filter((o) => o.kind === 'reading' || o.kind === 'typo');
  if (spelt.length === 0) return question;
  let text = compact(question);
  const done = new Set<string>();
  for (const { trigger, expansion } of spelt) {
    if (done.has(trigger)) continue;
    done.add(trigger);
    text = text.replace(trigger, () => expansion);
  }
  return text;
}

/** One kana written or left out after a kanji, before another or at the end (受(け)入れ, 手続(き)): the same word. */
function okuriganaVariant(typed: string, meant: string, e: Edit): boolean {
  if ((e.kind !== 'inserted' && e.kind !== 'deleted') || !HIRAGANA.test(e.typed)) return false;
  const longer = Array.from(e.kind === 'inserted' ? typed : meant);
  return e.at > 0 && HAN.test(longer[e.at - 1]!) && (e.at === longer.length - 1 || HAN.test(longer[e.at + 1]!));
}

/** The kana that end a word written in kanji (受け, 後押し). */
const OKURIGANA = /\p{Script=Han}(\p{Script=Hiragana}+)$/u;

/**
 * How many kana a run begins with that end a word written in kanji (受け・たい, 後押し・する): okurigana, not a
 * word. `tails` holds each surface's okurigana.
 */
function okurigana(run: string, surfaces: string[], tails: (string | undefined)[], text: string): number {
  let longest = 0;
  surfaces.forEach((s, i) => {
    const tail = tails[i];
    if (tail && tail.length > longest && run.startsWith(tail) && text.includes(s + run.slice(tail.length))) longest = tail.length;
  });
  return longest;
}
