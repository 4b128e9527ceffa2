import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/adapter/node/load-index.js';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { parseConfig } from '../../src/config.js';
import { ANALYZER_ID } from '../../src/text/analyzer.js';
import { loadJsquad, writeJsquadCorpus } from '../bench/jsquad.js';
import { CORPUS, evalRows, INGEST_ARGS, realEngine, ROOT } from '../helpers.js';

describe('crash safety', () => {
  it('an ingest killed (SIGKILL) while writing leaves the old index loading and answering identically', async () => {
    const engine = await realEngine();
    const { indexDir } = engine;
    const rows = await evalRows();
    const answersOf = async (e: typeof engine) => Promise.all(rows.map(async (r) => (await e.retriever.search(r.question, 5)).map((h) => [h.chunk.id, h.score.toFixed(6)])));
    const before = await answersOf(engine);
    const manifest = (await loadIndex(indexDir, { analyzer: ANALYZER_ID })).manifest;

    // A corpus large enough that writing its index takes a while: JSQuAD's 1,145 paragraphs.
    const bigCorpus = join(indexDir, '..', 'big-corpus');
    await writeJsquadCorpus(loadJsquad(), bigCorpus);
    // node itself, not npm: the signal must reach the process that writes.
    const child = spawn(process.execPath, INGEST_ARGS, { cwd: ROOT, env: { ...process.env, CORPUS_DIR: bigCorpus, INDEX_DIR: indexDir }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let sawWrite = false;
    for (let i = 0; i < 12_000 && !sawWrite; i++) {
      sawWrite = (await readdir(indexDir)).some((e) => e.startsWith('.tmp-'));
      if (!sawWrite) await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    expect(sawWrite).toBe(true);
    expect(await exited).toBe('SIGKILL');

    expect((await loadIndex(indexDir, { analyzer: ANALYZER_ID })).manifest).toEqual(manifest);
    const reopened = await openEngine(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: indexDir }));
    expect(await answersOf(reopened as typeof engine)).toEqual(before);
  });
});
