import { VIEWS, type LexicalParts, type View } from '../vectors/lexical-index.js';
import { mergeSegments, type Postings } from '../vectors/postings.js';
import type { AnalysedSegment } from './analyse-segment.js';
import type { ReadingsSeen } from './readings.js';

/** Analysed segments, in corpus order → the lexical index, what the corpus's analysis met, and the synonym phrases found. */
export function mergeAnalysis(segments: readonly AnalysedSegment[]): { lexical: LexicalParts; seen: ReadingsSeen; phrases: Set<string> } {
  const views = Object.fromEntries(VIEWS.map((v) => [v, mergeSegments(segments.map((s) => s.views[v]))])) as Record<View, Postings>;
  const windowChunk = new Uint32Array(segments.reduce((n, s) => n + s.windowChunk.length, 0));
  let windows = 0;
  let chunks = 0;
  for (const s of segments) {
    for (let i = 0; i < s.windowChunk.length; i++) windowChunk[windows + i] = chunks + s.windowChunk[i]!;
    windows += s.windowChunk.length;
    chunks += s.views.words.lengths.length;
  }
  const vocabulary = new Set<string>();
  const phrases = new Set<string>();
  const seen: ReadingsSeen = { known: new Map(), unknown: new Map() };
  for (const s of segments) {
    for (const w of s.words) vocabulary.add(w);
    for (const p of s.phrases) phrases.add(p);
    for (const [id, n] of s.seen.known) seen.known.set(id, (seen.known.get(id) ?? 0) + n);
    for (const [surface, n] of s.seen.unknown) seen.unknown.set(surface, (seen.unknown.get(surface) ?? 0) + n);
  }
  return { lexical: { views, windowChunk, vocabulary: [...vocabulary] }, seen, phrases };
}
