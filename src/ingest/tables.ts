import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReadingTable } from '../text/readings.js';
import { PARTS } from '../text/query-dictionary.js';
import { synonymGroups, type SudachiGroup, type SynonymGroup } from '../text/synonyms.js';
import type { FileDigest } from '../vectors/artifact.js';
import { packFullDictionary, type IpadicFiles } from './query-dictionary.js';
import { dictionaryReadings, entryReadings, packEntryReadings, type ReadingOf } from './readings.js';
import { dictionaryEntry } from './write-index.js';
import type { EdictGlosses } from '../text/english-table.js';
import { edictId } from './edict.js';
import { PhraseTable } from './phrase-table.js';

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
  /** Keeps the packed dictionary in `dictionaryDir` (a machine's tables); without it, writing the index puts it there. */
  writeDictionary?(file: string, bytes: Uint8Array): Promise<void>;
}

const TABLES_VERSION = 'tables/2';

/**
 * The dictionary's tables: from the cache when an earlier ingest made them from the same IPADIC and its
 * packed dictionary is still there whole (its sha256 is checked), else made (2–4 s: IPADIC unzipped,
 * packed, read through). The packed dictionary comes in a SharedArrayBuffer, for the analysis threads.
 */
export async function dictionaryTables(input: IpadicInput, cache: TableCache | null): Promise<DictionaryTables & { names: string[] }> {
  const source = await ipadicSource(input);
  const name = `ipadic-${hash(`${TABLES_VERSION}\u0000${source.id}`).slice(0, 32)}.json`;
  const files = memo(() => source.load());
  const readingsName = name.replace(/\.json$/, '-readings.bin');
  const cached = cache ? await cache.read(name).then((b) => (b ? (JSON.parse(new TextDecoder().decode(b)) as Omit<DictionaryTables, 'bytes' | 'readingOf'>) : null)).catch(() => null) : null;
  if (cache && cached?.entry && cached.readings) {
    const [bytes, readings] = await Promise.all([readShared(join(cache.dictionaryDir, cached.entry.file), cached.entry.sha256), cache.read(readingsName)]);
    let readingOf: ReadingOf | null = null;
    try {
      readingOf = readings && entryReadings(readings);
    } catch {
      readingOf = null; // made again below
    }
    if (bytes && readingOf) {
      const lookup = readingOf;
      return { names: [name, readingsName], ...cached, bytes: async () => bytes, readingOf: async () => lookup };
    }
  }
  const ipadic = await files();
  const bytes = packFullDictionary(ipadic);
  const tables = { entry: dictionaryEntry(bytes), readings: dictionaryReadings(ipadic) };
  const readings = packEntryReadings(ipadic);
  await cache?.writeDictionary?.(tables.entry.file, bytes);
  await cache?.write(readingsName, readings);
  await cache?.write(name, new TextEncoder().encode(JSON.stringify(tables)));
  return { names: [name, readingsName], ...tables, bytes: async () => bytes, readingOf: memo(async () => entryReadings(readings)) };
}

/**
 * A file read into a SharedArrayBuffer, when its sha256 is `sha256`; null when it is missing, or not
 * whole (it is then made again).
 */
async function readShared(path: string, sha256: string): Promise<Uint8Array | null> {
  const file = await open(path).catch(() => null);
  if (!file) return null;
  try {
    const { size } = await file.stat();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) return null;
      at += bytesRead;
    }
    return createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : null;
  } catch {
    return null;
  } finally {
    await file.close();
  }
}

/** The synonym tables: from the cache when an earlier ingest made them from the same dictionary, else made. */
export async function synonymTables(input: SudachiInput, cache: TableCache | null): Promise<SynonymTables & { name: string }> {
  const source = Array.isArray(input) ? groupsSource(input) : input;
  const name = `sudachi-${hash(`${TABLES_VERSION}\u0000${source.id}`).slice(0, 32)}.txt`;
  const cached = cache ? unpackSynonyms(await cache.read(name)) : null;
  if (cached) return Object.assign(cached, { name });
  const groups = synonymGroups(await source.load());
  const wanted = [...new Set(groups.flatMap((g) => g.map((i) => i.word)))].sort();
  const tables = { wantedHash: hash(wanted.join('\n')), wanted, groups };
  await cache?.write(name, packSynonyms(tables));
  return { name, ...tables };
}

const SYNONYMS_FORMAT = 'madoguchi-sudachi-tables/1';

/**
 * The synonym tables as text: the format, the hash, the phrases, the groups, apart by NUL; a phrase
 * after another by U+0001, a group after another by U+0002, each word marked 1 where it triggers, else 0.
 * A third of the JSON's size, read back by splitting, and only as far as it is used.
 */
function packSynonyms(t: SynonymTables): Uint8Array {
  const groups = t.groups.map((g) => g.map((i) => `${i.trigger ? 1 : 0}${i.word}`).join('\u0001')).join('\u0002');
  return new TextEncoder().encode([SYNONYMS_FORMAT, t.wantedHash, t.wanted.join('\u0001'), groups].join('\u0000'));
}

/** `packSynonyms`'s bytes read back (the phrases and groups split when first asked for); null for none, or for bytes of another format. */
function unpackSynonyms(bytes: Uint8Array | null): SynonymTables | null {
  if (!bytes) return null;
  const fields = new TextDecoder().decode(bytes).split('\u0000');
  if (fields.length !== 4 || fields[0] !== SYNONYMS_FORMAT || !/^[0-9a-f]{64}$/.test(fields[1]!)) return null;
  const [, wantedHash, wanted, groups] = fields as [string, string, string, string];
  let phrases: string[] | undefined;
  let parsed: SynonymGroup[] | undefined;
  return {
    wantedHash,
    get wanted() {
      return (phrases ??= wanted ? wanted.split('\u0001') : []);
    },
    get groups() {
      return (parsed ??= groups ? groups.split('\u0002').map((g) => (g ? g.split('\u0001') : []).map((w) => ({ word: w.slice(1), trigger: w[0] === '1' }))) : []);
    },
  };
}

/**
 * The phrases whose presence the analysis looks for (the synonym tables' and EDICT's forms) as the table
 * the analysis threads share (`PhraseTable`): from the cache when an earlier ingest made it from the same
 * phrases, else made (~1 s); read or made only when something is to be analysed.
 */
export function phraseTable(synonyms: Pick<SynonymTables, 'wanted' | 'wantedHash'>, edict: EdictGlosses | null, cache: TableCache | null): { name: string; table(): Promise<PhraseTable> } {
  const name = `phrases-${hash(`${TABLES_VERSION}\u0000${synonyms.wantedHash}\u0000${edict ? edictId(edict) : 'no EDICT'}`).slice(0, 32)}.bin`;
  const table = memo(async () => {
    const stored = await cache?.read(name);
    if (stored) {
      try {
        return PhraseTable.open(sharedCopy(stored));
      } catch {
        // made again below
      }
    }
    const made = PhraseTable.of(edict ? [...synonyms.wanted, ...edict.forms] : synonyms.wanted, (n) => new Uint8Array(new SharedArrayBuffer(n)));
    await cache?.write(name, made.bytes);
    return made;
  });
  return { name, table };
}

function sharedCopy(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  out.set(bytes);
  return out;
}

/** A folder of tables, each written atomically. */
export function folderTableCache(dir: string, dictionaryDir: string): TableCache {
  return {
    dictionaryDir,
    read: (name) => readFile(join(dir, name)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength), () => null),
    write: (name, bytes) => writeAtomically(join(dir, name), [bytes]),
    async keep(names) {
      for (const e of await readdir(dir).catch(() => [] as string[])) if (!names.has(e) && !e.endsWith('.tmp')) await rm(join(dir, e), { force: true });
    },
  };
}

const DIGEST = 32;

/**
 * The tables made from the installed dictionaries alone, kept in one folder for every index of the machine
 * (as a package's prebuilt data): each file a sha256 of the rest, then the table, so that a file that does
 * not read back whole is made again rather than trusted; the packed dictionary as it is (the index's file,
 * checked against the sha256 its tables name).
 */
export function machineTableCache(dir: string): TableCache {
  return {
    dictionaryDir: dir,
    async read(name) {
      const data = await readFile(join(dir, name)).catch(() => null);
      if (!data || data.length < DIGEST) return null;
      const body = data.subarray(DIGEST);
      return createHash('sha256').update(body).digest().equals(data.subarray(0, DIGEST)) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : null;
    },
    write: (name, bytes) => writeAtomically(join(dir, name), [createHash('sha256').update(bytes).digest(), bytes]),
    writeDictionary: (file, bytes) => writeAtomically(join(dir, file), [bytes]),
    // Every index of the machine uses them: none is forgotten for one ingest's sake.
    keep: async () => {},
  };
}

/** A cache's file, written to a temporary name and renamed: a table that cannot be kept is made again next time, nothing worse. */
export async function writeAtomically(path: string, parts: Uint8Array[]): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, parts.length === 1 ? parts[0]! : Buffer.concat(parts));
    await rename(tmp, path);
  } catch {
    await rm(tmp, { force: true });
  }
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

/** Names IPADIC's files as their source does (a hash of the zipped files), rather than by a hash of their 100 MB: returns them. */
export function nameIpadic(files: IpadicFiles, id: string): IpadicFiles {
  filesIds.set(files, id);
  return files;
}

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
