import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { DOCUMENT, realEngine } from '../helpers.js';

describe('HTTP API on the corpus', () => {
  let engine: SearchEngine;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    engine = await realEngine();
    app = createApp({ engine: () => engine, log: () => {} });
  });
  const get = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { status: res.status, body: await res.json(), headers: res.headers };
  };

  it('GET /healthz reports the index', async () => {
    const { status, body } = await get('/healthz');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, programs: 12, documents: 1, chunks: 71, index: { formatVersion: 7, embedder: { dimensions: 256 } } });
  });

  it('GET /api/search ranks passages with program, section, snippet, contacts and source', async () => {
    const { status, body } = await get(`/api/search?q=${encodeURIComponent('看護師の日本語研修')}&k=3`);
    expect(status).toBe(200);
    expect(body.hits).toHaveLength(3);
    expect(body.hits[0]).toMatchObject({
      program: { title: '技術協力活用型・新興国市場開拓事業' },
      section: '事業イメージ (5)',
      snippet: '看護師・介護福祉士候補者日本語研修事業 経済連携協定に基づく約束を着実に履行するため、看護師・介護福祉士の円滑な受入れに向けた日本語研修を行います。',
      contacts: [{ office: '通商政策局 アジア大洋州課', phone: '03-3501-1953', scope: '(5)' }],
      source: { document: DOCUMENT, lines: [404, 406] },
    });
    expect(typeof body.hits[0].score).toBe('number');
  });

  it('GET /api/search defaults to 10 hits', async () => {
    expect((await get(`/api/search?q=${encodeURIComponent('中小企業')}`)).body.hits).toHaveLength(10);
  });

  it.each([
    ['/api/search', 'missing q'],
    ['/api/search?q=', 'empty q'],
    ['/api/search?q=%20%20', 'blank q'],
    [`/api/search?q=${'あ'.repeat(2001)}`, '2,001 characters'],
    ['/api/search?q=a&k=0', 'k below 1'],
    ['/api/search?q=a&k=51', 'k above 50'],
    ['/api/search?q=a&k=2.5', 'k not an integer'],
    ['/api/search?q=a&k=abc', 'k not a number'],
  ])('GET %s is a coded 400 (%s)', async (path) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(typeof body.error.message).toBe('string');
  });

  it('GET /api/programs lists the catalog with budgets and contacts', async () => {
    const { body } = await get('/api/programs');
    expect(body.programs).toHaveLength(12);
    const saving = body.programs.find((p: { title: string }) => p.title === '中小企業等に対する省エネルギー診断事業費補助金');
    expect(saving).toMatchObject({
      kind: 'program',
      budget: { requested: 10.7, previous: 10.7, isNew: false },
      contacts: [{ office: '資源エネルギー庁 省エネルギー・新エネルギー部 省エネルギー課', phone: '03-3501-9726', scope: null }],
      source: { document: DOCUMENT, lines: [145, 216] },
    });
  });

  it('GET /api/programs/:id gives one record, 404 for an unknown id', async () => {
    const id = engine.programs.find((p) => p.title === '現地進出支援強化事業')!.id;
    const one = await get(`/api/programs/${id}`);
    expect(one.body).toMatchObject({ id, title: '現地進出支援強化事業', budget: { requested: 19, previous: null, isNew: true } });
    const missing = await get('/api/programs/p-000000000000');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'PROGRAM_NOT_FOUND' } } });
  });

  it('answers a wrong method with 405 and Allow, an unknown route with 404, both coded JSON', async () => {
    const wrong = await get('/api/programs', { method: 'DELETE' });
    expect(wrong).toMatchObject({ status: 405, body: { error: { code: 'METHOD_NOT_ALLOWED' } } });
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect(await get('/api/nothing')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('treats HTML in a query as text', async () => {
    const { status, body } = await get(`/api/search?q=${encodeURIComponent('<script>alert(1)</script>省エネ')}&k=1`);
    expect(status).toBe(200);
    expect(JSON.stringify(body)).not.toContain('<script>');
  });
});

describe('HTTP API without an index', () => {
  const app = createApp({ engine: () => null, log: () => {} });

  it('answers 503 NOT_READY on /healthz and the API', async () => {
    for (const path of ['/healthz', '/api/programs', '/api/search?q=a']) {
      const res = await app.request(path);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_READY' } });
    }
  });
});

describe('unexpected errors', () => {
  it('become a generic 500 without a stack trace, and are logged', async () => {
    const logged: unknown[] = [];
    const broken = { manifest: {}, programs: null } as unknown as SearchEngine;
    const app = createApp({ engine: () => broken, log: (_m, e) => logged.push(e) });
    const res = await app.request('/api/programs/x');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'unexpected error' } });
    expect(text).not.toContain('at ');
    expect(logged).toHaveLength(1);
  });
});

describe('catalog filters on GET /api/programs', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const engine = await realEngine();
    app = createApp({ engine: () => engine, log: () => {} });
  });
  const titles = async (query: string) => {
    const res = await app.request(`/api/programs?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()).programs as { title: string }[]).map((p) => p.title);
  };

  it('filters new programs, budget ranges and offices, and ranks a text query', async () => {
    expect(await titles('new=true')).toEqual(['現地進出支援強化事業', '中小企業サイバーセキュリティ対策支援促進事業']);
    expect(await titles('budget_min=50&budget_max=100')).toEqual(['小規模事業者対策推進事業', '原子力発電施設等周辺地域企業立地支援事業費補助金']);
    expect(await titles(`office=${encodeURIComponent('省エネルギー課')}`)).toHaveLength(3);
    expect((await titles(`q=${encodeURIComponent('積層造形')}`))[0]).toBe('積層造形部品開発の効率化のための基盤技術開発事業');
    expect(await titles(`new=false&office=${encodeURIComponent('貿易')}`)).toEqual(['技術協力活用型・新興国市場開拓事業']);
    expect(await titles('new=false')).toHaveLength(10);
  });

  it.each(['new=yes', 'budget_min=abc', 'budget_max=-1', 'q=', 'office=', 'color=red'])('refuses %s with 400', async (query) => {
    const res = await app.request(`/api/programs?${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('INVALID_INPUT');
  });
});
