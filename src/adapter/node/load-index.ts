import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError } from '../../errors.js';
import { CURRENT } from '../../ingest/write-index.js';
import { FILES, readIndexParts, readManifest as readStoredManifest, type IndexParts, type IndexStore, type Manifest } from '../../vectors/artifact.js';
import { loadHnsw } from '../../vectors/hnsw.js';
import type { LocalVectorSearch } from '../../vectors/vector-search.js';

export interface LoadedIndex extends IndexParts {
  folder: string;
  /** The HNSW graph of a service embedder's vectors; none for local vectors. */
  hnsw: LocalVectorSearch | null;
}

/**
 * Loads the build that INDEX_DIR/CURRENT names, checking the manifest's versions and every file's
 * sha256. Missing → INDEX_MISSING; unreadable or altered → INDEX_CORRUPT; another format or analyser →
 * INDEX_VERSION_MISMATCH; each message says to run `npm run ingest`.
 */
export async function loadIndex(indexDir: string, expected: { analyzer: string; embedder?: string }): Promise<LoadedIndex> {
  const folder = await currentBuild(indexDir);
  const parts = await readIndexParts(folderStore(indexDir, folder), expected);
  const { manifest } = parts;
  const hnsw = manifest.files[FILES.hnsw] ? await loadHnsw(join(folder, FILES.hnsw), manifest.embedder.dimensions, manifest.counts.chunks) : null;
  return { ...parts, folder, hnsw };
}

/** Only the manifest of the build in service, checked: enough to tell whether the index is stale. */
export async function readManifest(indexDir: string, expected: { analyzer: string; embedder?: string }): Promise<Manifest> {
  const folder = await currentBuild(indexDir);
  return readStoredManifest(folderStore(indexDir, folder), expected);
}

/** A build folder as an index store: its files, and the dictionary beside it in INDEX_DIR. */
export function folderStore(indexDir: string, folder: string): IndexStore {
  return {
    where: folder,
    async read(name) {
      const path = name.startsWith('dictionary-') ? join(indexDir, name) : join(folder, name);
      try {
        return await readFile(path);
      } catch (cause) {
        throw appError('INDEX_CORRUPT', `${path} could not be read: run \`npm run ingest\``, cause);
      }
    },
  };
}

async function currentBuild(indexDir: string): Promise<string> {
  try {
    return join(indexDir, (await readFile(join(indexDir, CURRENT), 'utf8')).trim());
  } catch (cause) {
    throw appError('INDEX_MISSING', `no index in ${indexDir}: run \`npm run ingest\``, cause);
  }
}
