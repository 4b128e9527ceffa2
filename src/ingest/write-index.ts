import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError } from '../errors.js';
import { FILES, MANIFEST, packVectors, type FileDigest, type Manifest } from '../vectors/artifact.js';
import { writeHnsw } from '../vectors/hnsw.js';
import { LexicalIndex } from '../vectors/lexical-index.js';
import type { Built } from './build-index.js';

/** The file in INDEX_DIR that names the build folder in service. */
export const CURRENT = 'CURRENT';

/**
 * Writes the index into a temporary folder, renames it into place, then swaps the CURRENT pointer by
 * an atomic rename. An ingest killed at any moment, or a disk that fills (INDEX_WRITE_FAILED), leaves the
 * previous index in service, intact. The query dictionary is written once, beside the builds, under a
 * name with its hash. Returns the build folder's path.
 */
export async function writeIndex(indexDir: string, built: Built): Promise<string> {
  await mkdir(indexDir, { recursive: true });
  const stamp = `${Date.now().toString(36)}-${built.parts.manifest.corpusHash.slice(0, 8)}`;
  const tmp = join(indexDir, `.tmp-${process.pid}-${stamp}`);
  try {
    await mkdir(tmp);
    // The catalog is compressed on the thread pool (since the programs were read) while this thread packs the rest, and the files are written as they are packed.
    const catalog = built.catalogGzip;
    const dictionaryWritten = writeDictionary(indexDir, built.dictionary, built.parts.queryDictionary);
    const writes: Promise<unknown>[] = [catalog, dictionaryWritten];
    const { parts } = built;
    const files: Manifest['files'] = {};
    const put = (name: string, data: Uint8Array) => {
      files[name] = digest(data);
      writes.push(writeFile(join(tmp, name), data));
    };
    put(FILES.lexical, LexicalIndex.pack(parts.lexical));
    put(FILES.vectors, packVectors(parts.vectors));
    put(FILES.synonyms, new TextEncoder().encode(JSON.stringify(parts.synonyms)));
    put(FILES.readings, new TextEncoder().encode(JSON.stringify(parts.readings)));
    // Each is awaited below: one that fails fails the write, not the process.
    for (const w of writes) w.catch(() => {});
    put(FILES.catalog, await catalog);
    await Promise.all(writes);
    if (parts.vectors.kind === 'float32') {
      const { matrix, dimensions } = parts.vectors;
      const rows = Array.from({ length: matrix.length / dimensions }, (_, i) => Array.from(matrix.subarray(i * dimensions, (i + 1) * dimensions)));
      await writeHnsw(join(tmp, FILES.hnsw), rows, dimensions);
      files[FILES.hnsw] = digest(await readFile(join(tmp, FILES.hnsw)));
    }
    const dictionary = await dictionaryWritten;
    const manifest: Manifest = { ...parts.manifest, createdAt: new Date().toISOString(), files: inOrder(files), dictionary };
    await writeFile(join(tmp, MANIFEST), JSON.stringify(manifest, null, 2));

    const build = `build-${stamp}`;
    await rename(tmp, join(indexDir, build));
    const pointer = join(indexDir, `${CURRENT}.${process.pid}.tmp`);
    await writeFile(pointer, build);
    await rename(pointer, join(indexDir, CURRENT));
    await removeOtherBuilds(indexDir, build, dictionary.file);
    return join(indexDir, build);
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true });
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EROFS' ? 'the folder is not writable' : (cause as Error).message;
    throw appError('INDEX_WRITE_FAILED', `the index could not be written to ${indexDir} (${why}); the previous index is unchanged`, cause);
  }
}

/** The files as the manifest lists them: in the order of FILES, whichever was written first. */
function inOrder(files: Manifest['files']): Manifest['files'] {
  return Object.fromEntries(Object.values(FILES).flatMap((name) => (files[name] ? [[name, files[name]]] : [])));
}

function digest(data: Uint8Array): FileDigest {
  return { bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
}

/** How a manifest names a dictionary: `dictionary-<sha256 prefix>.bin`, with its size and sha256. */
export function dictionaryEntry(bytes: Uint8Array): Manifest['dictionary'] {
  const d = digest(bytes);
  return { file: `dictionary-${d.sha256.slice(0, 16)}.bin`, ...d };
}

/** The dictionary under its manifest name, written (atomically) only when no build wrote it before. */
async function writeDictionary(indexDir: string, entry: Manifest['dictionary'], bytes: Uint8Array): Promise<Manifest['dictionary']> {
  const path = join(indexDir, entry.file);
  const present = await stat(path).then((s) => s.size === entry.bytes, () => false);
  if (!present) {
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }
  return entry;
}

async function removeOtherBuilds(indexDir: string, ours: string, dictionary: string): Promise<void> {
  // Another ingest may have switched CURRENT since: whatever it names now stays, with its dictionary.
  const current = (await readFile(join(indexDir, CURRENT), 'utf8').catch(() => '')).trim();
  const keep = new Set([ours, current, dictionary]);
  if (current && current !== ours) {
    const theirs = await readFile(join(indexDir, current, MANIFEST), 'utf8').then((m) => (JSON.parse(m) as Manifest).dictionary?.file, () => undefined);
    if (theirs) keep.add(theirs);
  }
  for (const entry of await readdir(indexDir)) {
    const mine = entry.startsWith(`.tmp-${process.pid}-`);
    const stale = entry.startsWith('build-') || (entry.startsWith('dictionary-') && entry.endsWith('.bin')) || (entry.startsWith('.tmp-') && !isAlive(Number(entry.split('-')[1])));
    if (!keep.has(entry) && (stale || mine)) await rm(join(indexDir, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
