import { VIEWS, type LexicalParts, type View } from '../vectors/lexical-index.js';
import { mergeSegments, type Postings, type Segment } from '../vectors/postings.js';
import type { ReadingUses } from './readings.js';
import type { StoredSegment } from './segment-cache.js';

type Mergeable = Pick<StoredSegment, 'views' | 'windowChunk' | 'words' | 'phrases'>;

/** Analysed segments, in corpus order → the lexical index and the synonym phrases found. */
export function mergeAnalysis(segments: readonly Mergeable[]): { lexical: LexicalParts; phrases: Set<string> } {
  const merged = mergeParts(segments);
  const views = Object.fromEntries(VIEWS.map((v) => [v, postingsOf(merged.views[v])])) as Record<View, Postings>;
  return { lexical: { views, windowChunk: merged.windowChunk, vocabulary: merged.words }, phrases: new Set(merged.phrases) };
}

/**
 * Consecutive stored segments → one stored segment, as if their chunks had been analysed together: merged
 * once and kept, a run of segments merges with the others as its segments would, at a fraction of the runs.
 */
export function mergeStored(segments: readonly StoredSegment[]): StoredSegment {
  const uses = new Map<string, Map<string, number>>();
  for (const s of segments) {
    for (const [reading, word, count] of s.readings) {
      let words = uses.get(reading);
      if (!words) uses.set(reading, (words = new Map()));
      words.set(word, (words.get(word) ?? 0) + count);
    }
  }
  const readings: ReadingUses = [];
  for (const [reading, words] of uses) for (const [word, count] of words) readings.push([reading, word, count]);
  return { ...mergeParts(segments), readings, characters: segments.reduce((n, s) => n + s.characters, 0) };
}

function mergeParts(segments: readonly Mergeable[]): Mergeable & { views: Record<View, Segment> } {
  const views = Object.fromEntries(VIEWS.map((v) => [v, mergeSegments(segments.map((s) => s.views[v]))])) as Record<View, Segment>;
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
  return { views, windowChunk, words: [...vocabulary], phrases: [...phrases] };
}

/** A view's postings as the index keeps them: without each term's last document, which only merging needs. */
function postingsOf({ lasts: _lasts, ...postings }: Segment): Postings {
  return postings;
}
