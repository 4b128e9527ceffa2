import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { prepareWorkerBundle, workerIndexFiles } from '../../src/adapter/worker/prepare.js';
import { R2_CURRENT, r2Key } from '../../src/adapter/worker/r2-store.js';
import { uploadWorkerIndex } from '../../src/adapter/worker/upload.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { INGEST_ARGS, ROOT, tempDir } from '../helpers.js';
import { startLocalWorker, writeConfig } from '../worker/local-worker.js';
import { heapSampler, type IsolateHeap } from './workerd-heap.js';
import { RS_DIR, rsQuestions } from './rs.js';

const run = promisify(execFile);

/** worker-memory.ts in its own process (its last line on stderr); its request log on stdout is dropped. */
function memoryFigures(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'test/bench/worker-memory.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(err.trim().split('\n').pop()!)) : reject(new Error(`worker-memory exited ${code}: ${err}`))));
  });
}

interface Asked {
  status: number;
  top: string | null;
  body: string;
}

/**
 * 行政事業レビュー FY2025 (5,794 programs) built by `npm run ingest`, put into wrangler's local R2 by
 * `npm run worker:upload -- --local`, and served by the Worker in workerd: the code-side upload as wrangler
 * reports it, the objects put, workerd's start and the first answer (the isolate reads the index from
 * R2 then), the isolate's memory as workerd's V8 reports it, and the top program of every `rsQuestions`
 * answer against Node's over the same build.
 */
export async function workerScaleBench(year = 'rs2025'): Promise<{ figures: Record<string, string>; objects: Record<string, string>[]; memory: Record<string, string>[]; differing: string[] }> {
  const dir = await tempDir('madoguchi-worker-scale-');
  try {
    const corpusDir = join(dir, 'corpus');
    const indexDir = join(dir, 'index');
    await mkdir(corpusDir);
    for (const ext of ['.jsonl', '.fields.json']) await copyFile(join(RS_DIR, `${year}${ext}`), join(corpusDir, `${year}${ext}`));
    await run(process.execPath, INGEST_ARGS, { cwd: ROOT, env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }, maxBuffer: 256 * 1024 * 1024 });
    const config = parseConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });

    const bundle = join(dir, 'bundle.bin');
    await prepareWorkerBundle(config, bundle);
    const dry = await run(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', join(dir, 'out'), '--config', await writeConfig(bundle, { r2: true })], { cwd: ROOT });
    const [, raw, gzip] = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(dry.stdout + dry.stderr) ?? [];
    const persistTo = join(dir, 'state');
    let t = performance.now();
    const uploaded = await uploadWorkerIndex(config, { configPath: join(ROOT, 'wrangler.toml'), local: true, persistTo });
    const uploadMs = performance.now() - t;

    const questions = await rsQuestions(join(RS_DIR, `${year}.jsonl`));
    const engine = await openEngine(config);
    const node = createApp({ engine: () => engine });
    const ask = async (question: string, via: (init: RequestInit) => Promise<Response>): Promise<Asked> => {
      const res = await via({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
      const text = await res.text();
      if (!res.ok) return { status: res.status, top: null, body: text };
      // An answer's id is new for every answer: compared without it.
      const { id: _id, ...answer } = JSON.parse(text) as { id: string; citations: { program: { id: string } }[] };
      return { status: res.status, top: answer.citations[0]?.program.id ?? null, body: JSON.stringify(answer) };
    };

    t = performance.now();
    const worker = await startLocalWorker(bundle, { vars: { RATE_LIMIT: '0' }, r2: persistTo, inspector: true });
    let readyMs = 0;
    let firstMs = 0;
    let sameTop = 0;
    let sameAnswer = 0;
    const differing: string[] = [];
    const ms: number[] = [];
    let heapStart: IsolateHeap;
    let heapServing: IsolateHeap;
    // The isolate after every answer: workerd's V8 collects when it decides, so one reading at the end
    // lands anywhere between what is live and the most garbage it lets pile up.
    const totals: number[] = [];
    const total = (h: IsolateHeap) => h.usedMb + h.backingStoreMb;
    try {
      await worker.ready;
      readyMs = performance.now() - t;
      const url = new URL('/api/ask', await worker.url);
      const viaWorker = (init: RequestInit) => fetch(url, init);
      const heap = await heapSampler(worker);
      heapStart = await heap.sample();
      t = performance.now();
      const first = await ask(questions[0]!, viaWorker);
      firstMs = performance.now() - t;
      totals.push(total(await heap.sample()));
      if (first.status !== 200) throw new Error(`the Worker answered ${first.status}: ${first.body}`);
      for (const q of questions) {
        t = performance.now();
        const w = await ask(q, viaWorker);
        ms.push(performance.now() - t);
        totals.push(total(await heap.sample()));
        const n = await ask(q, (init) => Promise.resolve(node.request('/api/ask', init)));
        if (w.status === 200 && w.top === n.top) sameTop++;
        else differing.push(`${q}: worker ${w.top ?? w.status}, node ${n.top}`);
        if (w.body === n.body) sameAnswer++;
      }
      heapServing = await heap.sample();
      heap.close();
    } finally {
      await worker.dispose();
    }
    const pct = (p: number) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
    const figures: Record<string, string> = {
      programs: String(engine.programs.length),
      'code upload MB / gzip': `${(Number(raw) / 1024).toFixed(2)} / ${(Number(gzip) / 1024).toFixed(2)}`,
      'R2 objects MB': (uploaded.objects.reduce((s, o) => s + o.bytes, 0) / 1e6).toFixed(1),
      'worker:upload --local s': (uploadMs / 1000).toFixed(1),
      'local D1 migrations + wrangler build + workerd ready ms': readyMs.toFixed(0),
      'first answer ms (index from R2)': firstMs.toFixed(0),
      'ask p50 / p95 ms': `${pct(0.5).toFixed(1)} / ${pct(0.95).toFixed(1)}`,
      'isolate MB before / serving (JS heap + buffers, limit 128)': `${total(heapStart!).toFixed(1)} / ${total(heapServing!).toFixed(1)}`,
      'isolate MB after each answer: peak / lowest': `${Math.max(...totals).toFixed(1)} / ${Math.min(...totals).toFixed(1)}`,
      'serving: JS heap MB': heapServing!.usedMb.toFixed(1),
      'serving: array buffers MB': heapServing!.backingStoreMb.toFixed(1),
      'top program = Node': `${sameTop} / ${questions.length}`,
      'answer = Node (same JSON but its id)': `${sameAnswer} / ${questions.length}`,
    };
    // The bucket's objects in a folder under their keys (the dictionary cut is cached in this process),
    // measured in Node's V8 after full collections.
    const bucketDir = join(dir, 'bucket');
    const { build, files } = await workerIndexFiles(config);
    for (const [name, data] of [...Object.entries(files), [R2_CURRENT, new TextEncoder().encode(build)] as const]) {
      const file = join(bucketDir, name === R2_CURRENT ? name : r2Key(build, name));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, data);
    }
    const questionsFile = join(dir, 'questions.json');
    await writeFile(questionsFile, JSON.stringify(questions));
    const handler = (await memoryFigures(['handler', bundle, bucketDir, questionsFile])) as { heapMb: number; arrayBuffersMb: number };
    const parts = (await memoryFigures(['parts', bucketDir, questionsFile])) as { steps: Record<string, { heapMb: number; buffersMb: number }>; totalMb: number };
    figures['V8 after GC: JS heap + buffers MB'] = `${handler.heapMb.toFixed(1)} + ${handler.arrayBuffersMb.toFixed(1)} = ${(handler.heapMb + handler.arrayBuffersMb).toFixed(1)}`;
    const memory = Object.entries(parts.steps).map(([step, m]) => ({ step, 'JS heap MB': m.heapMb.toFixed(1), 'array buffers MB': m.buffersMb.toFixed(1) }));
    memory.push({ step: 'kept in all (heap + buffers)', 'JS heap MB': parts.totalMb.toFixed(1), 'array buffers MB': '' });
    const objects = uploaded.objects.map((o) => ({ key: o.key.replace(uploaded.build, '<build>'), MB: (o.bytes / 1e6).toFixed(2) }));
    return { figures, objects, memory, differing };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
