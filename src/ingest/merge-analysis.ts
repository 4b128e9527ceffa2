import { VIEWS, type LexicalParts, type View } from '../vectors/lexical-index.js';
import { mergeSegments, type Postings } from '../vectors/postings.js';
import type { StoredSegment } from './segment-cache.js';

/** Analysed segments, in corpus order → the lexical index and the synonym phrases found. */
export function mergeAnalysis(segments: readonly Pick<StoredSegment, 'views' | 'windowChunk' | 'words' | 'phrases'>[]): { lexical: LexicalParts; phrases: Set<string> } {
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
  for (const s of segments) {
    for (const w of s.words) vocabulary.add(w);
    for (const p of s.phrases) phrases.add(p);
  }
  return { lexical: { views, windowChunk, vocabulary: [...vocabulary] }, phrases };
}
