import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareWorkerBundle } from '../../src/adapter/worker/prepare.js';
import { putObject, uploadWorkerIndex, type Uploaded } from '../../src/adapter/worker/upload.js';
import { buildWidget } from '../../src/adapter/node/widget-build.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { FORMAT_VERSION, MANIFEST } from '../../src/vectors/artifact.js';
import { CORPUS, evalRows, realEngine, ROOT, tempDir } from '../helpers.js';
import { startLocalWorker, type LocalWorker } from './local-worker.js';

const WRANGLER_TOML = join(ROOT, 'wrangler.toml');
/** An answer without its id, which is new for every answer. */
const withoutId = (body: unknown) => {
  const { id, ...rest } = body as { id: unknown };
  expect(typeof id).toBe('string');
  return rest;
};

/**
 * The Worker in workerd over its index in wrangler's local R2, filled by `npm run worker:upload --local`
 * (`wrangler r2 object put --local --persist-to`), with the code-side bundle as `npm run worker:bundle`
 * writes it when wrangler.toml binds INDEX: the same answers as Node, and coded 503s for a bucket without
 * CURRENT or with a build of another format.
 */
describe('Cloudflare Worker in workerd, index in R2', () => {
  let dir: string;
  let bundle: string;
  let indexDir: string;
  let uploaded: Uploaded;
  let worker: LocalWorker;
  let base: URL;
  let node: ReturnType<typeof createApp>;
  const workers: LocalWorker[] = [];
  const start = async (persist: string) => {
    const w = await startLocalWorker(bundle, { vars: { RATE_LIMIT: '0' }, r2: persist });
    workers.push(w);
    await w.ready;
    return w;
  };

  beforeAll(async () => {
    const engine = await realEngine();
    indexDir = engine.indexDir;
    node = createApp({ engine: () => engine, widget: await buildWidget(), log: () => {} });
    dir = await tempDir('madoguchi-r2-');
    bundle = join(dir, 'bundle.bin');
    const config = parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: indexDir });
    await prepareWorkerBundle(config, bundle);
    uploaded = await uploadWorkerIndex(config, { configPath: WRANGLER_TOML, local: true, persistTo: join(dir, 'state') });
    worker = await start(join(dir, 'state'));
    base = await worker.url;
  });
  afterAll(async () => {
    for (const w of workers) await w.dispose();
  });

  it('bundles only the widget and the prompts; uploads the build, the cut dictionary, then CURRENT', async () => {
    expect((await readFile(bundle)).byteLength).toBeLessThan(100_000);
    const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const manifest = JSON.parse(await readFile(join(indexDir, build, MANIFEST), 'utf8')) as { dictionary: { file: string; bytes: number } };
    expect(uploaded.bucket).toBe('madoguchi-index');
    expect(uploaded.build).toBe(build);
    const keys = uploaded.objects.map((o) => o.key);
    expect(keys.slice(0, 5)).toEqual(['catalog.json.gz', 'lexical.bin', 'vectors.bin', 'synonyms.json', 'readings.json'].map((f) => `builds/${build}/${f}`));
    expect(keys[5]).toMatch(/^dictionary-[0-9a-f]{16}\.bin$/);
    expect(keys.slice(6)).toEqual([`builds/${build}/manifest.json`, 'CURRENT']);
    // The dictionary cut for the corpus, not the index's full IPADIC.
    expect(keys[5]).not.toBe(manifest.dictionary.file);
    expect(uploaded.objects[5]!.bytes).toBeLessThan(manifest.dictionary.bytes * 0.7);
  });

  it('answers every dev question exactly as Node does: program, citations, contacts', async () => {
    const rows = await evalRows();
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: row.question, history: row.history }) };
      const [w, n] = await Promise.all([fetch(new URL('/api/ask', base), init), node.request('/api/ask', init)]);
      expect(w.status, row.id).toBe(200);
      expect(withoutId(await w.json()), row.id).toEqual(withoutId(await n.json()));
    }
    const health = (await (await fetch(new URL('/healthz', base))).json()) as { index: { corpusHash: string } };
    expect(health.index.corpusHash).toBe(((await (await node.request('/healthz')).json()) as typeof health).index.corpusHash);
  });

  it('answers 503 INDEX_MISSING while the bucket has no CURRENT', async () => {
    const empty = await start(join(dir, 'empty'));
    for (const path of ['/healthz', '/api/search?q=省エネ']) {
      const res = await fetch(new URL(path, await empty.url));
      expect(res.status, path).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('INDEX_MISSING');
    }
  });

  it('answers 503 INDEX_VERSION_MISMATCH for a stored build of another format, never an answer', async () => {
    const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const manifest = JSON.parse(await readFile(join(indexDir, build, MANIFEST), 'utf8')) as Record<string, unknown>;
    const persistTo = join(dir, 'other-format');
    const file = join(dir, 'manifest.json');
    await writeFile(file, JSON.stringify({ ...manifest, formatVersion: FORMAT_VERSION + 1 }));
    await putObject('madoguchi-index', `builds/${build}/manifest.json`, file, { configPath: WRANGLER_TOML, local: true, persistTo });
    await writeFile(file, build);
    await putObject('madoguchi-index', 'CURRENT', file, { configPath: WRANGLER_TOML, local: true, persistTo });
    const other = await start(persistTo);
    const res = await fetch(new URL('/api/ask', await other.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '省エネ診断の問い合わせ先は？' }) });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INDEX_VERSION_MISMATCH');
  });
});

describe("wrangler.toml's [build] command", () => {
  it('lets plain `wrangler deploy` bundle the widget and prompts, with the INDEX bucket bound', async () => {
    const out = await tempDir('madoguchi-dry-run-');
    const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
    const log = stdout + stderr;
    expect(log).toContain('[custom build] Running: npm run worker:bundle');
    expect(log).toContain('the index is read from the INDEX bucket');
    expect(log).toMatch(/env\.INDEX \(madoguchi-index\)\s+R2 Bucket/);
    const [, gzipKiB] = /Total Upload: [\d.]+ KiB \/ gzip: ([\d.]+) KiB/.exec(log) ?? [];
    expect(Number(gzipKiB)).toBeLessThan(1024);
  });
});
