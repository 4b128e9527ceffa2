import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIpadic } from '../../src/adapter/node/ipadic.js';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import { parseConfig } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { createAnalyzer } from '../../src/text/analyzer.js';
import { CORPUS, evalRows } from '../helpers.js';
import { loadJsquad } from './jsquad.js';

/** The corpus ingested into a temporary index (the bench never touches index/). */
async function corpusEngine(): Promise<{ engine: SearchEngine; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
  await ingest({ corpusDir: CORPUS, indexDir: dir, ipadic: await readIpadic() });
  const engine = await openEngine(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: dir }));
  return { engine, done: () => rm(dir, { recursive: true, force: true }) };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/** POST /api/ask through the app (routing, validation, JSON), extractive, the dev questions 20 times over. */
export async function askBench(): Promise<Record<string, string>> {
  const { engine, done } = await corpusEngine();
  const app = createApp({ engine: () => engine });
  const rows = await evalRows();
  const ask = async (row: (typeof rows)[number]) => {
    const body = JSON.stringify({ question: row.question, history: row.history ?? [] });
    return (await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  };
  for (const row of rows) await ask(row);
  const ms: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const row of rows) {
      const t0 = performance.now();
      await ask(row);
      ms.push(performance.now() - t0);
    }
  }
  await done();
  return { requests: String(ms.length), 'p50 ms': pct(ms, 0.5).toFixed(2), 'p95 ms': pct(ms, 0.95).toFixed(2), 'max ms': Math.max(...ms).toFixed(2) };
}

/**
 * How the answerability threshold behaves: refusals of the dev set's in-scope questions (false refusals)
 * and out-of-scope ones, and of JSQuAD's Wikipedia questions, out of scope for a program corpus.
 */
export async function scopeBench(): Promise<Record<string, string>[]> {
  const { engine, done } = await corpusEngine();
  const answerer = createExtractiveAnswerer(engine);
  const refused = async (question: string, history: { role: 'user' | 'assistant'; content: string }[] = []) =>
    !(await answerer.answer({ question, history, mode: 'answer' })).answerable;
  const rows = await evalRows();
  let falseRefusals = 0, inScope = 0, oosRefused = 0, oos = 0;
  for (const row of rows) {
    const r = await refused(row.question, (row.history ?? []) as { role: 'user' | 'assistant'; content: string }[]);
    if (row.answerable) (inScope++, (falseRefusals += Number(r)));
    else (oos++, (oosRefused += Number(r)));
  }
  const wiki = loadJsquad().questions.filter((_, i) => i % 4 === 0);
  let wikiRefused = 0;
  for (const q of wiki) wikiRefused += Number(await refused(q.question));
  await done();
  const rate = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`;
  return [
    { set: 'dev in scope', refused: rate(falseRefusals, inScope), want: '0 (false refusals)' },
    { set: 'dev out of scope', refused: rate(oosRefused, oos), want: 'all' },
    { set: 'JSQuAD questions (Wikipedia)', refused: rate(wikiRefused, wiki.length), want: 'most' },
  ];
}
