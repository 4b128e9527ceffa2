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
  const sums = new Float64Array(4);
  // The query's nonzero dimensions, in increasing order, and their values.
  const at = new Int32Array(dimensions);
  const values = new Float64Array(dimensions);
  /**
   * The dot products of four vectors with the query at once: each sum is taken in dimension order, as
   * one at a time would, so the results are the same numbers; four chains of additions instead of one
   * keep the processor busy while each addition waits for the last. A dimension where the query is 0
   * adds ±0, which changes no sum (0 + −0 is 0): only the query's nonzero dimensions are read (a hashed
   * query vector has a few dozen of them).
   */
  const dots = (a: number, b: number, c: number, d: number, nonzero: number) => {
    let sa = 0, sb = 0, sc = 0, sd = 0;
    const oa = a * dimensions, ob = b * dimensions, oc = c * dimensions, od = d * dimensions;
    for (let j = 0; j < nonzero; j++) {
      const i = at[j]!;
      const q = values[j]!;
      sa += codes[oa + i]! * q;
      sb += codes[ob + i]! * q;
      sc += codes[oc + i]! * q;
      sd += codes[od + i]! * q;
    }
    sums[0] = sa * scales[a]!;
    sums[1] = sb * scales[b]!;
    sums[2] = sc * scales[c]!;
    sums[3] = sd * scales[d]!;
  };
  return {
    kind: 'quantized',
    search(vector, k, among) {
      let nonzero = 0;
      for (let i = 0; i < dimensions; i++) {
        const q = vector[i]!;
        if (q === 0) continue;
        at[nonzero] = i;
        values[nonzero++] = q;
      }
      // The candidates in any order: the k best by score, then by id, are the same.
      const ids: ArrayLike<number> = among ? (Array.isArray(among) || ArrayBuffer.isView(among) ? (among as ArrayLike<number>) : Array.from(among)) : Array.from({ length: count }, (_, id) => id);
      // The k best so far, best first (ties: lower id first): most candidates are not among them.
      const best: Neighbor[] = [];
      const keep = (id: number, score: number) => {
        let at = best.length;
        while (at > 0 && (score > best[at - 1]!.score || (score === best[at - 1]!.score && id < best[at - 1]!.id))) at--;
        if (at >= k) return;
        best.splice(at, 0, { id, score });
        if (best.length > k) best.pop();
      };
      // The last group of four repeats its first id where fewer are left; only the real ones are kept.
      const n = ids.length;
      for (let g = 0; g < n; g += 4) {
        const a = ids[g]!;
        dots(a, g + 1 < n ? ids[g + 1]! : a, g + 2 < n ? ids[g + 2]! : a, g + 3 < n ? ids[g + 3]! : a, nonzero);
        for (let j = 0; j < 4 && g + j < n; j++) keep(ids[g + j]!, sums[j]!);
      }
      return best;
    },
  };
}
