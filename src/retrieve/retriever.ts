import type { Chunk } from '../catalog.js';
import type { QueryTerms } from '../text/synonyms.js';
import type { LexicalIndex, LexicalScores } from '../vectors/lexical-index.js';
import type { VectorSearch } from '../vectors/vector-search.js';

/** How much each view counts once scaled to [0, 1] by the best document of the query. */
export interface FusionWeights {
  words: number;
  grams: number;
  pairs: number;
  windowWords: number;
  windowGrams: number;
  vector: number;
}

export const FUSION_DEFAULTS: FusionWeights = { words: 1, grams: 1, pairs: 0.5, windowWords: 1, windowGrams: 1, vector: 0.25 };

export interface Hit {
  chunk: Chunk;
  score: number;
}

export interface RetrieverOptions {
  chunks: Chunk[];
  lexical: LexicalIndex;
  vectors: VectorSearch;
  /** Query (and its analysed terms) → vector, by the embedder the index was built with. */
  embed: (query: string, terms: QueryTerms) => Promise<number[]> | number[];
  expand: (query: string) => QueryTerms;
  weights?: Partial<FusionWeights>;
  /** Candidates asked of the vector search before fusion. */
  vectorK?: number;
  /** When set, the vector search compares the query only with this many lexically best chunks. */
  vectorCandidates?: number;
}

/** A factor on each chunk's score: 0 leaves it out (another region's program), 1 keeps it as it is. */
export type ChunkWeight = (chunk: Chunk) => number;

export interface Retriever {
  /** Ranked chunks, best first. */
  search(query: string, k: number, weight?: ChunkWeight): Promise<Hit[]>;
  /** Ranked programs: each program's best chunk, best first. */
  searchPrograms(query: string, k: number, weight?: ChunkWeight): Promise<Hit[]>;
}

/**
 * Hybrid retrieval: BM25 on content words and on character bigrams, at chunk and sentence-window
 * grain, plus vector similarity, each scaled by its best score for the query and summed.
 *
 * @example const hits = await createRetriever({ chunks, lexical, vectors, embed, expand }).searchPrograms('省エネ診断', 3);
 */
export function createRetriever(options: RetrieverOptions): Retriever {
  const weights = { ...FUSION_DEFAULTS, ...options.weights };
  const { chunks, lexical, vectors, embed, expand } = options;
  const vectorK = options.vectorK ?? 10;
  const ordinals = new Map<string, number>();
  const programOf = Int32Array.from(chunks, (c) => {
    let p = ordinals.get(c.programId);
    if (p === undefined) ordinals.set(c.programId, (p = ordinals.size));
    return p;
  });
  const programCount = ordinals.size;
  // The chunks' ids by index, read without touching the chunk objects.
  const chunkIds = Int32Array.from(chunks, (c) => c.id);

  /**
   * Each chunk's fused score; with them, when the vector search was asked about the lexically best chunks
   * only and found its neighbours among them, those chunks' indexes.
   */
  async function scores(query: string, weight?: ChunkWeight): Promise<{ fused: Float64Array; best?: Int32Array }> {
    const terms = expand(query);
    const views: LexicalScores = lexical.score(terms.words, terms.grams, terms.pairs);
    const fused = fuse(views, weights, chunks.length);
    let best: Int32Array | undefined;
    if (weights.vector > 0 && (terms.words.length > 0 || terms.grams.length > 0)) {
      if (options.vectorCandidates) best = bestIds(fused, options.vectorCandidates);
      let among: Int32Array | undefined;
      if (best) {
        among = new Int32Array(best.length);
        for (let j = 0; j < best.length; j++) among[j] = chunkIds[best[j]!]!;
      }
      const neighbors = await vectors.search(await embed(query, terms), vectorK, among);
      const top = neighbors[0]?.score ?? 0;
      if (top > 0) for (const n of neighbors) if (n.score > 0) fused[n.id] = fused[n.id]! + (weights.vector * n.score) / top;
      if (best && neighbors.length > 0) {
        const candidate = new Uint8Array(chunks.length);
        for (const i of best) candidate[i] = 1;
        if (!neighbors.every((n) => candidate[n.id] === 1)) best = undefined;
      }
    }
    if (weight) for (let i = 0; i < fused.length; i++) if (fused[i]! > 0) fused[i] = fused[i]! * weight(chunks[i]!);
    return { fused, best: weight ? undefined : best };
  }

  return {
    async search(query, k, weight) {
      const { fused, best } = await scores(query, weight);
      // A chunk outside the lexically best scores at most what each of them does (ties: a higher id), and
      // only they may have gained the vector's part: the k best are among them when they hold k, or every
      // chunk with a score.
      if (best && k > 0 && (k <= best.length || best.length < options.vectorCandidates!)) return topOf(fused, best, k, chunks);
      return top(fused, k, chunks);
    },
    async searchPrograms(query, k, weight) {
      const { fused } = await scores(query, weight);
      // Each program's best chunk: by program ordinal, in typed arrays (chunks of a program are adjacent or not).
      const best = new Int32Array(programCount).fill(-1);
      for (let i = 0; i < fused.length; i++) {
        const score = fused[i]!;
        if (score <= 0) continue;
        const p = programOf[i]!;
        if (best[p]! < 0 || score > fused[best[p]!]!) best[p] = i;
      }
      return topOf(fused, best, k, chunks);
    },
  };
}

/**
 * Per chunk, the sum over views of `weight · score / the view's best score`, in one pass without branches:
 * the views are added in a fixed order and a view left out (weight 0, or no score) adds 0 · its scores = 0,
 * so each sum is the same number as when the views are added one at a time.
 */
function fuse(views: LexicalScores, weights: FusionWeights, size: number): Float64Array {
  const { words: a, grams: b, pairs: c, windowWords: d, windowGrams: e } = views;
  // Each view's best score, all in one pass.
  let ma = 0, mb = 0, mc = 0, md = 0, me = 0;
  for (let i = 0; i < size; i++) {
    if (a[i]! > ma) ma = a[i]!;
    if (b[i]! > mb) mb = b[i]!;
    if (c[i]! > mc) mc = c[i]!;
    if (d[i]! > md) md = d[i]!;
    if (e[i]! > me) me = e[i]!;
  }
  const factor = (max: number, weight: number) => (max === 0 ? 0 : weight / max);
  const fa = factor(ma, weights.words), fb = factor(mb, weights.grams), fc = factor(mc, weights.pairs), fd = factor(md, weights.windowWords), fe = factor(me, weights.windowGrams);
  const fused = new Float64Array(size);
  for (let i = 0; i < size; i++) fused[i] = 0 + a[i]! * fa + b[i]! * fb + c[i]! * fc + d[i]! * fd + e[i]! * fe;
  return fused;
}

/**
 * The k best of the chunks given by index (−1 for none, left out), best first (ties: lower index first),
 * in any order, without sorting them all: the k best so far, in order.
 */
function topOf(fused: Float64Array, best: Int32Array, k: number, chunks: Chunk[]): Hit[] {
  const ids: number[] = [];
  const before = (a: number, b: number) => fused[a]! > fused[b]! || (fused[a] === fused[b] && a < b);
  for (const i of best) {
    if (i < 0 || (ids.length === k && !before(i, ids[k - 1]!))) continue;
    if (ids.length < k) ids.push(i);
    let at = ids.length - 1;
    while (at > 0 && before(i, ids[at - 1]!)) {
      ids[at] = ids[at - 1]!;
      at--;
    }
    ids[at] = i;
  }
  return ids.map((i) => ({ chunk: chunks[i]!, score: fused[i]! }));
}

/**
 * The k best positive scores, best first (ties: lower id first), without sorting every chunk (`bestIds`).
 */
function top(scores: Float64Array, k: number, chunks: Chunk[]): Hit[] {
  const ids = Array.from(bestIds(scores, k)).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return ids.map((i) => ({ chunk: chunks[i]!, score: scores[i]! }));
}

/**
 * The indexes of the k best positive scores (ties: lower index first), in heap order: a heap of the k
 * best so far, its worst (lowest score, then highest index) at the root. Scores come in index order, so
 * one that only ties the root comes after it and stays out.
 */
function bestIds(scores: Float64Array, k: number): Int32Array {
  if (k <= 0) return new Int32Array(0);
  const heap = new Int32Array(k);
  let size = 0;
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const down = (at: number) => {
    const id = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && worse(heap[child + 1]!, heap[child]!)) child++;
      if (!worse(heap[child]!, id)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = id;
  };
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s <= 0) continue;
    if (size < k) {
      // Sift up.
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(i, heap[parent]!)) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = i;
    } else if (s > scores[heap[0]!]!) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.subarray(0, size);
}
