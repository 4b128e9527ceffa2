import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import type { Answerer } from '../../src/answer/types.js';
import { parseConfig } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import type { RequestLog } from '../../src/server/guards.js';
import { CORPUS, ipadic, realEngine, tempDir } from '../helpers.js';

const ask = (app: ReturnType<typeof createApp>, question: string, headers: Record<string, string> = {}) =>
  app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ question }) });

describe('rate limit, logs, headers, timeouts', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await realEngine();
  });

  it('limits each client to RATE_LIMIT requests a minute: 429 RATE_LIMITED with Retry-After', async () => {
    const app = createApp({ engine: () => engine, rateLimit: 3, clientKey: (c) => c.req.header('x-client') ?? '?', log: () => {} });
    for (let i = 0; i < 3; i++) expect((await ask(app, '省エネ', { 'x-client': 'a' })).status).toBe(200);
    const limited = await ask(app, '省エネ', { 'x-client': 'a' });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ask(app, '省エネ', { 'x-client': 'b' })).status).toBe(200);
    expect((await app.request('/healthz', { headers: { 'x-client': 'a' } })).status).toBe(200);
  });

  it('does not limit with RATE_LIMIT=0', async () => {
    const app = createApp({ engine: () => engine, rateLimit: 0, log: () => {} });
    for (let i = 0; i < 10; i++) expect((await app.request('/api/programs')).status).toBe(200);
  });

  it('logs one structured line per request, without the question unless LOG_QUESTIONS=1', async () => {
    const lines: RequestLog[] = [];
    const quiet = createApp({ engine: () => engine, requestLog: (l) => lines.push(l), log: () => {} });
    const res = await ask(quiet, '省エネ診断の問い合わせ先は？');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'POST', route: '/api/ask', status: 200, requestId: res.headers.get('x-request-id') });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('省エネ');
    const chatty = createApp({ engine: () => engine, requestLog: (l) => lines.push(l), logQuestions: true, log: () => {} });
    await ask(chatty, '省エネ診断の問い合わせ先は？');
    expect(lines[1]!.question).toBe('省エネ診断の問い合わせ先は？');
  });

  it('sets secure headers, letting other sites load the widget script', async () => {
    const res = await createApp({ engine: () => engine, widget: '/**/' }).request('/widget.js');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers a request that runs too long with 503 TIMEOUT', async () => {
    const stuck: Answerer = { answer: () => new Promise(() => {}) };
    const app = createApp({ engine: () => engine, answerer: () => stuck, requestTimeoutMs: 200, log: () => {} });
    const res = await ask(app, '省エネ');
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('TIMEOUT');
  });
});

describe('POST /admin/reload', () => {
  it('exists only with the admin token, swaps in a rebuilt index, and keeps the old one when the new is corrupt', async () => {
    const root = await tempDir();
    const corpusDir = join(root, 'corpus');
    const indexDir = join(root, 'index');
    await cp(CORPUS, corpusDir, { recursive: true });
    const config = parseConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });
    let engine: SearchEngine | null = await openEngine(config, { rebuild: true });
    const app = createApp({ engine: () => engine, admin: { token: 'admin-secret', reload: async () => (engine = await openEngine(config)) }, log: () => {} });
    const reload = (token?: string) => app.request('/admin/reload', { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });

    expect((await reload()).status).toBe(404);
    expect((await reload('wrong')).status).toBe(404);
    expect((await createApp({ engine: () => engine }).request('/admin/reload', { method: 'POST' })).status).toBe(404);

    await writeFile(join(corpusDir, 'faq.md'), '# よくある質問\n\n申請は電子申請で受け付けます。\n');
    await ingest({ corpusDir, indexDir, ipadic: await ipadic() });
    const ok = await reload('admin-secret');
    expect(ok.status).toBe(200);
    expect((await (await app.request('/healthz')).json()).documents).toBe(2);

    const current = join(indexDir, (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim(), 'synonyms.json');
    await writeFile(current, '[]');
    const refused = await reload('admin-secret');
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe('INDEX_CORRUPT');
    const health = await (await app.request('/healthz')).json();
    expect(health).toMatchObject({ ok: true, documents: 2 });
    expect((await ask(app, '申請はどうやって受け付けていますか')).status).toBe(200);
  });
});
