/** A query term with its weight (1 for the user's own words, less for synonyms). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Bm25Options {
  k1: number;
  b: number;
}

export const BM25_DEFAULTS: Bm25Options = { k1: 1.2, b: 0.75 };

/** The serialized form: postings as parallel arrays of document ids and term frequencies. */
export interface Bm25Json {
  k1: number;
  b: number;
  lengths: number[];
  postings: Record<string, [number[], number[]]>;
}

/**
 * Okapi BM25 over pre-tokenized documents. Portable (no Node APIs) so Workers search the same postings.
 *
 * @example
 *   const bm25 = Bm25.build([['省エネ', '診断'], ['積層', '造形']]);
 *   bm25.score([{ term: '診断', weight: 1 }]); // Float64Array [0.69…, 0]
 */
export class Bm25 {
  readonly size: number;
  private readonly idf = new Map<string, number>();
  /** The idf of the rarest term (a term in one document). */
  readonly maxIdf: number;
  /** Per document, k1 · (1 − b + b · length / average length): the length part of BM25, computed once. */
  private readonly norms: Float64Array;

  private constructor(
    private readonly options: Bm25Options,
    private readonly lengths: number[],
    private readonly postings: Map<string, [number[], number[]]>,
  ) {
    this.size = lengths.length;
    const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length) || 1;
    const { k1, b } = options;
    this.norms = Float64Array.from(lengths, (len) => k1 * (1 - b + (b * len) / avg));
    for (const [term, [docs]] of postings) {
      this.idf.set(term, Math.log(1 + (this.size - docs.length + 0.5) / (docs.length + 0.5)));
    }
    this.maxIdf = Math.log(1 + (this.size - 1 + 0.5) / 1.5);
  }

  static build(documents: string[][], options: Partial<Bm25Options> = {}): Bm25 {
    const postings = new Map<string, [number[], number[]]>();
    documents.forEach((terms, doc) => {
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        let p = postings.get(t);
        if (!p) postings.set(t, (p = [[], []]));
        p[0].push(doc);
        p[1].push(tf);
      }
    });
    return new Bm25({ ...BM25_DEFAULTS, ...options }, documents.map((d) => d.length), postings);
  }

  static fromJSON(json: Bm25Json): Bm25 {
    return new Bm25({ k1: json.k1, b: json.b }, json.lengths, new Map(Object.entries(json.postings)));
  }

  toJSON(): Bm25Json {
    return { ...this.options, lengths: this.lengths, postings: Object.fromEntries(this.postings) };
  }

  /** Each document's distinct terms, read back from the postings. */
  documentTerms(): Set<string>[] {
    const out = Array.from({ length: this.size }, () => new Set<string>());
    for (const [term, [docs]] of this.postings) for (const d of docs) out[d]!.add(term);
    return out;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Inverse document frequency, 0 for a term no document has. */
  idfOf(term: string): number {
    return this.idf.get(term) ?? 0;
  }

  /** One score per document. Query terms are distinct (see `distinctTerms`). */
  score(query: WeightedTerm[]): Float64Array {
    const scores = new Float64Array(this.size);
    const k1 = this.options.k1;
    for (const { term, weight } of query) {
      const p = this.postings.get(term);
      if (!p) continue;
      const w = weight * this.idf.get(term)! * (k1 + 1);
      const [docs, tfs] = p;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        const tf = tfs[i]!;
        scores[d] = scores[d]! + (w * tf) / (tf + this.norms[d]!);
      }
    }
    return scores;
  }
}

/** Each term once, with its highest weight: a repeated query word counts once. */
export function distinctTerms(query: WeightedTerm[]): WeightedTerm[] {
  const best = new Map<string, number>();
  for (const { term, weight } of query) best.set(term, Math.max(weight, best.get(term) ?? 0));
  return [...best].map(([term, weight]) => ({ term, weight }));
}
