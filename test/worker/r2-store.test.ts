import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workerHandler } from '../../src/adapter/worker/handler.js';
import { prepareWorkerBundle, workerIndexFiles, type WorkerIndexFiles } from '../../src/adapter/worker/prepare.js';
import { R2_CURRENT, r2Key, type R2BucketBinding } from '../../src/adapter/worker/r2-store.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { CORPUS, realEngine, tempDir } from '../helpers.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The Worker's handler in Node over miniflare's R2 bucket (the simulator `wrangler dev` runs), written and
 * read in the same test: how the isolate loads, retries and keeps its index. r2.test.ts runs the Worker
 * itself in workerd.
 */
describe('Worker index in R2: loaded on the first request, retried after a failure, kept per isolate', () => {
  let mf: Miniflare;
  let bucket: Awaited<ReturnType<Miniflare['getR2Bucket']>>;
  let index: WorkerIndexFiles;
  let bundle: ArrayBuffer;
  let node: ReturnType<typeof createApp>;
  const env = () => ({ INDEX: bucket as unknown as R2BucketBinding, RATE_LIMIT: '0' });
  const put = async (files: Record<string, Uint8Array>, build: string) => {
    // A fresh Uint8Array each: miniflare's proxy takes no views into a larger buffer.
    for (const [name, data] of Object.entries(files)) await bucket.put(r2Key(build, name), new Uint8Array(data));
    await bucket.put(R2_CURRENT, build);
  };
  const QUESTION = { question: '省エネ診断の問い合わせ先は？' };
  const ask = () => new Request('http://worker/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(QUESTION) });
  const code = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code });

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const engine = await realEngine();
    node = createApp({ engine: () => engine });
    const config = parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: engine.indexDir });
    index = await workerIndexFiles(config);
    const file = join(await tempDir('madoguchi-r2-store-'), 'bundle.bin');
    await prepareWorkerBundle(config, file);
    const bytes = await readFile(file);
    bundle = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    mf = new Miniflare({ modules: true, script: 'export default { fetch: () => new Response(null, { status: 404 }) }', r2Buckets: ['INDEX'] });
    bucket = await mf.getR2Bucket('INDEX');
  });
  afterAll(async () => {
    await mf?.dispose();
  });

  it('answers INDEX_MISSING on an empty bucket, then the same isolate loads the index once it is uploaded', async () => {
    const worker = workerHandler(bundle);
    expect(await code(await worker.fetch(ask(), env(), {}))).toEqual({ status: 503, code: 'INDEX_MISSING' });
    await put(index.files, index.build);
    const res = await worker.fetch(ask(), env(), {});
    expect(res.status).toBe(200);
    const { id, ...answer } = (await res.json()) as { id: string };
    const { id: nodeId, ...nodeAnswer } = (await (await node.request(ask())).json()) as { id: string };
    expect([typeof id, typeof nodeId]).toEqual(['string', 'string']);
    expect(answer).toEqual(nodeAnswer);
  });

  it('keeps the build it loaded after CURRENT moves; a new isolate reads the build CURRENT names', async () => {
    const loaded = workerHandler(bundle);
    expect((await loaded.fetch(ask(), env(), {})).status).toBe(200);
    const altered = { ...index.files, 'lexical.bin': index.files['lexical.bin']!.map((b, i) => (i === 100 ? b ^ 1 : b)) };
    await put(altered, 'build-altered');
    expect((await loaded.fetch(ask(), env(), {})).status).toBe(200);
    expect(await code(await workerHandler(bundle).fetch(ask(), env(), {}))).toEqual({ status: 503, code: 'INDEX_CORRUPT' });
    await bucket.put(R2_CURRENT, 'build-nowhere');
    expect(await code(await workerHandler(bundle).fetch(ask(), env(), {}))).toEqual({ status: 503, code: 'INDEX_CORRUPT' });
    await bucket.put(R2_CURRENT, index.build);
    expect((await workerHandler(bundle).fetch(ask(), env(), {})).status).toBe(200);
  });
});
