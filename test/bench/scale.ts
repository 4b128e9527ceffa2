import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { freePort, INGEST_ARGS, ROOT, START_ARGS, tempDir } from '../helpers.js';
import { RS_DIR, RS_YEARS, rsQuestions } from './rs.js';

const run = promisify(execFile);

export type ScaleRow = Record<string, string>;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => x.toFixed(2);

/**
 * The RS corpus as catalogs with their field maps (one year, then both), built by `npm run ingest` (warm:
 * with the machine's tables of the installed dictionaries, src/ingest/prepare.ts, made before) and by
 * MiniSearch + kuromoji in the same run, each in its own process: build time, characters per second, peak
 * memory, index bytes; the time to ingest again after one record's text changed (the median of three, the
 * whole process, from its start to the new build switched in); then this product served by `npm start` (ready time, resident memory) and asked
 * the sample questions in process (p50/p95 of /api/search and /api/ask).
 */
export async function scaleBench(years: readonly (readonly string[])[] = [RS_YEARS.slice(0, 1), RS_YEARS]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  // Builds are timed warm, as after `npm install`: the tables made from the installed dictionaries alone
  // are there already (made now if not, and checked), and each build only reads them back.
  await run(process.execPath, ['--import', 'tsx', 'src/ingest/prepare.ts'], { cwd: ROOT });
  for (const set of years) {
    const dir = await tempDir('madoguchi-scale-');
    try {
      const corpusDir = join(dir, 'corpus');
      const indexDir = join(dir, 'index');
      await mkdir(corpusDir, { recursive: true });
      for (const y of set) for (const ext of ['.jsonl', '.fields.json']) await copyFile(join(RS_DIR, `${y}${ext}`), join(corpusDir, `${y}${ext}`));
      const questions = (await Promise.all(set.map((y) => rsQuestions(join(RS_DIR, `${y}.jsonl`))))).flat();
      const label = set.join('+');

      const t0 = performance.now();
      const { stdout } = await run(process.execPath, INGEST_ARGS, { cwd: ROOT, env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }, maxBuffer: 256 * 1024 * 1024 });
      const buildMs = performance.now() - t0;
      const peak = Number(/peak memory (\d+) MB/.exec(stdout)![1]);
      const chars = Number(/analysed (\d+) characters/.exec(stdout)?.[1] ?? 0);
      const build = join(indexDir, (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim());
      let indexBytes = 0;
      for (const f of await readdir(build)) indexBytes += (await stat(join(build, f))).size;
      const dictionary = (await readdir(indexDir)).find((f) => f.startsWith('dictionary-'))!;
      const dictionaryBytes = (await stat(join(indexDir, dictionary))).size;

      // One record's text changed, then `npm run ingest` again: from the process's start to the new build switched in.
      const reingest: number[] = [];
      for (let round = 0; round < 3; round++) {
        await changeOneRecord(join(corpusDir, `${set[0]}.jsonl`), round);
        const t1 = performance.now();
        const again = await run(process.execPath, INGEST_ARGS, { cwd: ROOT, env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }, maxBuffer: 256 * 1024 * 1024 });
        reingest.push(performance.now() - t1);
        if (!/\b1 of \d+ segments analysed/.test(again.stdout)) throw new Error(`re-ingest analysed more than one segment:\n${again.stdout.slice(-500)}`);
      }

      const served = await serve(corpusDir, indexDir);
      const inProcess = await askInProcess(corpusDir, indexDir, questions);

      const questionsFile = join(dir, 'questions.json');
      await writeFile(questionsFile, JSON.stringify(questions));
      const peer = JSON.parse((await run(process.execPath, ['--import', 'tsx', 'test/bench/scale-peer.ts', join(dir, 'minisearch.json'), questionsFile, ...set.map((y) => join(RS_DIR, `${y}.jsonl`))], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })).stdout.trim().split('\n').pop()!) as { buildMs: number; peakRssMb: number; indexBytes: number; characters: number; times: number[] };

      rows.push({
        corpus: label,
        system: 'madoguchi',
        programs: String(inProcess.programs),
        'build s': (buildMs / 1000).toFixed(1),
        're-ingest s': (percentile(reingest, 50) / 1000).toFixed(2),
        'chars/s': chars ? Math.round(chars / (buildMs / 1000)).toLocaleString('en') : '',
        'peak RSS MB': String(peak),
        'index MB': (indexBytes / 1e6).toFixed(1),
        'dictionary MB': (dictionaryBytes / 1e6).toFixed(1),
        'serving RSS MB': served.rssMb.toFixed(0),
        'ready ms': served.readyMs.toFixed(0),
        'search p50/p95 ms': `${ms(percentile(inProcess.search, 50))} / ${ms(percentile(inProcess.search, 95))}`,
        'ask p50/p95 ms': `${ms(percentile(inProcess.ask, 50))} / ${ms(percentile(inProcess.ask, 95))}`,
      });
      rows.push({
        corpus: label,
        system: 'MiniSearch + kuromoji',
        programs: String(inProcess.programs),
        'build s': (peer.buildMs / 1000).toFixed(1),
        'chars/s': Math.round(peer.characters / (peer.buildMs / 1000)).toLocaleString('en'),
        'peak RSS MB': String(peer.peakRssMb),
        'index MB': (peer.indexBytes / 1e6).toFixed(1),
        'dictionary MB': '',
        'serving RSS MB': '',
        'ready ms': '',
        'search p50/p95 ms': `${ms(percentile(peer.times, 50))} / ${ms(percentile(peer.times, 95))}`,
        'ask p50/p95 ms': '',
      });
      rows.push({ corpus: label, system: 'build, madoguchi ÷ MiniSearch', 'build s': (buildMs / peer.buildMs).toFixed(2) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Appends a sentence to one record's first mapped section (the 100th record; `round` makes each change new). */
async function changeOneRecord(file: string, round: number): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const map = JSON.parse(await readFile(file.replace(/\.jsonl$/, '.fields.json'), 'utf8')) as { sections: Record<string, string> };
  const field = Object.values(map.sections)[0]!;
  const record = JSON.parse(lines[99]!) as Record<string, unknown>;
  record[field] = `${String(record[field] ?? '')}この事業は${round + 2}年目に見直します。`;
  lines[99] = JSON.stringify(record);
  await writeFile(file, lines.join('\n'));
}

/** `npm start` over a built index: ms from spawn to /healthz 200, and resident memory then and after 50 answers. */
async function serve(corpusDir: string, indexDir: string): Promise<{ readyMs: number; rssMb: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, START_ARGS, { cwd: ROOT, env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, PORT: String(port), RATE_LIMIT: '0', WEB_CONCURRENCY: '1' }, stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}`;
    let readyMs = 0;
    while (!readyMs) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) readyMs = performance.now() - t0;
      else await new Promise((r) => setTimeout(r, 10));
    }
    for (let i = 0; i < 50; i++) await (await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: `事業${i}の目的は？` }) })).text();
    const rssMb = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
    return { readyMs, rssMb };
  } finally {
    child.kill('SIGTERM');
  }
}

/** The questions through `createApp` in this process (after one warm-up round): per-request ms of /api/search and /api/ask. */
async function askInProcess(corpusDir: string, indexDir: string, questions: string[]): Promise<{ programs: number; search: number[]; ask: number[] }> {
  const engine = await openEngine(parseConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }));
  const app = createApp({ engine: () => engine });
  const search: number[] = [];
  const ask: number[] = [];
  for (const round of [0, 1]) {
    for (const q of questions) {
      let t = performance.now();
      await (await app.request(`/api/search?q=${encodeURIComponent(q)}`)).text();
      if (round) search.push(performance.now() - t);
      t = performance.now();
      await (await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) })).text();
      if (round) ask.push(performance.now() - t);
    }
  }
  return { programs: engine.programs.length, search, ask };
}
