import { join } from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import type { Unplaced } from '../catalog.js';
import type { Manifest } from '../vectors/artifact.js';
import { buildIndex } from './build-index.js';
import type { IpadicFiles } from './query-dictionary.js';
import { readCorpus, type CorpusProblem } from './read-corpus.js';
import type { FileRead } from './read-programs.js';
import type { AnalysisProgress } from './analysis-pool.js';
import { loadSudachiGroups } from './sudachi.js';
import { folderSegmentCache } from './segment-cache.js';
import { writeIndex } from './write-index.js';

/** The folder in INDEX_DIR where analysed segments are kept for the next ingest. */
export const SEGMENTS = 'segments';

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  /** kuromoji's IPADIC files; may still be loading: they, the corpus and the synonyms load side by side. */
  ipadic: IpadicFiles | Promise<IpadicFiles>;
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
  const [corpus, sudachi, ipadic] = await Promise.all([readCorpus(options.corpusDir), loadSudachiGroups(), options.ipadic]);
  const cache = folderSegmentCache(join(options.indexDir, SEGMENTS));
  const built = await buildIndex(corpus, { ipadic, sudachi, embeddings: options.embeddings, threads: options.threads, onFile: options.onFile, onAnalysis: options.onAnalysis, cache });
  const usable = built.parts.chunks.length > 0;
  const folder = usable ? await writeIndex(options.indexDir, built) : null;
  if (folder) await cache.keep(new Set(built.segments.keys));
  return {
    folder,
    manifest: usable ? built.parts.manifest : null,
    problems: built.problems,
    unplaced: built.parts.catalog.unplaced,
    programs: built.parts.catalog.programs.map((p) => ({ id: p.id, title: p.title, kind: p.kind })),
    segments: { total: built.segments.keys.length, analysed: built.segments.analysed },
    ms: performance.now() - t0,
  };
}
