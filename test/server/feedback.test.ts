import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteAnswerLog, sqliteDatabase } from '../../src/adapter/node/sqlite-answer-log.js';
import type { AnswerLog } from '../../src/answer-log/answer-log.js';
import { createSqlAnswerLog } from '../../src/answer-log/sql-answer-log.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine, tempDir } from '../helpers.js';

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const QUESTION = '省エネ診断の問い合わせ先は？';

describe('answer ids and POST /api/feedback', () => {
  let engine: SearchEngine;
  let log: AnswerLog;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    engine = await realEngine();
    log = await openSqliteAnswerLog(await tempDir('madoguchi-feedback-'));
    app = createApp({ engine: () => engine, answerLog: log, log: () => {} });
  });
  const ask = async (question = QUESTION) => (await (await app.request('/api/ask', json({ question }))).json()) as { id: string; answer: string };
  const feedback = (body: unknown, headers?: Record<string, string>) => app.request('/api/feedback', json(body, headers));
  const logged = async (id: string) => (await log.questions({ status: 'all', limit: 1000 })).find((q) => q.id === id);

  it('logs every answer under the id it returns: /api/ask (JSON and SSE), /v1 chat completions, MCP', async () => {
    const plain = await ask('積層造形の事業の担当部署と電話番号は？ 090-1234-5678');
    expect(await logged(plain.id)).toMatchObject({ mode: 'answer', generator: 'extractive', answerable: true, question: '積層造形の事業の担当部署と電話番号は？ [電話番号]', answer: plain.answer, rating: null });
    expect((await logged(plain.id))!.programs.length).toBeGreaterThan(0);

    const sse = await (await app.request('/api/ask', json({ question: QUESTION, mode: 'draft' }, { accept: 'text/event-stream' }))).text();
    const done = JSON.parse(/event: done\ndata: (.*)/.exec(sse)![1]!) as { id: string };
    expect(await logged(done.id)).toMatchObject({ mode: 'draft', question: QUESTION });

    const chat = (await (await app.request('/v1/chat/completions', json({ model: 'madoguchi', messages: [{ role: 'user', content: QUESTION }] }))).json()) as { id: string; madoguchi: { id: string } };
    expect(chat.id).toBe(`chatcmpl-${chat.madoguchi.id}`);
    expect(await logged(chat.madoguchi.id)).toMatchObject({ question: QUESTION });

    const init = json({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'ask', arguments: { question: QUESTION } } }, { accept: 'application/json, text/event-stream' });
    const mcp = (await (await app.request('/mcp', init)).json()) as { result: { structuredContent: { id: string } } };
    expect(await logged(mcp.result.structuredContent.id)).toMatchObject({ question: QUESTION });
  });

  it('takes 👍/👎 with a comment for an answer: 204, shown with the answer', async () => {
    const { id } = await ask();
    const res = await feedback({ id, rating: 'down', comment: '  電話がつながりませんでした  ' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await logged(id)).toMatchObject({ rating: 'down', comment: '電話がつながりませんでした' });
    expect((await feedback({ id, rating: 'up', comment: '' })).status).toBe(204);
    expect(await logged(id)).toMatchObject({ rating: 'up', comment: '電話がつながりませんでした' });
  });

  it.each([
    ['an unknown id', { id: 'no-such-answer', rating: 'up' }, 404, 'ANSWER_NOT_FOUND'],
    ['no id', { rating: 'up' }, 400, 'INVALID_INPUT'],
    ['a rating other than up or down', { id: 'x', rating: 'meh' }, 400, 'INVALID_INPUT'],
    ['a numeric rating', { id: 'x', rating: 1 }, 400, 'INVALID_INPUT'],
    ['a comment of 2,001 characters', { id: 'x', rating: 'down', comment: 'あ'.repeat(2001) }, 400, 'INVALID_INPUT'],
    ['a comment that is not a string', { id: 'x', rating: 'down', comment: ['x'] }, 400, 'INVALID_INPUT'],
    ['a body that is not JSON', '{"id":', 400, 'INVALID_INPUT'],
    ['a body over 64 KB', { id: 'x', rating: 'down', comment: 'x'.repeat(70_000) }, 413, 'PAYLOAD_TOO_LARGE'],
  ])('answers %s with a coded error', async (_, body, status, code) => {
    const res = await feedback(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('takes a comment of exactly 2,000 characters', async () => {
    const { id } = await ask();
    expect((await feedback({ id, rating: 'down', comment: 'あ'.repeat(2000) })).status).toBe(204);
  });

  it('415 without a JSON content type, 405 for another method', async () => {
    const text = await app.request('/api/feedback', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect([text.status, ((await text.json()) as { error: { code: string } }).error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const get = await app.request('/api/feedback');
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('without a log: answers still carry an id, feedback and the staff API answer 503 STORAGE_DISABLED', async () => {
    const bare = createApp({ engine: () => engine, admin: { token: 't' }, log: () => {} });
    const body = (await (await bare.request('/api/ask', json({ question: QUESTION }))).json()) as { id: string };
    expect(typeof body.id).toBe('string');
    const res = await bare.request('/api/feedback', json({ id: body.id, rating: 'up' }));
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([503, 'STORAGE_DISABLED']);
    const staff = await bare.request('/admin/api/questions', { headers: { authorization: 'Bearer t' } });
    expect(staff.status).toBe(503);
  });

  it('a log that cannot be written (disk full): answers are served, feedback gets 503 STORAGE_UNAVAILABLE, the log says why', async () => {
    const dir = await tempDir('madoguchi-full-');
    await openSqliteAnswerLog(dir);
    const db = new Database(join(dir, 'answers.db'));
    const said: { message: string; error: unknown }[] = [];
    const full = createApp({ engine: () => engine, answerLog: createSqlAnswerLog(sqliteDatabase(db)), log: (message, error) => said.push({ message, error }) });
    const { id } = (await (await full.request('/api/ask', json({ question: QUESTION }))).json()) as { id: string };
    // No page more than it has: SQLite's own full disk, SQLITE_FULL on the next page a write needs.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await full.request('/api/ask', json({ question: `${QUESTION}${'あ'.repeat(1500)}` })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const res = await full.request('/api/feedback', json({ id, rating: 'down', comment: 'い'.repeat(2000) }));
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
    // Reported once when writes start failing (not once per answer), and for the refused feedback.
    expect(said.map((s) => s.message)).toEqual(['the answer log cannot be written; answers are still served, feedback answers 503', 'feedback not stored']);
    expect(said.map((s) => (s.error as Error).message)).toEqual([expect.stringContaining('SQLITE_FULL'), expect.stringContaining('SQLITE_FULL')]);
  });
});
