import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine } from '../helpers.js';

describe('POST /api/ask', () => {
  let app: ReturnType<typeof createApp>;
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await realEngine();
    app = createApp({ engine: () => engine, log: () => {} });
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers with the contract\'s fields', async () => {
    const res = await post({ question: '省エネ診断の問い合わせ先は？' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['answer', 'answerable', 'citations', 'generator', 'id', 'mode']);
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body).toMatchObject({ answerable: true, mode: 'answer', generator: 'extractive' });
    expect(body.citations[0]).toMatchObject({
      n: 1,
      program: { title: '中小企業等に対する省エネルギー診断事業費補助金' },
      contacts: [{ office: '資源エネルギー庁 省エネルギー・新エネルギー部 省エネルギー課', phone: '03-3501-9726', scope: null }],
      source: { document: '000_8b4ae6fbbcfaceef.txt' },
    });
    expect(Object.keys(body.citations[0]).sort()).toEqual(['contacts', 'n', 'program', 'section', 'snippet', 'source']);
  });

  it('streams delta events and a final done event carrying the whole JSON', async () => {
    const json = await (await post({ question: '積層造形の事業の担当部署と電話番号は？' })).json();
    const res = await post({ question: '積層造形の事業の担当部署と電話番号は？' }, { accept: 'text/event-stream' });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await res.text()).trim().split('\n\n').map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!);
      return { event, data };
    });
    // The same answer, given again: a new id.
    expect(events.at(-1)).toEqual({ event: 'done', data: { ...json, id: expect.any(String) } });
    expect(events.at(-1)!.data.id).not.toBe(json.id);
    const deltas = events.slice(0, -1);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.every((e) => e.event === 'delta')).toBe(true);
    expect(deltas.map((e) => e.data.text).join('')).toBe(json.answer);
  });

  it('handles control characters and HTML in a question as text', async () => {
    const res = await post({ question: '<img src=x onerror=alert(1)>\u0000\u0007省エネ診断の問い合わせ先は？' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.answer).not.toContain('<img');
    expect(body.answer).toContain('03-3501-9726');
  });

  const long = 'あ'.repeat(2001);
  const turns = (n: number) => Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: 'x' }));
  it.each([
    ['no question', {}],
    ['empty question', { question: '' }],
    ['blank question', { question: ' \n\t ' }],
    ['2,001-character question', { question: long }],
    ['question not a string', { question: 42 }],
    ['question null', { question: null }],
    ['question an array', { question: ['省エネ'] }],
    ['history not an array', { question: 'a', history: 'x' }],
    ['history of 21 turns', { question: 'a', history: turns(21) }],
    ['history with a bad role', { question: 'a', history: [{ role: 'system', content: 'x' }] }],
    ['history turn without content', { question: 'a', history: [{ role: 'user' }] }],
    ['unknown mode', { question: 'a', mode: 'poem' }],
    ['body a JSON array', ['省エネ']],
    ['body a JSON string', 'null'],
  ])('400 INVALID_INPUT for %s', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('INVALID_INPUT');
  });

  it('accepts a 2,000-character question and 20 turns of history', async () => {
    expect((await post({ question: 'あ'.repeat(2000) })).status).toBe(200);
    expect((await post({ question: '予算は？', history: turns(20) })).status).toBe(200);
  });

  it('400 for invalid JSON, 415 for another content type, 413 for a large body, 405 for GET', async () => {
    expect((await post('{"question": ')).status).toBe(400);
    const text = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'question' });
    expect(text.status).toBe(415);
    expect((await text.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await post({ question: 'a', padding: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    const get = await app.request('/api/ask');
    expect(get.status).toBe(405);
    expect((await get.json()).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('keeps serving after bad requests', async () => {
    await post('{{{');
    expect((await post({ question: '省エネ診断の問い合わせ先は？' })).status).toBe(200);
  });
});
