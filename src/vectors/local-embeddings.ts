import { Embeddings } from '@langchain/core/embeddings';
import type { Analyzer } from '../text/analyzer.js';
import type { WeightedTerm } from './bm25.js';

export interface LocalEmbeddingsOptions {
  analyzer: Analyzer;
  /** Inverse document frequency of a token view's term in the indexed corpus. */
  idf: (view: 'words' | 'grams', term: string) => number;
  dimensions: number;
}

export const LOCAL_EMBEDDINGS_DEFAULTS = { dimensions: 256 };

/**
 * Deterministic, offline embeddings: content words and character bigrams hashed into a fixed number
 * of dimensions (signed, to cancel collisions on average), weighted by sublinear tf × corpus idf,
 * L2-normalised. No model weights; the same text always gives the same vector.
 *
 * @example
 *   const e = new LocalEmbeddings({ analyzer, idf: (v, t) => bm25[v].idfOf(t) });
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
    this.id = `local-hash/1:${this.dimensions}`;
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
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedSync(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedSync(document);
  }

  private add(v: Float64Array, view: 'words' | 'grams', terms: WeightedTerm[]): void {
    const counts = new Map<string, { tf: number; weight: number }>();
    for (const { term, weight } of terms) {
      const c = counts.get(term);
      if (c) {
        c.tf++;
        c.weight = Math.max(c.weight, weight);
      } else counts.set(term, { tf: 1, weight });
    }
    for (const [term, { tf, weight: w }] of counts) {
      // A term the corpus never uses cannot match any document: leaving it out keeps scores comparable.
      const idf = this.options.idf(view, term);
      if (!idf) continue;
      const h = fnv1a(`${view}:${term}`);
      const weight = w * (1 + Math.log(tf)) * idf;
      const d = h % this.dimensions;
      v[d] = v[d]! + (h & 0x80000000 ? -weight : weight);
    }
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
