import type { Chunk, Program, Unplaced } from '../catalog.js';
import { appError } from '../errors.js';
import type { ReadingTable } from '../text/readings.js';
import type { SynonymTable } from '../text/synonyms.js';
import type { LexicalJson } from './lexical-index.js';

/** Bump when any file's shape changes: older indexes are then refused, never misread. */
export const FORMAT_VERSION = 3;

export const FILES = {
  catalog: 'catalog.json',
  chunks: 'chunks.json',
  lexical: 'lexical.json',
  synonyms: 'synonyms.json',
  readings: 'readings.json',
  vectors: 'vectors.f32',
  hnsw: 'hnsw.bin',
  queryDictionary: 'query-dictionary.bin',
} as const;

export interface Manifest {
  formatVersion: number;
  analyzer: string;
  embedder: { id: string; dimensions: number };
  /** sha256 over every corpus document's path and bytes: a changed corpus means a stale index. */
  corpusHash: string;
  createdAt: string;
  counts: { documents: number; programs: number; chunks: number; windows: number };
  /** sha256 and size of each file, checked on load. */
  files: Record<string, { bytes: number; sha256: string }>;
}

export interface CatalogJson {
  programs: Program[];
  unplaced: Unplaced[];
}

/** The index as loaded, before it becomes a retriever. */
export interface IndexParts {
  manifest: Manifest;
  catalog: CatalogJson;
  chunks: Chunk[];
  lexical: LexicalJson;
  synonyms: SynonymTable;
  /** Katakana reading → the corpus words read so: how a question typed in kana is read (text/readings.ts). */
  readings: ReadingTable;
  vectors: Float32Array;
  /** The dictionary questions are analysed with: kuromoji's IPADIC, packed (text/query-dictionary.ts). */
  queryDictionary: Uint8Array;
}

/**
 * Refuses an index this build cannot read, with the fix in the message.
 *
 * @example checkManifest(json, { analyzer: ANALYZER_ID }) // throws INDEX_VERSION_MISMATCH for another analyser
 */
export function checkManifest(json: unknown, expected: { analyzer: string; embedder?: string }): Manifest {
  const m = json as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || typeof m.formatVersion !== 'number' || !m.embedder || !m.counts || !m.files) {
    throw appError('INDEX_CORRUPT', 'index manifest is unreadable: run `npm run ingest`');
  }
  if (m.formatVersion !== FORMAT_VERSION) {
    throw appError('INDEX_VERSION_MISMATCH', `index format ${m.formatVersion}, this build reads ${FORMAT_VERSION}: run \`npm run ingest\``);
  }
  if (m.analyzer !== expected.analyzer) {
    throw appError('INDEX_VERSION_MISMATCH', `index built with analyser ${m.analyzer}, this build uses ${expected.analyzer}: run \`npm run ingest\``);
  }
  if (expected.embedder && m.embedder.id !== expected.embedder) {
    throw appError('INDEX_VERSION_MISMATCH', `index built with embedder ${m.embedder.id}, configured ${expected.embedder}: run \`npm run ingest\``);
  }
  return m as Manifest;
}
