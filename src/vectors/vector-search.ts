/** A nearest neighbour: the chunk id and its cosine similarity to the query. */
export interface Neighbor {
  id: number;
  score: number;
}

/** Cosine k-nearest-neighbour search over the chunk vectors: HNSW on Node, exact scan or Vectorize on Workers. */
export interface VectorSearch {
  readonly kind: string;
  /** The k nearest; `among`, when given, limits the search to those ids, in any order (a search may search all anyway). */
  search(vector: number[], k: number, among?: Iterable<number>): Neighbor[] | Promise<Neighbor[]>;
}

/** A search over vectors in this process's memory. */
export interface LocalVectorSearch extends VectorSearch {
  search(vector: number[], k: number, among?: Iterable<number>): Neighbor[];
}

/**
 * Exact cosine search over L2-normalised vectors packed in one Float32Array, in pure JS: the reference the
 * HNSW results are tested against.
 *
 * @example createExactSearch(new Float32Array([1, 0, 0, 1]), 2).search([1, 0], 1) // [{ id: 0, score: 1 }]
 */
export function createExactSearch(matrix: Float32Array, dimensions: number): LocalVectorSearch {
  const count = Math.floor(matrix.length / dimensions);
  return {
    kind: 'exact',
    search(vector, k) {
      const scores: Neighbor[] = [];
      for (let id = 0; id < count; id++) {
        let dot = 0;
        const offset = id * dimensions;
        for (let d = 0; d < dimensions; d++) dot += matrix[offset + d]! * vector[d]!;
        scores.push({ id, score: dot });
      }
      return scores.sort((a, b) => b.score - a.score).slice(0, k);
    },
  };
}
