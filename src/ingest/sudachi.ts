import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SudachiGroup } from '../text/synonyms.js';
import type { Source } from './tables.js';

// The package's ESM entry points at a file it does not ship; its CommonJS entry works.
const require = createRequire(import.meta.url);

/** The Sudachi synonym dictionary (~15 MB of JSON): read at ingest only, never on the query path. */
export async function loadSudachiGroups(): Promise<SudachiGroup[]> {
  const { fetchDictionary } = require('sudachi-synonyms-dictionary') as { fetchDictionary: () => Promise<SudachiGroup[]> };
  return fetchDictionary();
}

/** The dictionary named by a hash of its file, loaded only if ingest has no table made from it yet. */
export async function sudachiSource(): Promise<Source<SudachiGroup[]>> {
  const file = await readFile(join(dirname(require.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json'));
  return { id: createHash('sha256').update(file).digest('hex'), load: loadSudachiGroups };
}
