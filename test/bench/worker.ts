import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { prepareWorkerBundle } from '../../src/adapter/worker/prepare.js';
import { parseConfig } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import { CORPUS, evalRows, ipadic, ROOT, tempDir } from '../helpers.js';
import { startLocalWorker, writeConfig } from '../worker/local-worker.js';
import { isolateHeap, type IsolateHeap } from './workerd-heap.js';

const run = promisify(execFile);

/** worker-isolate.ts's figures (its last line on stderr); its request log on stdout is dropped, not buffered. */
function isolateFigures(bundle: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'test/bench/worker-isolate.ts'), bundle], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err.trim().split('\n').pop()!) : reject(new Error(`worker-isolate exited ${code}: ${err}`))));
  });
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/**
 * The Worker built from the corpus (never from index/): its upload size as wrangler reports it, cold start,
 * latency and the reference scorer's figures in workerd on loopback, and the isolate's memory and CPU per
 * answer measured in V8.
 */
export async function workerBench(): Promise<{ figures: Record<string, string>; score: string }> {
  const dir = await tempDir('madoguchi-worker-bench-');
  try {
    const indexDir = join(dir, 'index');
    await ingest({ corpusDir: CORPUS, indexDir, ipadic: await ipadic() });
    const bundle = join(dir, 'bundle.bin');
    await prepareWorkerBundle(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: indexDir }), bundle, { withIndex: true });
    const wrangler = join(ROOT, 'node_modules/.bin/wrangler');
    const dry = await run(wrangler, ['deploy', '--dry-run', '--outdir', join(dir, 'out'), '--config', await writeConfig(bundle, { r2: false })], { cwd: ROOT });
    const [, raw, gzip] = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(dry.stdout + dry.stderr) ?? [];

    const t0 = performance.now();
    const worker = await startLocalWorker(bundle, { vars: { RATE_LIMIT: '0' }, inspector: true });

    const rows = await evalRows();
    let ready = 0;
    let first = 0;
    let score = '';
    let heap: IsolateHeap | undefined;
    const ms: number[] = [];
    try {
      await worker.ready;
      ready = performance.now() - t0;
      const url = new URL('/api/ask', await worker.url);
      const ask = async (row: (typeof rows)[number]) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: row.question, history: row.history }) });
        await res.text();
      };
      await ask(rows[0]!);
      first = performance.now() - t0;
      for (let round = 0; round < 5; round++) {
        for (const row of rows) {
          const t = performance.now();
          await ask(row);
          ms.push(performance.now() - t);
        }
      }
      heap = await isolateHeap(worker);
      // The reference scorer against the Worker, as against Node (`npm run eval`).
      const scored = await run(process.execPath, [join(ROOT, '../shared/eval/score.mjs'), '--url', url.origin], { cwd: ROOT });
      score = /^score: (.*)$/m.exec(scored.stdout)?.[1] ?? scored.stdout.trim();
    } finally {
      await worker.dispose();
    }

    const m = JSON.parse(await isolateFigures(bundle)) as { heapMb: number; arrayBuffersMb: number; coldMs: number; cpuMsPerAsk: number };
    const figures = {
      'upload MB': (Number(raw) / 1024).toFixed(2),
      'upload MB gzip (limit 10)': (Number(gzip) / 1024).toFixed(2),
      'local D1 migrations + wrangler build + workerd ready ms': ready.toFixed(0),
      'workerd first answer ms': (first - ready).toFixed(0),
      'V8: bundle → first answer ms': m.coldMs.toFixed(0),
      'ask p50 ms (workerd)': pct(ms, 0.5).toFixed(1),
      'ask p95 ms (workerd)': pct(ms, 0.95).toFixed(1),
      'workerd isolate heap + buffers MB, no GC (limit 128)': heap ? (heap.usedMb + heap.backingStoreMb).toFixed(1) : '',
      'V8 after GC: heap + buffers MB': (m.heapMb + m.arrayBuffersMb).toFixed(1),
      'CPU ms per ask': m.cpuMsPerAsk.toFixed(2),
    };
    return { figures, score };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
