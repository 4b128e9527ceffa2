import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, isAppError } from '../../errors.js';
import { CURRENT } from '../../ingest/write-index.js';
import { checkManifest, FILES, type IndexParts, type Manifest } from '../../vectors/artifact.js';
import { loadHnsw } from '../../vectors/hnsw.js';
import type { LocalVectorSearch } from '../../vectors/vector-search.js';

export interface LoadedIndex extends IndexParts {
  folder: string;
  hnsw: LocalVectorSearch;
}

/**
 * Loads the build that INDEX_DIR/CURRENT names, checking the manifest's versions and every file's
 * sha256. Missing → INDEX_MISSING; unreadable or altered → INDEX_CORRUPT; another format or analyser →
 * INDEX_VERSION_MISMATCH; each message says to run `npm run ingest`.
 */
export async function loadIndex(indexDir: string, expected: { analyzer: string; embedder?: string }): Promise<LoadedIndex> {
  const folder = await currentBuild(indexDir);
  try {
    const manifest = checkManifest(JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')), expected);
    const bytes: Record<string, Buffer> = {};
    for (const name of Object.values(FILES)) {
      const data = await readFile(join(folder, name));
      const want = manifest.files[name];
      if (!want || want.bytes !== data.length || createHash('sha256').update(data).digest('hex') !== want.sha256) {
        throw appError('INDEX_CORRUPT', `${name} in ${folder} does not match its manifest: run \`npm run ingest\``);
      }
      bytes[name] = data;
    }
    const json = (name: string) => JSON.parse(bytes[name]!.toString('utf8'));
    const raw = bytes[FILES.vectors]!;
    const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const hnsw = await loadHnsw(join(folder, FILES.hnsw), manifest.embedder.dimensions, manifest.counts.chunks);
    const queryDictionary = bytes[FILES.queryDictionary]!;
    return { folder, manifest, catalog: json(FILES.catalog), chunks: json(FILES.chunks), lexical: json(FILES.lexical), synonyms: json(FILES.synonyms), readings: json(FILES.readings), vectors, queryDictionary, hnsw };
  } catch (cause) {
    if (isAppError(cause)) throw cause;
    throw appError('INDEX_CORRUPT', `the index in ${folder} could not be read (${(cause as Error).message}): run \`npm run ingest\``, cause);
  }
}

/** Only the manifest of the build in service, checked: enough to tell whether the index is stale. */
export async function readManifest(indexDir: string, expected: { analyzer: string; embedder?: string }): Promise<Manifest> {
  const folder = await currentBuild(indexDir);
  try {
    return checkManifest(JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')), expected);
  } catch (cause) {
    if (isAppError(cause)) throw cause;
    throw appError('INDEX_CORRUPT', `the index manifest in ${folder} could not be read: run \`npm run ingest\``, cause);
  }
}

async function currentBuild(indexDir: string): Promise<string> {
  try {
    return join(indexDir, (await readFile(join(indexDir, CURRENT), 'utf8')).trim());
  } catch (cause) {
    throw appError('INDEX_MISSING', `no index in ${indexDir}: run \`npm run ingest\``, cause);
  }
}
