import { contentWords, phrasesOf } from '../text/analyzer.js';
import type { Morphology } from '../text/morphemes.js';
import { normalize } from '../text/normalize.js';
import { sentencesOf, type View } from '../vectors/lexical-index.js';
import { termHash } from '../vectors/local-embeddings.js';
import { PairIds, SegmentBuilder, StringIds, type Segment } from '../vectors/postings.js';
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

/** A sentence analysed once: its content words (text and id) and its character bigrams (ids), with what joining it to the next needs. */
interface Sentence {
  words: string[];
  wordIds: number[];
  grams: Grams;
}

/** Bigram ids of a normalised text; `first`/`last` are the code points at its ends when a run of word characters touches them, else −1. */
interface Grams {
  ids: number[];
  first: number;
  last: number;
  firstSingle: boolean;
  lastSingle: boolean;
}

// Runs of letters, digits and marks; punctuation and symbols split them (as text/ngrams.ts's charBigrams).
const RUN = /[\p{L}\p{N}\p{M}ー]+/gu;

/**
 * Analyses chunks once each: every sentence goes through kuromoji and the bigram scan once, and a chunk's
 * terms and each of its windows' terms are those sentences' put together, as term ids: the postings are
 * those of analysing each chunk and window text whole (text/analyzer.ts), without doing it.
 * Pure and synchronous: it runs the same in an ingest worker thread and in process.
 */
export function analyseSegment(morphology: Morphology, chunks: readonly ChunkText[], wanted: ReadonlySet<string>): AnalysedSegment {
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
  const gramsOf = (normalized: string): Grams => {
    const ids: number[] = [];
    let first = -1, last = -1, firstSingle = false, lastSingle = false;
    for (const m of normalized.matchAll(RUN)) {
      const cps = Array.from(m[0], (c) => c.codePointAt(0)!);
      if (cps.length === 1) ids.push(grams.id(cps[0]!, -1));
      for (let i = 0; i + 1 < cps.length; i++) ids.push(grams.id(cps[i]!, cps[i + 1]!));
      if (m.index === 0) [first, firstSingle] = [cps[0]!, cps.length === 1];
      if (m.index + m[0].length === normalized.length) [last, lastSingle] = [cps[cps.length - 1]!, cps.length === 1];
    }
    return { ids, first, last, firstSingle, lastSingle };
  };
  const sentenceOf = memo((text: string): Sentence => {
    const w = contentWords(noted, text);
    return { words: w, wordIds: w.map((x) => words.id(x)), grams: gramsOf(normalize(text)) };
  });
  const phrases = new Set<string>();
  const windowChunk: number[] = [];
  let characters = 0;
  chunks.forEach((chunk, c) => {
    const indexed = [chunk.title, ...(chunk.section === null ? [] : [chunk.section]), chunk.text].join('\n');
    characters += indexed.length;
    // The title, the section and the text's sentences, as one list: windows run across all three.
    const sentences = sentencesOf(indexed).map(sentenceOf);
    const all = sentences.flatMap((s) => s.wordIds);
    for (const p of phrasesOf(sentences.flatMap((s) => s.words))) if (wanted.has(p)) phrases.add(p);
    b.words.add(all);
    b.grams.add(...sentences.map((s) => s.grams.ids));
    const pairIds: number[] = [];
    for (let i = 0; i + 1 < all.length; i++) pairIds.push(pairs.id(all[i]!, all[i + 1]!));
    b.pairs.add(pairIds);
    const title = sentenceOf(chunk.title);
    const windows = sentences.length <= 1 ? sentences.map((s) => [s]) : sentences.slice(1).map((s, i) => [sentences[i]!, s]);
    for (const w of windows) {
      b.windowWords.add(title.wordIds, ...w.map((s) => s.wordIds));
      b.windowGrams.add(title.grams.ids, w.length === 1 ? w[0]!.grams.ids : joined(w[0]!.grams, w[1]!.grams, (x, y) => grams.id(x, y)));
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

/** The bigrams of two texts written one after the other: where word characters meet, their runs join. */
function joined(a: Grams, b: Grams, pair: (x: number, y: number) => number): number[] {
  if (a.last < 0 || b.first < 0) return [...a.ids, ...b.ids];
  return [...(a.lastSingle ? a.ids.slice(0, -1) : a.ids), pair(a.last, b.first), ...(b.firstSingle ? b.ids.slice(1) : b.ids)];
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
