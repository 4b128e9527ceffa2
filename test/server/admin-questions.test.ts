import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteAnswerLog } from '../../src/adapter/node/sqlite-answer-log.js';
import { buildAdminScript } from '../../src/adapter/node/widget-build.js';
import type { AnswerLog } from '../../src/answer-log/answer-log.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { entry } from '../answer-log/answer-log.case.js';
import { realEngine, tempDir } from '../helpers.js';

const TOKEN = 'staff-token';
const auth = (token = TOKEN) => ({ authorization: `Bearer ${token}` });
// 2026-04-01 09:00 in Japan.
const T = Date.parse('2026-04-01T00:00:00Z');
const DAY = 86_400_000;

describe('staff page and API (/admin)', () => {
  let engine: SearchEngine;
  let log: AnswerLog;
  let app: ReturnType<typeof createApp>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    engine = await realEngine();
    log = await openSqliteAnswerLog(await tempDir('madoguchi-admin-'), { now: () => T + 2 * DAY });
    const saving = engine.programs.find((p) => p.title === '中小企業等に対する省エネルギー診断事業費補助金')!;
    const rows = {
      answered: entry({ time: T, question: '省エネ診断の問い合わせ先は？', programs: [saving.id] }),
      pets: entry({ time: T + 1000, question: 'ペットの医療費を補助する制度はありますか', answerable: false, programs: [] }),
      pets2: entry({ time: T + DAY, question: 'ペット保険の助成を受けたい', answerable: false, programs: [] }),
      formula: entry({ time: T + DAY + 1000, question: '=HYPERLINK("http://evil.example","詳しくはこちら")', answerable: false, programs: [] }),
    };
    for (const [name, e] of Object.entries(rows)) {
      await log.record(e);
      ids[name] = e.id;
    }
    await log.feedback(ids.answered!, 'down', '@SUM(A1) 電話番号が古い');
    await log.feedback(ids.formula!, 'down', '-1+1\t<script>alert(1)</script>');
    app = createApp({ engine: () => engine, answerLog: log, admin: { token: TOKEN, reload: async () => engine }, adminScript: await buildAdminScript(), log: () => {} });
  });
  const get = (path: string, headers: Record<string, string> = auth()) => app.request(path, { headers });
  const questions = async (query = '') => ((await (await get(`/admin/api/questions${query}`)).json()) as { questions: { id: string }[] }).questions.map((q) => q.id);

  it('serves the page as a static shell with a same-origin script, under the CSP, holding no secret', async () => {
    const page = await app.request('/admin');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/admin/admin.js" defer></script>');
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/admin/admin.js" defer>']);
    expect(html).not.toContain(TOKEN);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await app.request('/admin/admin.js');
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(await script.text()).not.toContain('innerHTML');
  });

  it('answers 401 without the token or with a wrong one; reload stays hidden (404) without it', async () => {
    for (const headers of [{}, auth('wrong'), { authorization: TOKEN }]) {
      for (const path of ['/admin/api/questions', '/admin/api/summary']) {
        const res = await get(path, headers);
        expect(res.status, path).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
      }
    }
    expect((await app.request('/admin/reload', { method: 'POST' })).status).toBe(404);
    expect((await app.request('/admin/reload', { method: 'POST', headers: auth() })).status).toBe(200);
    expect((await createApp({ engine: () => engine, answerLog: log, adminScript: '' }).request('/admin')).status).toBe(404);
  });

  it('lists questions newest first, by status and by day (days in Japan time, until inclusive)', async () => {
    expect(await questions()).toEqual([ids.formula, ids.pets2, ids.pets, ids.answered]);
    expect(await questions('?status=refused')).toEqual([ids.formula, ids.pets2, ids.pets]);
    expect(await questions('?status=down')).toEqual([ids.formula, ids.answered]);
    expect(await questions('?since=2026-04-02')).toEqual([ids.formula, ids.pets2]);
    expect(await questions('?until=2026-04-01')).toEqual([ids.pets, ids.answered]);
    expect(await questions('?since=2026-04-01T09:00:01%2B09:00&until=2026-04-01')).toEqual([ids.pets]);
    expect(await questions('?limit=1')).toEqual([ids.formula]);
  });

  it.each(['?status=bogus', '?since=yesterday', '?until=2026-13-45', '?limit=0', '?limit=1.5', '?format=xml'])('refuses %s with 400 INVALID_INPUT', async (query) => {
    const res = await get(`/admin/api/questions${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });

  it('exports CSV (Accept: text/csv or format=csv) whose cells a spreadsheet reads as text', async () => {
    const res = await get('/admin/api/questions?status=down', { ...auth(), accept: 'text/csv' });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="questions.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte order mark first, so that Excel reads the Japanese (Response.text() drops it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toBe(await (await get('/admin/api/questions?status=down&format=csv')).text());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('"id","time","mode","generator","answerable","programs","latency_ms","question","answer","rating","comment"');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""詳しくはこちら"")"`);
    expect(lines[1]).toContain(`"'-1+1\t<script>alert(1)</script>"`);
    expect(lines[2]).toContain(`"'@SUM(A1) 電話番号が古い"`);
    expect(lines[3]).toBe('');
  });

  it('sums up: totals, answer rate per day, questions per program, refused questions as topics, 👎 with comments', async () => {
    const res = await get('/admin/api/summary');
    expect(res.status).toBe(200);
    const s = (await res.json()) as Record<string, unknown>;
    expect(s.totals).toEqual({ answers: 4, answered: 1, refused: 3, up: 0, down: 2 });
    expect(s.days).toEqual([{ day: '2026-04-01', answers: 2, answered: 1, rate: 0.5 }, { day: '2026-04-02', answers: 2, answered: 0, rate: 0 }]);
    expect(s.programs).toEqual([{ id: expect.any(String), title: '中小企業等に対する省エネルギー診断事業費補助金', questions: 1 }]);
    expect((s.topics as { label: string; count: number }[])[0]).toEqual({ label: 'ペット', count: 2, examples: ['ペット保険の助成を受けたい', 'ペットの医療費を補助する制度はありますか'] });
    expect((s.comments as { id: string; comment: string }[]).map((c) => [c.id, c.comment])).toEqual([[ids.formula, '-1+1\t<script>alert(1)</script>'], [ids.answered, '@SUM(A1) 電話番号が古い']]);
    const later = (await (await get('/admin/api/summary?since=2026-04-02')).json()) as { totals: { answers: number } };
    expect(later.totals.answers).toBe(2);
  });
});
