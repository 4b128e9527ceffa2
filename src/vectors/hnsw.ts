import type { HierarchicalNSW } from 'hnswlib-node';
import { appError } from '../errors.js';
import type { LocalVectorSearch } from './vector-search.js';

export const HNSW_DEFAULTS = { m: 16, efConstruction: 200, ef: 32, seed: 100 };

type Hnswlib = typeof import('hnswlib-node');

async function hnswlib(): Promise<Hnswlib> {
  try {
    // A CommonJS native addon: its exports arrive as the default export.
    const mod = (await import('hnswlib-node')) as Hnswlib & { default?: Hnswlib };
    return mod.default ?? mod;
  } catch (cause) {
    throw appError('INDEX_MISSING', 'hnswlib-node could not be loaded: run `npm install` (it builds a native module with node-gyp)', cause);
  }
}

/** Builds an HNSW graph (cosine space) over the vectors and writes it to `file`. */
export async function writeHnsw(file: string, vectors: number[][], dimensions: number): Promise<void> {
  const { HierarchicalNSW } = await hnswlib();
  const index = new HierarchicalNSW('cosine', dimensions);
  index.initIndex({ maxElements: Math.max(1, vectors.length), m: HNSW_DEFAULTS.m, efConstruction: HNSW_DEFAULTS.efConstruction, randomSeed: HNSW_DEFAULTS.seed });
  vectors.forEach((v, id) => index.addPoint(v, id));
  index.writeIndexSync(file);
}

/**
 * Loads an HNSW graph written by `writeHnsw`. `ef` is set after loading: hnswlib resets it to 10.
 *
 * @example const search = await loadHnsw('index/current/hnsw.bin', 512, 1145); search.search(v, 10);
 */
export async function loadHnsw(file: string, dimensions: number, count: number, ef = HNSW_DEFAULTS.ef): Promise<LocalVectorSearch> {
  const { HierarchicalNSW } = await hnswlib();
  const index: HierarchicalNSW = new HierarchicalNSW('cosine', dimensions);
  index.readIndexSync(file);
  if (index.getCurrentCount() !== count) {
    throw appError('INDEX_CORRUPT', `hnsw.bin holds ${index.getCurrentCount()} vectors, the manifest says ${count}: run \`npm run ingest\``);
  }
  index.setEf(Math.max(ef, 10));
  return {
    kind: 'hnsw',
    search(vector, k) {
      const n = Math.min(k, count);
      if (n === 0) return [];
      const { neighbors, distances } = index.searchKnn(vector, n);
      return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
    },
  };
}
