import type { LocalVectorSearch, Neighbor } from './vector-search.js';

/** Unit vectors in one byte per dimension: vector i is `codes[i·d .. (i+1)·d) × scales[i]`. */
export interface QuantizedVectors {
  dimensions: number;
  codes: Int8Array;
  scales: Float32Array;
}

/**
 * Rows of a matrix, each L2-normalised, then scaled so that its largest component is ±127 and rounded:
 * a quarter of the float32 size, cosine within ~1 % of the exact one.
 */
export function quantize(matrix: Float32Array, dimensions: number): QuantizedVectors {
  const count = Math.floor(matrix.length / dimensions);
  const codes = new Int8Array(count * dimensions);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const start = i * dimensions;
    let norm = 0;
    let max = 0;
    for (let d = start; d < start + dimensions; d++) {
      const x = matrix[d]!;
      norm += x * x;
      const a = x < 0 ? -x : x;
      if (a > max) max = a;
    }
    norm = Math.sqrt(norm);
    if (max === 0) continue;
    for (let d = start; d < start + dimensions; d++) codes[d] = Math.round((matrix[d]! / max) * 127);
    scales[i] = max / norm / 127;
  }
  return { dimensions, codes, scales };
}

/**
 * Exact cosine search over quantized vectors: over every vector, or only over the candidates given (the
 * chunks lexical retrieval already ranks: hashed local vectors hold no evidence beyond shared terms).
 * Pure JS: Node and Workers alike.
 */
export function createQuantizedSearch({ dimensions, codes, scales }: QuantizedVectors): LocalVectorSearch {
  const count = scales.length;
  const dot = (id: number, vector: number[]) => {
    let sum = 0;
    const offset = id * dimensions;
    for (let d = 0; d < dimensions; d++) sum += codes[offset + d]! * vector[d]!;
    return sum * scales[id]!;
  };
  return {
    kind: 'quantized',
    search(vector, k, among) {
      const scores: Neighbor[] = [];
      if (among) for (const id of among) scores.push({ id, score: dot(id, vector) });
      else for (let id = 0; id < count; id++) scores.push({ id, score: dot(id, vector) });
      return scores.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
    },
  };
}
