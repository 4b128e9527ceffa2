import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES, type Manifest } from '../vectors/artifact.js';
import { writeHnsw } from '../vectors/hnsw.js';
import type { Built } from './build-index.js';

/** The file in INDEX_DIR that names the build folder in service. */
export const CURRENT = 'CURRENT';

/**
 * Writes the index into a temporary folder, renames it into place, then swaps the CURRENT pointer by
 * an atomic rename. An ingest killed at any moment leaves the previous index in service, intact.
 * Returns the build folder's path.
 */
export async function writeIndex(indexDir: string, built: Built): Promise<string> {
  await mkdir(indexDir, { recursive: true });
  const stamp = `${Date.now().toString(36)}-${built.parts.manifest.corpusHash.slice(0, 8)}`;
  const tmp = join(indexDir, `.tmp-${process.pid}-${stamp}`);
  await mkdir(tmp);

  const { parts } = built;
  const contents: Record<string, Uint8Array | string> = {
    [FILES.catalog]: JSON.stringify(parts.catalog),
    [FILES.chunks]: JSON.stringify(parts.chunks),
    [FILES.lexical]: JSON.stringify(parts.lexical),
    [FILES.synonyms]: JSON.stringify(parts.synonyms),
    [FILES.readings]: JSON.stringify(parts.readings),
    [FILES.vectors]: new Uint8Array(parts.vectors.buffer, parts.vectors.byteOffset, parts.vectors.byteLength),
    [FILES.queryDictionary]: parts.queryDictionary,
  };
  for (const [name, data] of Object.entries(contents)) await writeFile(join(tmp, name), data);
  await writeHnsw(join(tmp, FILES.hnsw), built.vectors, parts.manifest.embedder.dimensions);

  const files: Manifest['files'] = {};
  for (const name of Object.values(FILES)) {
    const bytes = await readFile(join(tmp, name));
    files[name] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  const manifest: Manifest = { ...parts.manifest, createdAt: new Date().toISOString(), files };
  await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));

  const build = `build-${stamp}`;
  await rename(tmp, join(indexDir, build));
  const pointer = join(indexDir, `${CURRENT}.${process.pid}.tmp`);
  await writeFile(pointer, build);
  await rename(pointer, join(indexDir, CURRENT));
  await removeOtherBuilds(indexDir, build);
  return join(indexDir, build);
}

async function removeOtherBuilds(indexDir: string, ours: string): Promise<void> {
  // Another ingest may have switched CURRENT since: whatever it names now stays.
  const current = (await readFile(join(indexDir, CURRENT), 'utf8').catch(() => '')).trim();
  const keep = new Set([ours, current]);
  for (const entry of await readdir(indexDir)) {
    const mine = entry.startsWith(`.tmp-${process.pid}-`);
    const stale = entry.startsWith('build-') || (entry.startsWith('.tmp-') && !isAlive(Number(entry.split('-')[1])));
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
