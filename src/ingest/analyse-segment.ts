import { contentWords, pairsOf, phrasesOf } from '../text/analyzer.js';
import type { Morphology } from '../text/morphemes.js';
import { charBigrams } from '../text/ngrams.js';
import { normalize } from '../text/normalize.js';
import { sentencesOf, VIEWS, type View } from '../vectors/lexical-index.js';
import { termHash } from '../vectors/local-embeddings.js';
import { SegmentBuilder, type Segment } from '../vectors/postings.js';
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

/**
 * Analyses chunks once each: every sentence goes through kuromoji once, and a chunk's words and each of
 * its windows' words are those sentences' words put together; bigrams come from the normalised text.
 * Pure and synchronous: it runs the same in an ingest worker thread and in process.
 */
export function analyseSegment(morphology: Morphology, chunks: readonly ChunkText[], wanted: ReadonlySet<string>): AnalysedSegment {
  const { morphology: noted, seen } = noteEntries(morphology);
  // The chunk views keep each term's hash for the local vectors, which are made from these postings.
  const hashed = { words: (t: string) => termHash('words', t), grams: (t: string) => termHash('grams', t) } as Partial<Record<View, (t: string) => number>>;
  const builders = Object.fromEntries(VIEWS.map((v) => [v, new SegmentBuilder(hashed[v])])) as Record<View, SegmentBuilder>;
  const windowChunk: number[] = [];
  const words = new Set<string>();
  const phrases = new Set<string>();
  const wordsOf = cache((sentence: string) => contentWords(noted, sentence));
  let characters = 0;
  chunks.forEach((chunk, c) => {
    const indexed = [chunk.title, ...(chunk.section === null ? [] : [chunk.section]), chunk.text].join('\n');
    characters += indexed.length;
    // The title, the section and the text's sentences, as one list: windows run across all three.
    const sentences = sentencesOf(indexed);
    const sentenceWords = sentences.map(wordsOf);
    const all = sentenceWords.flat();
    for (const w of all) words.add(w);
    for (const p of phrasesOf(all)) if (wanted.has(p)) phrases.add(p);
    builders.words.add(all);
    builders.grams.add(charBigrams(normalize(indexed)));
    builders.pairs.add(pairsOf(all));
    const titleWords = wordsOf(chunk.title);
    const windows = sentences.length <= 1 ? sentences.map((_, i) => [i]) : sentences.slice(1).map((_, i) => [i, i + 1]);
    for (const w of windows) {
      builders.windowWords.add(titleWords, ...w.map((i) => sentenceWords[i]!));
      builders.windowGrams.add(charBigrams(normalize(`${chunk.title}\n${w.map((i) => sentences[i]).join('')}`)));
      windowChunk.push(c);
    }
  });
  return {
    views: Object.fromEntries(VIEWS.map((v) => [v, builders[v].finish()])) as Record<View, Segment>,
    windowChunk: Uint32Array.from(windowChunk),
    words: [...words],
    phrases: [...phrases],
    seen: serializeSeen(seen),
    characters,
  };
}

function serializeSeen(seen: ReadingsSeen): AnalysedSegment['seen'] {
  return { known: [...seen.known], unknown: [...seen.unknown] };
}

/** A string function memoised for the segment: boilerplate sentences and titles repeat. */
function cache<T>(f: (s: string) => T): (s: string) => T {
  const known = new Map<string, T>();
  return (s) => {
    let v = known.get(s);
    if (v === undefined) known.set(s, (v = f(s)));
    return v;
  };
}
