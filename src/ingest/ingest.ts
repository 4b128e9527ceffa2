import { join } from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import type { Unplaced } from '../catalog.js';
import type { Manifest } from '../vectors/artifact.js';
import { buildIndex } from './build-index.js';
import { readCorpus, type CorpusProblem } from './read-corpus.js';
import type { FileRead } from './read-programs.js';
import type { AnalysisProgress } from './analysis-pool.js';
import { sudachiSource } from './sudachi.js';
import { EDICT_FILE } from '../config.js';
import { termsOf, type EnglishTable } from '../text/english.js';
import { readEdict } from './edict.js';
import { machineTables } from './machine-tables.js';
import { folderSegmentCache } from './segment-cache.js';
import { folderTableCache, type IpadicInput, type SudachiInput, type TableCache } from './tables.js';
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
  /** EDICT (EUC-JP), Debian's /usr/share/edict/edict by default; without it English questions are searched by their Latin words only. */
  edictFile?: string;
  /** Analysis threads (INGEST_THREADS); one per core by default. */
  threads?: number;
  /** Told as each file is read. */
  onFile?: (read: FileRead) => void;
  /** Told as each segment of chunks is analysed. */
  onAnalysis?: (progress: AnalysisProgress) => void;
  /** Where tables made from the installed dictionaries alone are kept for every index: `machineTables()` by default; null keeps IPADIC's and Sudachi's with this index (EDICT's stays the machine's). */
  machineTables?: TableCache | null;
}

export interface IngestReport {
  folder: string | null;
  manifest: Omit<Manifest, 'files' | 'createdAt' | 'dictionary'> | null;
  problems: CorpusProblem[];
  unplaced: Unplaced[];
  programs: { id: string; title: string; kind: string }[];
  /** Segments of the build, and how many were analysed (the rest were unchanged since the last ingest). */
  segments: { total: number; analysed: number };
  /** English words and phrases EDICT gave for the corpus's terms; `file: null` when EDICT was not there. */
  english: { file: string | null; phrases: number; terms: number };
  ms: number;
}

/**
 * corpus/ → index/. Writes nothing when no document is usable (the old index stays in service).
 */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const t0 = performance.now();
  const edictFile = options.edictFile ?? EDICT_FILE;
  const cache = folderSegmentCache(join(options.indexDir, SEGMENTS));
  const tables = folderTableCache(join(options.indexDir, TABLES), options.indexDir);
  const machine = options.machineTables === undefined ? machineTables() : options.machineTables;
  const [corpus, sudachi, english] = await Promise.all([readCorpus(options.corpusDir), options.sudachi ?? sudachiSource(), readEdict(edictFile, machine ?? machineTables())]);
  const edict = english?.edict ?? null;
  const built = await buildIndex(corpus, { ipadic: options.ipadic, sudachi, edict, embeddings: options.embeddings, threads: options.threads, onFile: options.onFile, onAnalysis: options.onAnalysis, cache, tables, machine });
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
    english: { file: edict ? edictFile : null, ...englishCounts(built.parts.synonyms.en) },
    ms: performance.now() - t0,
  };
}

function englishCounts(table: EnglishTable): { phrases: number; terms: number } {
  const terms = new Set<string>();
  for (const key in table) for (const t of termsOf(table[key]!)) terms.add(t);
  return { phrases: Object.keys(table).length, terms: terms.size };
}

/** What ingest says when EDICT is not installed: English questions then find little. */
export function englishMissing(file: string): string {
  return `no EDICT at ${file} (apt-get install edict, or set EDICT_FILE): English questions are searched by a short reviewed glossary, their acronyms and Latin words only, and most will be refused`;
}
