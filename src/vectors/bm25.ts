import { addDenseScores, addTermScores, denseTerm, documentFrequency, eachPosting, SegmentBuilder, StringIds, termIndex, type Postings } from './postings.js';
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
 * A term in more than this share of the documents is scored from a byte per document (`addDenseScores`),
 * not from its varints, and can be left out of a bound and added back for the documents that need it
 * (`plan`). Such terms are few (事業, 支援 …: at most a few dozen per view), each a byte per document,
 * laid out when a query first uses them. Measured on 行政事業レビュー FY2024+FY2025: a quarter leaves
 * about half the postings of a question out of the bound and ~330 chunks to complete; half leaves 41 % out.
 */
export const DENSE_SHARE = 0.25;

/** A query's terms for one view, as `Bm25.plan` splits them. */
export interface TermPlan {
  sparse: number[];
  sparseWeights: number[];
  dense: Uint8Array[];
  denseWeights: number[];
  /** At most what the dense terms add to any document's score. */
  slack: number;
}

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

  /** Adds each document's score to `scores` (one slot per document, zeros for a fresh score) and returns it. */
  addScores(query: WeightedTerm[], scores: Float64Array): Float64Array {
    const plan = this.plan(query);
    this.addSparse(plan, scores);
    this.addDense(plan, scores);
    return scores;
  }

  /**
   * The query's terms the postings hold, in query order, as a plan: the terms in most documents
   * (`DENSE_SHARE`) apart, laid out by document, so that a score can be taken without them and
   * completed for the documents that need it (`denseAt`). A score is always the sparse terms' sum, then
   * each dense term's part added in query order: whichever way it is computed, it is the same number.
   */
  plan(query: WeightedTerm[]): TermPlan {
    const k1 = this.options.k1;
    const plan: TermPlan = { sparse: [], sparseWeights: [], dense: [], denseWeights: [], slack: 0 };
    for (const { term, weight } of query) {
      const t = termIndex(this.postings, termKey(term));
      if (t < 0) continue;
      const df = documentFrequency(this.postings, t);
      const w = weight * this.idfOfFrequency(df) * (k1 + 1);
      const dense = df > this.size * DENSE_SHARE ? this.denseTerm(t) : null;
      if (dense) {
        plan.dense.push(dense.tfs);
        plan.denseWeights.push(w);
        plan.slack += w * dense.impact;
      } else {
        plan.sparse.push(t);
        plan.sparseWeights.push(w);
      }
    }
    // Rounding aside, no document gains more than this from the dense terms; the margin covers the rounding.
    plan.slack = plan.slack * (1 + 1e-9) + 1e-12;
    return plan;
  }

  /** Adds the plan's sparse terms' scores to `scores`, in query order. */
  addSparse(plan: TermPlan, scores: Float64Array): void {
    for (let i = 0; i < plan.sparse.length; i++) addTermScores(this.postings, plan.sparse[i]!, plan.sparseWeights[i]!, this.norms, scores);
  }

  /** Adds the plan's dense terms' scores to every document's, in query order. */
  addDense(plan: TermPlan, scores: Float64Array): void {
    for (let i = 0; i < plan.dense.length; i++) addDenseScores(plan.dense[i]!, plan.denseWeights[i]!, this.norms, scores);
  }

  /** Document doc's score from its sparse terms' sum `sparse`: the dense terms' parts added, as `addDense` adds them. */
  denseAt(plan: TermPlan, doc: number, sparse: number): number {
    let score = sparse;
    const norm = this.norms[doc]!;
    for (let i = 0; i < plan.dense.length; i++) {
      const tf = plan.dense[i]![doc]!;
      // An absent term adds 0 (`addDenseScores`), which leaves the sum as it is.
      if (tf) score += (plan.denseWeights[i]! * tf) / (tf + norm);
    }
    return score;
  }

  /** The few terms in most documents, laid out by document when first scored, with their highest `tf / (tf + norm)`. */
  private readonly dense = new Map<number, { tfs: Uint8Array; impact: number } | null>();

  private denseTerm(t: number): { tfs: Uint8Array; impact: number } | null {
    let entry = this.dense.get(t);
    if (entry === undefined) {
      const tfs = denseTerm(this.postings, t, this.size);
      let impact = 0;
      if (tfs) for (let d = 0; d < tfs.length; d++) if (tfs[d]! && tfs[d]! / (tfs[d]! + this.norms[d]!) > impact) impact = tfs[d]! / (tfs[d]! + this.norms[d]!);
      this.dense.set(t, (entry = tfs ? { tfs, impact } : null));
    }
    return entry;
  }

  private idfOfFrequency(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }
}

/** Each term once, with its highest weight: a repeated query word counts once. */
export function distinctTerms(query: WeightedTerm[]): WeightedTerm[] {
  const best = new Map<string, number>();
  for (const { term, weight } of query) best.set(term, Math.max(weight, best.get(term) ?? 0));
  return [...best].map(([term, weight]) => ({ term, weight }));
}
