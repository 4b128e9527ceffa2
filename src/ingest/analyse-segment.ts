import { contentWordOf } from '../text/analyzer.js';
import type { Morpheme, Morphology } from '../text/morphemes.js';
import { normalize } from '../text/normalize.js';
import { sentencesOf, type View } from '../vectors/lexical-index.js';
import { termHash } from '../vectors/local-embeddings.js';
import { PairIds, SegmentBuilder, StringIds, type Segment } from '../vectors/postings.js';
import { BEGINS, PhraseTable, WANTED, type Phrases } from './phrase-table.js';
import { noteEntries, type ReadingsSeen } from './readings.js';

/** What the index reads of a chunk: its program's title, its section (null when it is the title) and its text. */
export interface ChunkText {
  title: string;
  section: string | null;
  text: string;
}

/** A run of consecutive chunks, analysed: its postings per view and what the whole index gathers from it. */
export interface AnalysedSegment {
  views: Record<View, Segment>;
  /** Each window's chunk, counted from the segment's first chunk. */
  windowChunk: Uint32Array;
  /** The content words the segment uses, once each. */
  words: string[];
  /** Of the phrases asked about (synonym entries), those the segment's text holds. */
  phrases: string[];
  seen: { known: [number, number][]; unknown: [string, number][] };
  characters: number;
}

/** A sentence analysed once: its content words and its character bigrams (ids), with what joining it to the next needs. */
interface Sentence {
  wordIds: Int32Array;
  grams: Grams;
}

/** Bigram ids of a normalised text; `first`/`last` are the code points at its ends when a run of word characters touches them, else −1. */
interface Grams {
  ids: Int32Array;
  first: number;
  last: number;
  firstSingle: boolean;
  lastSingle: boolean;
}

/** A kuromoji token: which dictionary entry it is, where the morphology says. */
type Token = Morpheme & { word_id?: number };

/**
 * Analyses chunks once each: every sentence goes through kuromoji and the bigram scan once, and a chunk's
 * terms and each of its windows' terms are those sentences' put together, as term ids: the postings are
 * those of analysing each chunk and window text whole (text/analyzer.ts), without doing it.
 * Pure and synchronous: it runs the same in an ingest worker thread and in process.
 */
export function analyseSegment(morphology: Morphology, chunks: readonly ChunkText[], wanted: ReadonlySet<string> | Phrases): AnalysedSegment {
  const { morphology: noted, seen } = noteEntries(morphology);
  const words = new StringIds();
  const grams = new PairIds((a, b) => String.fromCodePoint(a) + (b < 0 ? '' : String.fromCodePoint(b)));
  const pairs = new PairIds((a, b) => `${words.term(a)} ${words.term(b)}`);
  // The chunk views keep each term's hash for the local vectors, which are made from these postings.
  const b = {
    words: new SegmentBuilder((t) => termHash('words', t)),
    grams: new SegmentBuilder((t) => termHash('grams', t)),
    pairs: new SegmentBuilder(),
    windowWords: new SegmentBuilder(),
    windowGrams: new SegmentBuilder(),
  } satisfies Record<View, SegmentBuilder>;
  // A dictionary entry is the same content word (or none) wherever it occurs: decided once per entry.
  const entryWords = new Map<number, number>();
  const wordId = (t: Token): number => {
    const entry = t.word_type === 'KNOWN' ? t.word_id : undefined;
    let id = entry === undefined ? undefined : entryWords.get(entry);
    if (id === undefined) {
      const w = contentWordOf(t);
      id = w === null ? -1 : words.id(w);
      if (entry !== undefined) entryWords.set(entry, id);
    }
    return id;
  };
  const sentenceOf = memo((text: string): Sentence => {
    const normalized = normalize(text);
    const ids: number[] = [];
    for (const t of noted.tokenize(normalized)) {
      const id = wordId(t);
      if (id >= 0) ids.push(id);
    }
    return { wordIds: Int32Array.from(ids), grams: gramsOf(normalized, (x, y) => grams.id(x, y)) };
  });
  const phrasesIn = phraseFinder(wanted, words);
  const phrases = new Set<string>();
  const windowChunk: number[] = [];
  let characters = 0;
  chunks.forEach((chunk, c) => {
    const indexed = [chunk.title, ...(chunk.section === null ? [] : [chunk.section]), chunk.text].join('\n');
    characters += indexed.length;
    // The title, the section and the text's sentences, as one list: windows run across all three.
    const sentences = sentencesOf(indexed).map(sentenceOf);
    const all: number[] = [];
    for (const s of sentences) for (let i = 0; i < s.wordIds.length; i++) all.push(s.wordIds[i]!);
    b.words.add(all);
    b.grams.add(...sentences.map((s) => s.grams.ids));
    const pairIds: number[] = [];
    for (let i = 0; i + 1 < all.length; i++) pairIds.push(pairs.id(all[i]!, all[i + 1]!));
    b.pairs.add(pairIds);
    phrasesIn(all, pairIds, phrases);
    const title = sentenceOf(chunk.title);
    const windows = sentences.length <= 1 ? sentences.map((s) => [s]) : sentences.slice(1).map((s, i) => [sentences[i]!, s]);
    for (const w of windows) {
      b.windowWords.add(title.wordIds, ...w.map((s) => s.wordIds));
      if (w.length === 1) b.windowGrams.add(title.grams.ids, w[0]!.grams.ids);
      else b.windowGrams.add(title.grams.ids, ...joined(w[0]!.grams, w[1]!.grams, (x, y) => grams.id(x, y)));
      windowChunk.push(c);
    }
  });
  return {
    views: { words: b.words.finish(words), grams: b.grams.finish(grams), pairs: b.pairs.finish(pairs), windowWords: b.windowWords.finish(words), windowGrams: b.windowGrams.finish(grams) },
    windowChunk: Uint32Array.from(windowChunk),
    words: Array.from({ length: words.size }, (_, i) => words.term(i)),
    phrases: [...phrases],
    seen: serializeSeen(seen),
    characters,
  };
}

// Letters, digits and marks; punctuation and symbols split runs of them (as text/ngrams.ts's charBigrams).
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}ー]$/u;
const WORD_UNITS = (() => {
  const out = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) out[c] = WORD_CHARACTER.test(String.fromCharCode(c)) ? 1 : 0;
  return out;
})();
const astralWords = new Map<number, boolean>();

/**
 * The character bigrams of a normalised text, as ids (`pair(a, b)` of code points; a one-character run
 * gives `pair(a, −1)`), in the order charBigrams gives them, read a code point at a time.
 */
function gramsOf(text: string, pair: (a: number, b: number) => number): Grams {
  const ids: number[] = [];
  let first = -1, last = -1, firstSingle = false, lastSingle = false;
  let run = 0;
  let runFirst = -1;
  let runStart = 0;
  let prev = -1;
  const close = (end: number) => {
    if (run === 1) ids.push(pair(prev, -1));
    if (runStart === 0) [first, firstSingle] = [runFirst, run === 1];
    if (end === text.length) [last, lastSingle] = [prev, run === 1];
    run = 0;
  };
  for (let i = 0; i < text.length; ) {
    let cp = text.charCodeAt(i);
    let width = 1;
    let word: boolean;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      cp = text.codePointAt(i)!;
      width = 2;
      let w = astralWords.get(cp);
      if (w === undefined) astralWords.set(cp, (w = WORD_CHARACTER.test(String.fromCodePoint(cp))));
      word = w;
    } else word = WORD_UNITS[cp] === 1;
    if (word) {
      if (run === 0) [runFirst, runStart] = [cp, i];
      else ids.push(pair(prev, cp));
      prev = cp;
      run++;
    } else if (run > 0) close(i);
    i += width;
  }
  if (run > 0) close(text.length);
  return { ids: Int32Array.from(ids), first, last, firstSingle, lastSingle };
}

/** The bigrams of two texts written one after the other, as runs: where word characters meet, their runs join. */
function joined(a: Grams, b: Grams, pair: (x: number, y: number) => number): ArrayLike<number>[] {
  if (a.last < 0 || b.first < 0) return [a.ids, b.ids];
  return [a.lastSingle ? a.ids.subarray(0, -1) : a.ids, [pair(a.last, b.first)], b.firstSingle ? b.ids.subarray(1) : b.ids];
}

/**
 * The phrases asked about (`wanted`) among a chunk's 1–3 adjacent content words (text/analyzer.ts's
 * phrasesOf), added to `out` in phrasesOf's order. A word and a pair of words is judged once per segment;
 * two words are joined only after a word, three after a pair, that begins some longer wanted phrase.
 */
function phraseFinder(wanted: ReadonlySet<string> | Phrases, words: StringIds): (all: readonly number[], pairIds: readonly number[], out: Set<string>) => void {
  const phrases = 'flags' in wanted ? wanted : phrasesOfSet(wanted);
  let wordState = new Uint8Array(1024);
  let pairState = new Uint8Array(1024);
  return (all, pairIds, out) => {
    if (wordState.length < words.size) wordState = grown(wordState, words.size);
    for (let i = 0; i < all.length; i++) {
      const a = all[i]!;
      if (!wordState[a]) wordState[a] = JUDGED | phrases.flags(words.term(a));
      // A phrase is added once per segment: the set keeps its first place.
      if ((wordState[a]! & (WANTED | ADDED)) === WANTED) {
        out.add(words.term(a));
        wordState[a]! |= ADDED;
      }
      if (i + 1 >= all.length) break;
      if (!(wordState[a]! & BEGINS)) continue;
      const p = pairIds[i]!;
      if (pairState.length <= p) pairState = grown(pairState, p + 1);
      if (!pairState[p]) pairState[p] = JUDGED | phrases.flags(words.term(a) + words.term(all[i + 1]!));
      if ((pairState[p]! & (WANTED | ADDED)) === WANTED) {
        out.add(words.term(a) + words.term(all[i + 1]!));
        pairState[p]! |= ADDED;
      }
      if (i + 2 < all.length && pairState[p]! & BEGINS) {
        const three = words.term(a) + words.term(all[i + 1]!) + words.term(all[i + 2]!);
        if (phrases.flags(three) & WANTED) out.add(three);
      }
    }
  };
}

const JUDGED = 1;
/** Already in the segment's phrases (WANTED and BEGINS are the table's). */
const ADDED = 8;

function grown(a: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
}

const setPhrases = new WeakMap<ReadonlySet<string>, Phrases>();

/** A Set of phrases as their table (made once per Set). */
function phrasesOfSet(wanted: ReadonlySet<string>): Phrases {
  let out = setPhrases.get(wanted);
  if (!out) setPhrases.set(wanted, (out = PhraseTable.of(wanted)));
  return out;
}

function serializeSeen(seen: ReadingsSeen): AnalysedSegment['seen'] {
  return { known: [...seen.known], unknown: [...seen.unknown] };
}

/** A string function memoised for the segment: boilerplate sentences and titles repeat. */
function memo<T>(f: (s: string) => T): (s: string) => T {
  const known = new Map<string, T>();
  return (s) => {
    let v = known.get(s);
    if (v === undefined) known.set(s, (v = f(s)));
    return v;
  };
}
