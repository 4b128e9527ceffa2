import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadingTable } from '../text/readings.js';
import { PARTS } from '../text/query-dictionary.js';
import { synonymGroups, type SudachiGroup, type SynonymGroup } from '../text/synonyms.js';
import type { FileDigest } from '../vectors/artifact.js';
import { packFullDictionary, type IpadicFiles } from './query-dictionary.js';
import { dictionaryReadings, entryReadings, packEntryReadings, type ReadingOf } from './readings.js';
import { dictionaryEntry } from './write-index.js';

/** Something ingest may need, named by a hash of what it is made from, and loaded only when it is needed. */
export interface Source<T> {
  id: string;
  load(): Promise<T>;
}

export type IpadicSource = Source<IpadicFiles>;
export type IpadicInput = IpadicFiles | Promise<IpadicFiles> | IpadicSource;
export type SudachiInput = SudachiGroup[] | Source<SudachiGroup[]>;

/** What ingest takes from IPADIC alike for every corpus: the packed dictionary's name and the dictionary's readings. */
export interface DictionaryTables {
  entry: FileDigest & { file: string };
  readings: Pick<ReadingTable, 'skip' | 'kanji'>;
  /** The packed dictionary (`packFullDictionary`). */
  bytes(): Promise<Uint8Array>;
  /** Each IPADIC entry's reading: what a segment's readings are looked up in. */
  readingOf(): Promise<ReadingOf>;
}

/** What ingest takes from the Sudachi synonyms: the phrases looked for in the corpus, and the groups. */
export interface SynonymTables {
  /** sha256 of the sorted phrases: what the analysis of a segment depends on. */
  wantedHash: string;
  wanted: string[];
  groups: SynonymGroup[];
}

/** Tables made from ingest's inputs, kept in a folder by their inputs' ids; null: made every time. */
export interface TableCache {
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Forgets every table but these. */
  keep(names: ReadonlySet<string>): Promise<void>;
  /** Where the packed dictionary is kept once written (`INDEX_DIR`), to read it back rather than pack it again. */
  dictionaryDir: string;
}

const TABLES_VERSION = 'tables/1';

/**
 * The dictionary's tables: from the cache when an earlier ingest made them from the same IPADIC and its
 * packed dictionary is still beside the builds, else made (1–2 s: IPADIC unzipped, packed, read through).
 */
export async function dictionaryTables(input: IpadicInput, cache: TableCache | null): Promise<DictionaryTables & { names: string[] }> {
  const source = await ipadicSource(input);
  const name = `ipadic-${hash(`${TABLES_VERSION}\u0000${source.id}`).slice(0, 32)}.json`;
  const files = memo(() => source.load());
  const readingsName = name.replace(/\.json$/, '-readings.bin');
  const cached = cache ? await cache.read(name).then((b) => (b ? (JSON.parse(new TextDecoder().decode(b)) as Omit<DictionaryTables, 'bytes' | 'readingOf'>) : null)).catch(() => null) : null;
  if (cache && cached?.entry && cached.readings) {
    const path = join(cache.dictionaryDir, cached.entry.file);
    const present = await stat(path).then((s) => s.size === cached.entry.bytes, () => false);
    const readings = await cache.read(readingsName);
    let readingOf: ReadingOf | null = null;
    try {
      readingOf = readings && entryReadings(readings);
    } catch {
      readingOf = null; // made again below
    }
    if (present && readingOf) {
      const lookup = readingOf;
      return { names: [name, readingsName], ...cached, bytes: memo(() => readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))), readingOf: async () => lookup };
    }
  }
  const ipadic = await files();
  const bytes = packFullDictionary(ipadic);
  const tables = { entry: dictionaryEntry(bytes), readings: dictionaryReadings(ipadic) };
  const readings = packEntryReadings(ipadic);
  await cache?.write(readingsName, readings);
  await cache?.write(name, new TextEncoder().encode(JSON.stringify(tables)));
  return { names: [name, readingsName], ...tables, bytes: async () => bytes, readingOf: memo(async () => entryReadings(readings)) };
}

/** The synonym tables: from the cache when an earlier ingest made them from the same dictionary, else made. */
export async function synonymTables(input: SudachiInput, cache: TableCache | null): Promise<SynonymTables & { name: string }> {
  const source = Array.isArray(input) ? groupsSource(input) : input;
  const name = `sudachi-${hash(`${TABLES_VERSION}\u0000${source.id}`).slice(0, 32)}.json`;
  const cached = cache ? await cache.read(name).then((b) => (b ? (JSON.parse(new TextDecoder().decode(b)) as SynonymTables) : null)).catch(() => null) : null;
  if (cached?.groups && cached.wanted && cached.wantedHash) return { name, ...cached };
  const groups = synonymGroups(await source.load());
  const wanted = [...new Set(groups.flatMap((g) => g.map((i) => i.word)))].sort();
  const tables = { wantedHash: hash(wanted.join('\n')), wanted, groups };
  await cache?.write(name, new TextEncoder().encode(JSON.stringify(tables)));
  return { name, ...tables };
}

/** A folder of tables, each written atomically. */
export function folderTableCache(dir: string, dictionaryDir: string): TableCache {
  return {
    dictionaryDir,
    read: (name) => readFile(join(dir, name)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength), () => null),
    async write(name, bytes) {
      // A cache: a table that cannot be kept is made again next time, nothing worse.
      const tmp = join(dir, `${name}.${process.pid}.tmp`);
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(tmp, bytes);
        await rename(tmp, join(dir, name));
      } catch {
        await rm(tmp, { force: true });
      }
    },
    async keep(names) {
      for (const e of await readdir(dir).catch(() => [] as string[])) if (!names.has(e) && !e.endsWith('.tmp')) await rm(join(dir, e), { force: true });
    },
  };
}

/** IPADIC as a source: files given as they are are named by a hash of their bytes. */
async function ipadicSource(input: IpadicInput): Promise<IpadicSource> {
  if (typeof (input as IpadicSource).load === 'function') return input as IpadicSource;
  const files = await (input as IpadicFiles | Promise<IpadicFiles>);
  let id = filesIds.get(files);
  if (!id) {
    const h = createHash('sha256');
    for (const part of PARTS) h.update(`${part}\u0000${files[part].byteLength}\u0000`).update(files[part]);
    filesIds.set(files, (id = h.digest('hex')));
  }
  return { id, load: async () => files };
}

const filesIds = new WeakMap<IpadicFiles, string>();

function groupsSource(groups: SudachiGroup[]): Source<SudachiGroup[]> {
  let id = groupIds.get(groups);
  if (!id) groupIds.set(groups, (id = hash(JSON.stringify(groups.map((g) => g.items.map((i) => [i.midashi, i.expandControl]))))));
  return { id, load: async () => groups };
}

const groupIds = new WeakMap<SudachiGroup[], string>();

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}
