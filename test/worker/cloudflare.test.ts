import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BGE_M3 } from '../../src/adapter/worker/cloudflare.js';
import { workerHandler } from '../../src/adapter/worker/handler.js';
import { prepareWorkerBundle } from '../../src/adapter/worker/prepare.js';
import { parseConfig } from '../../src/config.js';
import { CORPUS, evalRows, realEngine, tempDir } from '../helpers.js';
import { fakeAi, fakeVectorize } from './fake-cloudflare.js';

// Wiring only: Workers AI and Vectorize need a Cloudflare account, so their bindings are stand-ins here.
describe('Workers AI and Vectorize bindings (wiring; real runs need a Cloudflare account)', () => {
  let bundle: ArrayBuffer;
  let chunks: number;
  beforeAll(async () => {
    // The Worker writes its request log to the console, as Workers Logs collects it.
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const engine = await realEngine();
    chunks = engine.chunks.length;
    const file = join(await tempDir('madoguchi-cf-'), 'bundle.bin');
    await prepareWorkerBundle(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: engine.indexDir }), file, { withIndex: true });
    const bytes = await readFile(file);
    bundle = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  });
  const post = (path: string, body?: unknown, token?: string) =>
    new Request(`http://worker${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('POST /admin/sync-vectors embeds every chunk with bge-m3 and upserts it under the corpus namespace', async () => {
    const ai = fakeAi();
    const vectorize = fakeVectorize();
    const worker = workerHandler(bundle);
    const env = { AI: ai, VECTORIZE: vectorize, ADMIN_TOKEN: 'admin-secret' };
    expect((await worker.fetch(post('/admin/sync-vectors'), env, {})).status).toBe(404);
    const res = await worker.fetch(post('/admin/sync-vectors', undefined, 'admin-secret'), env, {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { namespace: string; vectors: number };
    expect(body.vectors).toBe(chunks);
    expect(body.namespace).toMatch(/^corpus-[0-9a-f]{16}$/);
    expect(vectorize.stored.get(body.namespace)?.size).toBe(chunks);
    expect(ai.calls.every((c) => c.model === BGE_M3 && c.text.length <= 100)).toBe(true);
    expect(ai.calls.flatMap((c) => c.text)).toHaveLength(chunks);
  });

  it('embeds each question with Workers AI and takes its neighbours from Vectorize, answering as before', async () => {
    const ai = fakeAi();
    const vectorize = fakeVectorize();
    const worker = workerHandler(bundle);
    const env = { AI: ai, VECTORIZE: vectorize, ADMIN_TOKEN: 'admin-secret' };
    await worker.fetch(post('/admin/sync-vectors', undefined, 'admin-secret'), env, {});
    const [, namespace] = [...vectorize.stored.keys()].entries().next().value!;
    const rows = (await evalRows()).filter((r) => r.kind === 'contact' && !r.history);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      ai.calls.length = 0;
      const res = await worker.fetch(post('/api/ask', { question: row.question }), env, {});
      const body = (await res.json()) as { citations: { program: { title: string } }[] };
      expect(res.status).toBe(200);
      expect(body.citations[0]?.program.title, row.id).toBe(row.program);
      expect(ai.calls.map((c) => c.text)).toEqual([[row.question]]);
    }
    expect(vectorize.queries.every((q) => q.topK === 10 && q.namespace === namespace)).toBe(true);
  });

  it('answers coded errors when its bundle is unreadable (503) or a variable is invalid (500)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = workerHandler(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer);
    const res = await broken.fetch(new Request('http://worker/healthz'), {}, {});
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'INDEX_CORRUPT' } });
    const misconfigured = await workerHandler(bundle).fetch(new Request('http://worker/healthz'), { RATE_LIMIT: 'lots' }, {});
    expect({ status: misconfigured.status, body: await misconfigured.json() }).toMatchObject({ status: 500, body: { error: { code: 'CONFIG_INVALID' } } });
  });

  it('without the bindings, has no sync route and searches the bundled vectors', async () => {
    const worker = workerHandler(bundle);
    const env = { ADMIN_TOKEN: 'admin-secret' };
    expect((await worker.fetch(post('/admin/sync-vectors', undefined, 'admin-secret'), env, {})).status).toBe(404);
    const health = (await (await worker.fetch(new Request('http://worker/healthz'), env, {})).json()) as { chunks: number };
    expect(health.chunks).toBe(chunks);
  });
});
