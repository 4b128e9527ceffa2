import { createRequire } from 'node:module';
import type { SudachiGroup } from '../text/synonyms.js';

/** The Sudachi synonym dictionary (~15 MB of JSON): read at ingest only, never on the query path. */
export async function loadSudachiGroups(): Promise<SudachiGroup[]> {
  // The package's ESM entry points at a file it does not ship; its CommonJS entry works.
  const require = createRequire(import.meta.url);
  const { fetchDictionary } = require('sudachi-synonyms-dictionary') as { fetchDictionary: () => Promise<SudachiGroup[]> };
  return fetchDictionary();
}
