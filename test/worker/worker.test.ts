import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareWorkerBundle } from '../../src/adapter/worker/prepare.js';
import { buildWidget } from '../../src/adapter/node/widget-build.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { loadPrompts } from '../../src/adapter/node/answerer.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-openai.js';
import { CORPUS, evalRows, realEngine, tempDir } from '../helpers.js';
import { startLocalWorker, type LocalWorker } from './local-worker.js';

const ORIGIN = 'https://shop.example';
const ADMIN = 'admin-secret';
/** An answer without its id, which is new for every answer. */
const withoutId = (body: string) => {
  const { id, ...rest } = JSON.parse(body) as { id: unknown };
  expect(typeof id).toBe('string');
  return rest;
};

/**
 * The Worker in workerd (wrangler's local runtime, offline) with the index in its bundle against the Node
 * app, both built from the corpus: every dev question must get the same answer, citations and contacts
 * included. r2.test.ts does the same with the index in R2.
 */
describe('Cloudflare Worker in workerd, index bundled', () => {
  let worker: LocalWorker;
  let base: URL;
  let node: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const engine = await realEngine();
    node = createApp({ engine: () => engine, widget: await buildWidget(), corsOrigins: [ORIGIN], log: () => {} });
    const dir = await tempDir('madoguchi-worker-');
    const bundle = join(dir, 'bundle.bin');
    await prepareWorkerBundle(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: engine.indexDir }), bundle, { withIndex: true });
    worker = await startLocalWorker(bundle, { vars: { CORS_ORIGINS: ORIGIN, RATE_LIMIT: '0', ADMIN_TOKEN: ADMIN } });
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
      expect(withoutId(w.body), row.id).toEqual(withoutId(n.body));
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

  it('keeps answers and feedback in D1 (local, migrated by wrangler): feedback → 204, the staff API lists it', async () => {
    const question = '省エネ診断の問い合わせ先は？ 私の番号は090-1234-5678です';
    const answered = (await (await fetch(new URL('/api/ask', base), ask({ question }))).json()) as { id: string; answer: string };
    const feedback = (body: unknown) => fetch(new URL('/api/feedback', base), ask(body));
    expect((await feedback({ id: answered.id, rating: 'down', comment: '電話番号が古いです' })).status).toBe(204);
    expect((await feedback({ id: 'no-such-answer', rating: 'up' })).status).toBe(404);
    expect((await feedback({ id: answered.id, rating: 'meh' })).status).toBe(400);
    const listed = await fetch(new URL('/admin/api/questions?status=down', base), { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(listed.status).toBe(200);
    const { questions } = (await listed.json()) as { questions: { id: string; question: string; answer: string; rating: string; comment: string }[] };
    expect(questions.find((q) => q.id === answered.id)).toMatchObject({ question: '省エネ診断の問い合わせ先は？ 私の番号は[電話番号]です', answer: answered.answer, rating: 'down', comment: '電話番号が古いです' });
    expect((await fetch(new URL('/admin/api/questions', base))).status).toBe(401);
    expect((await fetch(new URL('/admin/api/questions', base), { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
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

describe('Cloudflare Worker with OPENAI_* set (wiring, fake OpenAI-compatible server)', () => {
  let fake: FakeOpenAi;
  let worker: LocalWorker;
  let base: URL;
  const QUESTION = '省エネ診断を無料で受けられる制度の問い合わせ先を教えてください。';
  const GROUNDED = '「中小企業等に対する省エネルギー診断事業費補助金」では省エネ診断を無料で実施しています[1]。問い合わせ先は資源エネルギー庁 省エネルギー・新エネルギー部 省エネルギー課（03-3501-9726）です[1]。';
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    const engine = await realEngine();
    const bundle = join(await tempDir('madoguchi-worker-llm-'), 'bundle.bin');
    await prepareWorkerBundle(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: engine.indexDir }), bundle, { withIndex: true });
    worker = await startLocalWorker(bundle, { vars: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'fake-chat', RATE_LIMIT: '0' } });
    await worker.ready;
    base = await worker.url;
  });
  afterAll(async () => {
    await worker?.dispose();
    await fake?.close();
  });
  const ask = async () =>
    (await (await fetch(new URL('/api/ask', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) })).json()) as {
      answer: string;
      generator: string;
    };

  it('generates through ChatOpenAI with the bundled prompts, under the same citation check', async () => {
    fake.reply = () => GROUNDED;
    expect(await ask()).toMatchObject({ answer: GROUNDED, generator: 'llm' });
    const chat = fake.requests.find((r) => r.path.endsWith('/chat/completions'))!;
    expect(chat.body.messages[0]).toEqual({ role: 'system', content: (await loadPrompts()).system });

    fake.reply = () => GROUNDED.replace('03-3501-9726', '03-0000-0000');
    expect((await ask()).generator).toBe('extractive');
  });
});
