import { join } from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import type { Unplaced } from '../catalog.js';
import type { Manifest } from '../vectors/artifact.js';
import { buildIndex } from './build-index.js';
import { readCorpus, type CorpusProblem } from './read-corpus.js';
import type { FileRead } from './read-programs.js';
import type { AnalysisProgress } from './analysis-pool.js';
import { sudachiSource } from './sudachi.js';
import { folderSegmentCache } from './segment-cache.js';
import { folderTableCache, type IpadicInput, type SudachiInput } from './tables.js';
import { writeIndex } from './write-index.js';

/** The folder in INDEX_DIR where analysed segments are kept for the next ingest. */
export const SEGMENTS = 'segments';
/** The folder in INDEX_DIR where tables made from the dictionaries are kept, by their inputs' hashes. */
export const TABLES = 'tables';

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  /** kuromoji's IPADIC files (may still be loading), or a source of them, loaded only when something needs analysing. */
  ipadic: IpadicInput;
  /** The Sudachi synonym groups; by default the package's, loaded only when no table was made from them yet. */
  sudachi?: SudachiInput;
  embeddings?: Embeddings & { id?: string };
  /** Analysis threads (INGEST_THREADS); one per core by default. */
  threads?: number;
  /** Told as each file is read. */
  onFile?: (read: FileRead) => void;
  /** Told as each segment of chunks is analysed. */
  onAnalysis?: (progress: AnalysisProgress) => void;
}

export interface IngestReport {
  folder: string | null;
  manifest: Omit<Manifest, 'files' | 'createdAt' | 'dictionary'> | null;
  problems: CorpusProblem[];
  unplaced: Unplaced[];
  programs: { id: string; title: string; kind: string }[];
  /** Segments of the build, and how many were analysed (the rest were unchanged since the last ingest). */
  segments: { total: number; analysed: number };
  ms: number;
}

/**
 * corpus/ → index/. Writes nothing when no document is usable (the old index stays in service).
 */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const t0 = performance.now();
  const [corpus, sudachi] = await Promise.all([readCorpus(options.corpusDir), options.sudachi ?? sudachiSource()]);
  const cache = folderSegmentCache(join(options.indexDir, SEGMENTS));
  const tables = folderTableCache(join(options.indexDir, TABLES), options.indexDir);
  const built = await buildIndex(corpus, { ipadic: options.ipadic, sudachi, embeddings: options.embeddings, threads: options.threads, onFile: options.onFile, onAnalysis: options.onAnalysis, cache, tables });
  const usable = built.parts.manifest.counts.chunks > 0;
  const folder = usable ? await writeIndex(options.indexDir, built) : null;
  if (folder) await Promise.all([cache.keep(new Set(built.kept)), tables.keep(new Set(built.tables))]);
  return {
    folder,
    manifest: usable ? built.parts.manifest : null,
    problems: built.problems,
    unplaced: built.unplaced,
    programs: built.programs.map((p) => ({ id: p.id, title: p.title, kind: p.kind })),
    segments: { total: built.segments.keys.length, analysed: built.segments.analysed },
    ms: performance.now() - t0,
  };
}
