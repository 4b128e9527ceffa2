import { addTermScores, documentFrequency, eachPosting, SegmentBuilder, StringIds, termIndex, type Postings } from './postings.js';
import { termKey } from './term-key.js';

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

/**
 * Okapi BM25 over packed postings (`postings.ts`). Portable (no Node APIs) so Workers search the same
 * postings; loading is viewing typed arrays, with one pass over the lengths.
 *
 * @example
 *   const bm25 = Bm25.build([['省エネ', '診断'], ['積層', '造形']]);
 *   bm25.score([{ term: '診断', weight: 1 }]); // Float64Array [0.69…, 0]
 */
export class Bm25 {
  readonly size: number;
  /** The idf of the rarest term (a term in one document). */
  readonly maxIdf: number;
  /** Per document, k1 · (1 − b + b · length / average length): the length part of BM25, computed once. */
  private readonly norms: Float64Array;

  constructor(
    readonly postings: Postings,
    private readonly options: Bm25Options = BM25_DEFAULTS,
  ) {
    const { lengths } = postings;
    this.size = lengths.length;
    let total = 0;
    for (const len of lengths) total += len;
    const avg = total / Math.max(1, lengths.length) || 1;
    const { k1, b } = options;
    this.norms = Float64Array.from(lengths, (len) => k1 * (1 - b + (b * len) / avg));
    this.maxIdf = this.idfOfFrequency(1);
  }

  static build(documents: string[][], options: Partial<Bm25Options> = {}): Bm25 {
    const ids = new StringIds();
    const builder = new SegmentBuilder();
    for (const terms of documents) builder.add(terms.map((t) => ids.id(t)));
    return new Bm25(builder.finish(ids), { ...BM25_DEFAULTS, ...options });
  }

  has(term: string): boolean {
    return termIndex(this.postings, termKey(term)) >= 0;
  }

  /** The term's index in the postings (what `idfAt` and the postings' `hashes` are read at), or −1. */
  indexOf(term: string): number {
    return termIndex(this.postings, termKey(term));
  }

  /** Inverse document frequency, 0 for a term no document has. */
  idfOf(term: string): number {
    const t = termIndex(this.postings, termKey(term));
    return t < 0 ? 0 : this.idfOfFrequency(documentFrequency(this.postings, t));
  }

  /** Calls `visit(doc, tf)` for each document holding the term. */
  eachDocument(term: string, visit: (doc: number, tf: number) => void): void {
    const t = termIndex(this.postings, termKey(term));
    if (t >= 0) eachPosting(this.postings, t, visit);
  }

  /** The idf of the term at index t of the postings. */
  idfAt(t: number): number {
    return this.idfOfFrequency(documentFrequency(this.postings, t));
  }

  /** Calls `visit(doc, tf)` for each document of the term at index t of the postings. */
  eachPostingAt(t: number, visit: (doc: number, tf: number) => void): void {
    eachPosting(this.postings, t, visit);
  }

  /** One score per document. Query terms are distinct (see `distinctTerms`). */
  score(query: WeightedTerm[]): Float64Array {
    return this.addScores(query, new Float64Array(this.size));
  }

  /**
   * Adds each document's score to `scores` (one slot per document, zeros for a fresh score) and returns it.
   * A term in more than half of the documents is left out when the query has a rarer one: it tells the
   * documents apart least (Robertson's idf gives it no weight) and its postings are the longest to read. A
   * query of such terms only is scored by them.
   */
  addScores(query: WeightedTerm[], scores: Float64Array): Float64Array {
    const k1 = this.options.k1;
    const norms = this.norms;
    const found: { t: number; df: number; weight: number }[] = [];
    let rarer = false;
    for (const { term, weight } of query) {
      const t = termIndex(this.postings, termKey(term));
      if (t < 0) continue;
      const df = documentFrequency(this.postings, t);
      found.push({ t, df, weight });
      if (2 * df <= this.size) rarer = true;
    }
    for (const { t, df, weight } of found) {
      if (rarer && 2 * df > this.size) continue;
      addTermScores(this.postings, t, weight * this.idfOfFrequency(df) * (k1 + 1), norms, scores);
    }
    return scores;
  }

  private idfOfFrequency(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }
}

/** Each term once, with its highest weight: a repeated query word counts once. */
export function distinctTerms(query: WeightedTerm[]): WeightedTerm[] {
  const best = new Map<string, number>();
  for (let i = 0; i < query.length; i++) {
    const { term, weight } = query[i]!;
    best.set(term, Math.max(weight, best.get(term) ?? 0));
  }
  const out: WeightedTerm[] = [];
  for (const [term, weight] of best) out.push({ term, weight });
  return out;
}
