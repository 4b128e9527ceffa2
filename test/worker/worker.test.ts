import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { prepareWorkerBundle } from '../../src/adapter/worker/prepare.js';
import { buildWidget } from '../../src/adapter/node/widget-build.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { CORPUS, evalRows, realEngine, ROOT, tempDir } from '../helpers.js';

const ORIGIN = 'https://shop.example';

/**
 * The Worker in workerd (wrangler's local runtime, offline) against the Node app, both built from the
 * corpus: every dev question must get the same answer, citations and contacts included.
 */
describe('Cloudflare Worker in workerd', () => {
  let worker: Awaited<ReturnType<typeof unstable_startWorker>>;
  let base: URL;
  let node: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const engine = await realEngine();
    node = createApp({ engine: () => engine, widget: await buildWidget(), corsOrigins: [ORIGIN], log: () => {} });
    const dir = await tempDir('madoguchi-worker-');
    await prepareWorkerBundle(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: engine.indexDir }), join(dir, 'bundle.bin'));
    // The entry of wrangler.toml, over this test's bundle instead of index/worker/bundle.bin.
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, `import bundle from './bundle.bin';\nimport { workerHandler } from '${join(ROOT, 'src/adapter/worker/handler.ts')}';\nexport default workerHandler(bundle);\n`);
    worker = await unstable_startWorker({
      config: join(ROOT, 'wrangler.toml'),
      entrypoint: entry,
      bindings: { CORS_ORIGINS: { type: 'plain_text', value: ORIGIN }, RATE_LIMIT: { type: 'plain_text', value: '0' } },
      dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error' },
    });
    await worker.ready;
    base = await worker.url;
  });
  afterAll(async () => {
    await worker?.dispose();
  });

  const both = async (path: string, init?: RequestInit) => {
    const [w, n] = await Promise.all([fetch(new URL(path, base), init), node.request(path, init)]);
    return { worker: { status: w.status, body: await w.text(), headers: w.headers }, node: { status: n.status, body: await n.text(), headers: n.headers } };
  };
  const ask = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers every dev question exactly as Node does: program, citations, contacts', async () => {
    const rows = await evalRows();
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      const { worker: w, node: n } = await both('/api/ask', ask({ question: row.question, history: row.history }));
      expect(w.status, row.id).toBe(200);
      expect(JSON.parse(w.body), row.id).toEqual(JSON.parse(n.body));
    }
  });

  it('serves /healthz, the catalog, the widget and the demo page as Node does', async () => {
    for (const path of ['/healthz', '/api/programs', '/api/search?q=省エネ', '/widget.js', '/']) {
      const { worker: w, node: n } = await both(path);
      expect(w.status, path).toBe(200);
      expect(w.headers.get('content-type'), path).toBe(n.headers.get('content-type'));
      if (path === '/') expect(w.body).toBe(n.body.replaceAll('http://localhost', base.origin));
      else expect(w.body, path).toBe(n.body);
    }
  });

  it('gives the same coded errors and CORS headers', async () => {
    const cases: [string, RequestInit | undefined][] = [
      ['/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":' }],
      ['/api/ask', ask({ question: '' })],
      ['/api/ask', { method: 'GET' }],
      ['/api/programs/nope', undefined],
      ['/nowhere', undefined],
      ['/api/ask', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }],
      ['/api/ask', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } }],
    ];
    for (const [path, init] of cases) {
      const { worker: w, node: n } = await both(path, init);
      const label = `${init?.method ?? 'GET'} ${path}`;
      expect(w.status, label).toBe(n.status);
      expect(w.body, label).toBe(n.body);
      expect(w.headers.get('access-control-allow-origin'), label).toBe(n.headers.get('access-control-allow-origin'));
    }
  });
});
