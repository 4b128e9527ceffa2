import type { Chunk, Program } from '../catalog.js';
import type { SearchEngine } from '../retrieve/engine.js';
import { compact } from '../text/normalize.js';

/** Lookups the answerer needs over one engine's catalog, computed once. */
export interface CatalogView {
  programs: Program[];
  program(id: string): Program;
  chunks(programId: string): Chunk[];
  /** Content words of a program's passages, titles and sections: what a question can be covered by. */
  programWords(programId: string): Set<string>;
  /** Catalog programs (not generic documents) whose title the text names, in the order it names them. */
  named(text: string): Program[];
  /** Every program titled as this one is, once compacted (建設業許可 of each prefecture), itself included, in catalog order. */
  sameName(program: Program): Program[];
  /**
   * Programs with a contact office the text names with one character otherwise (素形材産業室 for the
   * document's 素材材産業室, 技術・人材協カ課): an office written exactly is found by retrieval already.
   */
  officeNamed(text: string): Program[];
  /** Catalog programs whose title a run of kanji in the text shortens (水協法 for 水産協同組合法). */
  shortened(text: string): Program[];
  /**
   * Whether a compact name is part of a title or sub-item label (a user may shorten a name), or is one of a
   * catalog record's keywords as a whole (the name a program goes by: フロンティア補助金, もの補助).
   */
  knowsName(name: string): boolean;
  /** Content words of the titles and sub-item labels: what a program is named for. */
  nameWords: Set<string>;
  /** Whether the corpus text contains the phrase (compared compact). */
  mentions(phrase: string): boolean;
  /** A program's title and passages, compact. */
  programText(programId: string): string;
}

const views = new WeakMap<SearchEngine, CatalogView>();

export function catalogView(engine: SearchEngine): CatalogView {
  let view = views.get(engine);
  if (!view) views.set(engine, (view = build(engine)));
  return view;
}

function build(engine: SearchEngine): CatalogView {
  const byId = new Map(engine.programs.map((p) => [p.id, p]));
  const chunks = new Map<string, Chunk[]>();
  for (const c of engine.chunks) chunks.set(c.programId, [...(chunks.get(c.programId) ?? []), c]);
  const words = new Map<string, Set<string>>();
  const names = engine.programs.flatMap((p) => [
    { program: p, name: compact(p.title) },
    ...p.sections.flatMap((s) => s.items.map((i) => ({ program: p, name: compact(i.label) }))),
  ]).filter((n) => n.name.length >= 4);
  // Only whole keywords: a keyword such as 補助金 is part of every grant's name without naming one.
  const keywordNames = new Set(engine.programs.flatMap((p) => p.keywords.map(compact)).filter((k) => k.length >= 4));
  const titles = engine.programs.filter((p) => p.kind === 'program').map((program) => ({ program, name: compact(program.title) }));
  const offices = engine.programs.flatMap((program) =>
    program.contacts.flatMap((c) => c.office.split(/\s+/).map(compact).filter((part) => part.length >= 4 && OFFICE_END.test(part)).map((part) => ({ program, part }))),
  );
  // Titles by their first two characters: a text names a title where one of its bigrams starts it.
  const byStart = new Map<string, number[]>();
  const short: number[] = [];
  // Titles by their first character: those a shortening may stand for.
  const byFirst = new Map<string, { program: Program; name: string }[]>();
  titles.forEach((t, i) => {
    const { name } = t;
    if (name) {
      const same = byFirst.get(name[0]!);
      if (same) same.push(t);
      else byFirst.set(name[0]!, [t]);
    }
    if (name.length < 2) short.push(i);
    else byStart.set(name.slice(0, 2), [...(byStart.get(name.slice(0, 2)) ?? []), i]);
  });
  /** The titles the compact text holds, in catalog order. */
  const titlesIn = (t: string) => {
    const at = new Set(short);
    for (let i = 0; i + 2 <= t.length; i++) for (const x of byStart.get(t.slice(i, i + 2)) ?? []) at.add(x);
    return [...at].sort((a, b) => a - b).map((i) => titles[i]!).filter((x) => t.includes(x.name));
  };
  let trigrams: TrigramFilter | null = null;
  const texts = new Map<string, string>();
  let byName: Map<string, Program[]> | null = null;
  let text: Uint16Array | null = null;
  let nameWords: Set<string> | null = null;
  return {
    programs: engine.programs,
    program: (id) => byId.get(id)!,
    chunks: (id) => chunks.get(id) ?? [],
    programWords(id) {
      let set = words.get(id);
      if (!set) {
        words.set(id, (set = new Set((chunks.get(id) ?? []).flatMap((c) => engine.lexical.chunkWords(c.id)))));
      }
      return set;
    },
    named(text) {
      const t = compact(text);
      const found = titlesIn(t).map((x) => ({ ...x, at: t.indexOf(x.name), end: t.indexOf(x.name) + x.name.length }));
      // 浄化槽工事業登録・特例浄化槽工事業届出 names that program, not 浄化槽工事業登録 too.
      return found
        .filter((x) => !found.some((y) => y.name.length > x.name.length && y.at <= x.at && y.end >= x.end))
        .sort((a, b) => a.at - b.at)
        .map((x) => x.program);
    },
    sameName(program) {
      if (!byName) {
        byName = new Map();
        for (const p of engine.programs) {
          const name = compact(p.title);
          byName.set(name, [...(byName.get(name) ?? []), p]);
        }
      }
      return byName.get(compact(program.title)) ?? [program];
    },
    shortened(text) {
      return abbreviations(compact(text), (c) => byFirst.get(c) ?? [], (run) => this.mentions(run));
    },
    officeNamed(text) {
      const t = compact(text);
      if (offices.some((o) => t.includes(o.part))) return [];
      return [...new Set(offices.filter((o) => oneOff(t, o.part)).map((o) => o.program))];
    },
    programText(id) {
      let t = texts.get(id);
      if (t === undefined) texts.set(id, (t = compact((chunks.get(id) ?? []).map((c) => `${c.programTitle}\n${c.text}`).join('\n'))));
      return t;
    },
    mentions(phrase) {
      text ??= corpusText(engine.chunks);
      trigrams ??= trigramFilter(text);
      const p = compact(phrase);
      // Most phrases the corpus never writes have a three-character run it never writes either.
      for (let i = 0; i + 3 <= p.length; i++) if (!trigrams.has(p, i)) return false;
      return holds(text, p);
    },
    get nameWords() {
      return (nameWords ??= new Set(names.flatMap((n) => engine.analyzer.analyze(n.name).words)));
    },
    knowsName(name) {
      const n = compact(name);
      return keywordNames.has(n) || names.some((x) => x.name.includes(n) || n.includes(x.name));
    },
  };
}

interface TrigramFilter {
  /** False when the text surely never writes the three characters of `s` from `at`. */
  has(s: string, at: number): boolean;
}

/**
 * 2^23 bits (1 MB): a Worker isolate holds 128 MB in all. RS FY2025's 8 M characters set about a third of
 * them, so a phrase of four trigrams the corpus lacks passes all four about 1 time in 100 and is then scanned.
 */
const TRIGRAM_LOG2 = 23;

/**
 * The corpus as `mentions` searches it: each chunk's title and text compacted, one after the other, as
 * UTF-16 code units in a typed array. A JS string of it (8 M characters for RS FY2025, two bytes each)
 * would sit in the JS heap, where V8 lets garbage grow in proportion to what is live; an array buffer's
 * bytes do not count there. Compacted a chunk at a time (a line break between pieces is a space, which
 * compact drops): the whole text is never there in its several intermediate forms at once.
 */
function corpusText(chunks: readonly Chunk[]): Uint16Array {
  // Sized once for the text as written: compacting drops spaces and rarely lengthens (NFKC's ㍻ is 平成), so a
  // second, larger array is seldom made; the first is kept as is rather than copied to its exact length.
  // A large array made and dropped while the text is built would stay until V8's next full collection.
  let out = new Uint16Array(chunks.reduce((n, c) => n + c.programTitle.length + c.text.length, 0) + 1024);
  let length = 0;
  const put = (s: string) => {
    if (length + s.length > out.length) {
      const grown = new Uint16Array(Math.ceil((length + s.length) * 1.25));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    for (let i = 0; i < s.length; i++) out[length++] = s.charCodeAt(i);
  };
  for (const c of chunks) {
    put(compact(c.programTitle));
    put(compact(c.text));
  }
  return out.subarray(0, length);
}

/**
 * Whether the code units hold the string `p` (what `String.prototype.includes` says of the text): found from
 * the occurrences of its rarest code unit in the text, which the typed array's own `indexOf` finds.
 */
function holds(text: Uint16Array, p: string): boolean {
  if (p.length === 0) return true;
  let anchor = 0;
  for (let i = 1; i < p.length; i++) if (unitCount(text, p.charCodeAt(i)) < unitCount(text, p.charCodeAt(anchor))) anchor = i;
  const unit = p.charCodeAt(anchor);
  const end = text.length - p.length + anchor;
  for (let at = text.indexOf(unit, anchor); at >= 0 && at <= end; at = text.indexOf(unit, at + 1)) {
    const start = at - anchor;
    let i = 0;
    while (i < p.length && text[start + i] === p.charCodeAt(i)) i++;
    if (i === p.length) return true;
  }
  return false;
}

/** How often each code unit occurs in a text (256 KB, counted once per text). */
const unitCounts = new WeakMap<Uint16Array, Uint32Array>();

function unitCount(text: Uint16Array, unit: number): number {
  let counts = unitCounts.get(text);
  if (!counts) {
    counts = new Uint32Array(0x10000);
    for (let i = 0; i < text.length; i++) counts[text[i]!]!++;
    unitCounts.set(text, counts);
  }
  return counts[unit]!;
}

/** Every run of three UTF-16 units of a text, hashed into a bitset: no false "never". */
function trigramFilter(text: Uint16Array): TrigramFilter {
  const bits = new Uint32Array((1 << TRIGRAM_LOG2) >>> 5);
  const mix = (a: number, b: number, c: number) => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) >>> (32 - TRIGRAM_LOG2);
  for (let i = 0; i + 3 <= text.length; i++) {
    const h = mix(text[i]!, text[i + 1]!, text[i + 2]!);
    bits[h >>> 5]! |= 1 << (h & 31);
  }
  return {
    has(s, at) {
      const h = mix(s.charCodeAt(at), s.charCodeAt(at + 1), s.charCodeAt(at + 2));
      return (bits[h >>> 5]! & (1 << (h & 31))) !== 0;
    },
  };
}

/** How office names end: what tells an office from any other noun. */
const OFFICE_END = /(課|室|局|部|庁|センター|係|班)$/;

/** Whether `text` holds `name` with exactly one character different (its last, the 課 or 室, the same). */
function oneOff(text: string, name: string): boolean {
  for (let at = text.indexOf(name.at(-1)!, name.length - 1); at >= 0; at = text.indexOf(name.at(-1)!, at + 1)) {
    const start = at - name.length + 1;
    if (start < 0) continue;
    let differ = 0;
    for (let i = 0; i < name.length - 1 && differ <= 1; i++) if (text[start + i] !== name[i]) differ++;
    if (differ === 1) return true;
  }
  return false;
}

/**
 * Programs a run of kanji (and katakana) the documents never write shortens, as 水協法 shortens 水産協同組合法
 * and 省エネ投資促進支援補助金 省エネルギー投資促進に向けた支援補助金: the title starts and ends with the run's
 * first and last characters and holds the rest in order. A run that fits more than a few titles names none of them.
 */
function abbreviations(text: string, startingWith: (c: string) => readonly { program: Program; name: string }[], mentioned: (run: string) => boolean): Program[] {
  const out: Program[] = [];
  for (const run of text.match(/\p{Script=Han}{3,5}|[\p{Script=Han}\p{Script=Katakana}ー]{6,}/gu) ?? []) {
    const fits = startingWith(run[0]!).filter(({ name }) => name.length <= SHORTENED_BY * run.length && name.endsWith(run.at(-1)!) && inOrder(run, name));
    // Whether the documents write the run is asked last: it reads the corpus text.
    if (fits.length > 0 && fits.length <= 3 && !mentioned(run)) out.push(...fits.map((f) => f.program));
  }
  return out;
}

/** A short name is at most this many times shorter than the name it stands for. */
const SHORTENED_BY = 4;

function inOrder(short: string, name: string): boolean {
  let at = 0;
  for (const c of short) {
    at = name.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
