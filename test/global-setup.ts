import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readIpadic } from '../src/adapter/node/ipadic.js';
import { ingest } from '../src/ingest/ingest.js';
import { CORPUS, EDICT } from './helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** INDEX_DIR of the corpus ingested once for the whole run; test files open it read-only. */
    corpusIndex: string;
    /** Where the run's temporary folders go (`tempDir`): removed with everything in it when the run ends. */
    tempRoot: string;
  }
}

/** Ingests the real corpus once per run instead of once per test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-run-'));
  const indexDir = join(dir, 'index');
  await ingest({ corpusDir: CORPUS, indexDir, ipadic: await readIpadic(), edictFile: EDICT });
  project.provide('corpusIndex', indexDir);
  project.provide('tempRoot', dir);
  return () => rm(dir, { recursive: true, force: true });
}
