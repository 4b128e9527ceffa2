import { Embeddings } from '@langchain/core/embeddings';
import type { Analyzer } from '../text/analyzer.js';
import type { Bm25, WeightedTerm } from './bm25.js';
import type { LexicalIndex } from './lexical-index.js';
import type { Postings } from './postings.js';
import { quantize, type QuantizedVectors } from './quantized.js';

export interface LocalEmbeddingsOptions {
  analyzer: Analyzer;
  /** Inverse document frequency of a token view's term in the indexed corpus. */
  idf: (view: 'words' | 'grams', term: string) => number;
  dimensions: number;
  /**
   * The index's words and grams views, when their postings keep each term's hash: a term's idf and hash are
   * read there (what `idf` and `termHash` give), found by one lookup, without hashing `view:term` again.
   */
  views?: Record<'words' | 'grams', Bm25>;
}

export const LOCAL_EMBEDDINGS_DEFAULTS = { dimensions: 256 };

/**
 * Deterministic, offline embeddings: content words and character bigrams hashed into a fixed number
 * of dimensions (signed, to cancel collisions on average), weighted by sublinear tf × corpus idf,
 * L2-normalised. No model weights; the same text always gives the same vector.
 *
 * @example
 *   const e = new LocalEmbeddings({ analyzer, idf: (v, t) => lexical.idf(v, t) });
 *   const [v] = await e.embedDocuments(['省エネ診断']); // 256 numbers, norm 1
 */
export class LocalEmbeddings extends Embeddings {
  readonly id: string;
  readonly dimensions: number;
  private readonly options: LocalEmbeddingsOptions;

  constructor(options: Partial<LocalEmbeddingsOptions> & Pick<LocalEmbeddingsOptions, 'analyzer' | 'idf'>) {
    super({});
    this.options = { ...LOCAL_EMBEDDINGS_DEFAULTS, ...options };
    this.dimensions = this.options.dimensions;
    this.id = localEmbedderId(this.dimensions);
  }

  embedSync(text: string): number[] {
    const { words, grams } = this.options.analyzer.analyze(text);
    const one = (term: string) => ({ term, weight: 1 });
    return this.embedTerms({ words: words.map(one), grams: grams.map(one) });
  }

  /** The vector of an already analysed (and possibly expanded) query: no second analysis on the query path. */
  embedTerms(terms: { words: WeightedTerm[]; grams: WeightedTerm[] }): number[] {
    const v = new Float64Array(this.dimensions);
    this.add(v, 'words', terms.words);
    this.add(v, 'grams', terms.grams);
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
    return out;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedSync(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedSync(document);
  }

  // Each distinct term of a view's terms, in the order they first come, with its count and highest weight.
  private readonly slots = new Map<string, number>();
  private readonly distinct: string[] = [];
  private readonly tfs: number[] = [];
  private readonly weights: number[] = [];

  private add(v: Float64Array, view: 'words' | 'grams', terms: WeightedTerm[]): void {
    const { slots, distinct, tfs, weights } = this;
    slots.clear();
    distinct.length = tfs.length = weights.length = 0;
    for (const { term, weight } of terms) {
      const at = slots.get(term);
      if (at !== undefined) {
        tfs[at]!++;
        weights[at] = Math.max(weights[at]!, weight);
      } else {
        slots.set(term, distinct.length);
        distinct.push(term);
        tfs.push(1);
        weights.push(weight);
      }
    }
    const bm25 = this.options.views?.[view];
    const hashes = bm25?.postings.hashes;
    for (let i = 0; i < distinct.length; i++) {
      const term = distinct[i]!;
      let idf: number;
      let hash: number;
      if (bm25 && hashes) {
        const t = bm25.indexOf(term);
        if (t < 0) continue;
        idf = bm25.idfAt(t);
        hash = hashes[t]!;
      } else {
        idf = this.options.idf(view, term);
        hash = termHash(view, term);
      }
      // A term the corpus never uses cannot match any document: leaving it out keeps scores comparable.
      if (!idf) continue;
      const dimension = hash % this.dimensions;
      const sign = hash & 0x80000000 ? -1 : 1;
      v[dimension] = v[dimension]! + sign * weights[i]! * (1 + Math.log(tfs[i]!)) * idf;
    }
  }
}

export function localEmbedderId(dimensions: number): string {
  return `local-hash/1:${dimensions}`;
}

/** The hash that places a term of a view among the dimensions: FNV-1a of `view:term`. */
export function termHash(view: 'words' | 'grams', term: string): number {
  const s = `${view}:${term}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Every chunk's vector straight from the postings (each term's documents and frequencies, the final idf):
 * what `embedDocuments(indexedText)` gives, without analysing any text again. `parts`, the postings of
 * consecutive runs of chunks that the index was merged from, are read one after the other: each run's rows
 * of the matrix stay in the processor's cache, and every row sums its terms in the same order, so the
 * vectors are the same to the bit.
 */
export function documentVectors(lexical: LexicalIndex, dimensions = LOCAL_EMBEDDINGS_DEFAULTS.dimensions, parts?: readonly Record<'words' | 'grams', Postings>[]): QuantizedVectors {
  const count = lexical.size;
  const matrix = new Float32Array(count * dimensions);
  const runs = parts ?? [{ words: lexical.view('words').postings, grams: lexical.view('grams').postings }];
  const idfs = { words: viewIdfs(lexical, 'words'), grams: viewIdfs(lexical, 'grams') };
  let base = 0;
  for (const part of runs) {
    for (const view of ['words', 'grams'] as const) addPart(matrix, dimensions, base, part[view], lexical.view(view).postings.keys, idfs[view], view);
    base += part.words.lengths.length;
  }
  return quantize(matrix, dimensions);
}

/** `1 + Math.log(tf)` for the term frequencies most entries have: the same numbers, without a logarithm each. */
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, tf) => 1 + Math.log(tf));

/** Each term's idf in a view, computed once rather than once per run of chunks that holds the term. */
function viewIdfs(lexical: LexicalIndex, view: 'words' | 'grams'): Float64Array {
  const bm25 = lexical.view(view);
  return Float64Array.from({ length: bm25.postings.keys.length }, (_, t) => bm25.idfAt(t));
}

/** One run of chunks' postings in a view (its documents from `base`) added into their rows of the matrix. */
function addPart(matrix: Float32Array, dimensions: number, base: number, part: Postings, all: Float64Array, idfs: Float64Array, view: string): void {
  const { keys, hashes, starts, bytes } = part;
  if (!hashes && keys.length) throw new Error(`the ${view} postings keep no term hashes`);
  let u = 0;
  for (let t = 0; t < keys.length; t++) {
    while (all[u]! < keys[t]!) u++;
    const hash = hashes![t]!;
    const dimension = hash % dimensions;
    const sign = hash & 0x80000000 ? -1 : 1;
    const idf = idfs[u]!;
    const once = sign * 1 * idf;
    // The postings decoded in line (`postings.ts`): past the df, per document its gap and tf.
    const end = starts[t + 1]!;
    let p = starts[t]!;
    while (bytes[p++]! & 0x80);
    let at = (base - 1) * dimensions + dimension;
    while (p < end) {
      let b = bytes[p++]!;
      let v = b & 0x7f;
      for (let shift = 128; b & 0x80; shift *= 128) {
        b = bytes[p++]!;
        v += (b & 0x7f) * shift;
      }
      at += (Math.floor(v / 2) + 1) * dimensions;
      if (v & 1) {
        b = bytes[p++]!;
        let tf = b & 0x7f;
        for (let shift = 128; b & 0x80; shift *= 128) {
          b = bytes[p++]!;
          tf += (b & 0x7f) * shift;
        }
        tf += 2;
        matrix[at] = matrix[at]! + sign * (tf < 256 ? SUBLINEAR[tf]! : 1 + Math.log(tf)) * idf;
      } else matrix[at] = matrix[at]! + once;
    }
  }
}
