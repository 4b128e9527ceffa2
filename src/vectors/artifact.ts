import type { Chunk, Program, Unplaced } from '../catalog.js';
import { appError, isAppError } from '../errors.js';
import { chunkPrograms } from '../text/chunk.js';
import type { ReadingTable } from '../text/readings.js';
import type { SynonymTable } from '../text/synonyms.js';
import { LexicalIndex, type LexicalParts } from './lexical-index.js';
import { packParts, unpackParts, viewOf } from './pack.js';
import { packSynonyms } from './packed-table.js';
import { readCatalog } from './read-catalog.js';
import type { QuantizedVectors } from './quantized.js';

/**
 * Bump when any file's shape changes, or what the chunks made from the catalog at load hold (text/chunk.ts):
 * the postings were made from them. Older indexes are then refused (and `npm start` builds again), never misread.
 */
export const FORMAT_VERSION = 7;

/** A build's files. The query dictionary is the same for every corpus: one copy beside the builds. */
export const FILES = {
  catalog: 'catalog.json.gz',
  lexical: 'lexical.bin',
  vectors: 'vectors.bin',
  synonyms: 'synonyms.json',
  readings: 'readings.json',
  /** Only with a service embedder: its float vectors' HNSW graph (Node). */
  hnsw: 'hnsw.bin',
} as const;

export const MANIFEST = 'manifest.json';

export interface FileDigest {
  bytes: number;
  sha256: string;
}

export interface Manifest {
  formatVersion: number;
  analyzer: string;
  embedder: { id: string; dimensions: number };
  /** sha256 over every corpus document's path and bytes: a changed corpus means a stale index. */
  corpusHash: string;
  createdAt: string;
  counts: { documents: number; programs: number; chunks: number; windows: number };
  /** sha256 and size of each file of the build, checked on load. */
  files: Record<string, FileDigest>;
  /** The query dictionary this build was analysed with, stored once beside the builds under this name. */
  dictionary: FileDigest & { file: string };
}

export interface CatalogJson {
  programs: Program[];
  unplaced: Unplaced[];
}

/** Chunk vectors as stored: local ones quantized; a service embedder's as float32. */
export type StoredVectors = ({ kind: 'quantized' } & QuantizedVectors) | { kind: 'float32'; dimensions: number; matrix: Float32Array };

/** The index as loaded, before it becomes a retriever. */
export interface IndexParts {
  manifest: Manifest;
  catalog: CatalogJson;
  /** Made from the catalog on load (`chunkPrograms`), never stored. */
  chunks: Chunk[];
  lexical: LexicalParts;
  synonyms: SynonymTable;
  /** Katakana reading → the corpus words read so: how a question typed in kana is read (text/readings.ts). */
  readings: ReadingTable;
  vectors: StoredVectors;
  /** The dictionary questions are analysed with: kuromoji's IPADIC, packed (text/query-dictionary.ts). */
  queryDictionary: Uint8Array;
}

/** Where an index's files are read from: a folder on Node, R2 or the bundle on Workers. */
export interface IndexStore {
  /** The bytes of a build file (`FILES`, `MANIFEST`) or of the dictionary (by its `manifest.dictionary.file`). */
  read(name: string): Promise<Uint8Array>;
  /** Where the index is, for messages. */
  readonly where: string;
}

const VECTORS_FORMAT = 'madoguchi-vectors/1';

export function packVectors(v: StoredVectors): Uint8Array {
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const parts: Record<string, Uint8Array> = v.kind === 'quantized' ? { codes: bytes(v.codes), scales: bytes(v.scales) } : { matrix: bytes(v.matrix) };
  return packParts(VECTORS_FORMAT, parts, { kind: v.kind, dimensions: v.dimensions });
}

export function unpackVectors(bytes: Uint8Array): StoredVectors {
  const { meta, parts } = unpackParts(VECTORS_FORMAT, bytes, 'the vectors');
  const dimensions = Number(meta.dimensions);
  if (meta.kind === 'quantized') return { kind: 'quantized', dimensions, codes: viewOf(parts.codes!, Int8Array), scales: viewOf(parts.scales!, Float32Array) };
  return { kind: 'float32', dimensions, matrix: viewOf(parts.matrix!, Float32Array) };
}

/**
 * Reads and checks a build through its store: the manifest's versions, then every file's size and sha256
 * (Web Crypto: the same on Node and Workers). Throws INDEX_MISSING, INDEX_CORRUPT or INDEX_VERSION_MISMATCH,
 * each message saying to run `npm run ingest`.
 */
export async function readIndexParts(store: IndexStore, expected: { analyzer: string; embedder?: string }): Promise<IndexParts> {
  const manifest = checkManifest(await readJson(store, MANIFEST), expected);
  try {
    const file = async (name: string, want: FileDigest | undefined) => {
      const data = await store.read(name);
      if (!want || want.bytes !== data.byteLength || (await sha256(data)) !== want.sha256) {
        throw appError('INDEX_CORRUPT', `${name} in ${store.where} does not match its manifest: run \`npm run ingest\``);
      }
      return data;
    };
    const text = (data: Uint8Array) => new TextDecoder().decode(data);
    const [catalog, lexical, vectors, synonyms, readings, queryDictionary] = await Promise.all([
      file(FILES.catalog, manifest.files[FILES.catalog]).then(readCatalog),
      file(FILES.lexical, manifest.files[FILES.lexical]),
      file(FILES.vectors, manifest.files[FILES.vectors]),
      file(FILES.synonyms, manifest.files[FILES.synonyms]),
      file(FILES.readings, manifest.files[FILES.readings]),
      file(manifest.dictionary.file, manifest.dictionary),
    ]);
    return {
      manifest,
      catalog,
      chunks: chunkPrograms(catalog.programs),
      lexical: LexicalIndex.unpack(lexical),
      synonyms: packSynonyms(JSON.parse(text(synonyms))),
      readings: JSON.parse(text(readings)),
      vectors: unpackVectors(vectors),
      queryDictionary,
    };
  } catch (cause) {
    if (isAppError(cause)) throw cause;
    throw appError('INDEX_CORRUPT', `the index in ${store.where} could not be read (${(cause as Error).message}): run \`npm run ingest\``, cause);
  }
}

/** The manifest alone, checked: enough to tell whether an index is stale. */
export async function readManifest(store: IndexStore, expected: { analyzer: string; embedder?: string }): Promise<Manifest> {
  return checkManifest(await readJson(store, MANIFEST), expected);
}

async function readJson(store: IndexStore, name: string): Promise<unknown> {
  const data = await store.read(name);
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch (cause) {
    throw appError('INDEX_CORRUPT', `${name} in ${store.where} is unreadable: run \`npm run ingest\``, cause);
  }
}

export async function sha256(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
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
  if (!m.dictionary) throw appError('INDEX_CORRUPT', 'index manifest names no dictionary: run `npm run ingest`');
  if (m.analyzer !== expected.analyzer) {
    throw appError('INDEX_VERSION_MISMATCH', `index built with analyser ${m.analyzer}, this build uses ${expected.analyzer}: run \`npm run ingest\``);
  }
  if (expected.embedder && m.embedder.id !== expected.embedder) {
    throw appError('INDEX_VERSION_MISMATCH', `index built with embedder ${m.embedder.id}, configured ${expected.embedder}: run \`npm run ingest\``);
  }
  return m as Manifest;
}
