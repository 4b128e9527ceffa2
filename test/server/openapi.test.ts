import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteAnswerLog } from '../../src/adapter/node/sqlite-answer-log.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine, tempDir } from '../helpers.js';

describe('OpenAPI description', () => {
  let engine: SearchEngine;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    engine = await realEngine();
    app = createApp({ engine: () => engine, widget: '/**/', answerLog: await openSqliteAnswerLog(await tempDir('madoguchi-openapi-')), admin: { token: 'staff' }, adminScript: '/**/', log: () => {} });
    doc = await (await app.request('/openapi.json')).json();
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('takes its request schemas from the validators (2,000-character question, 20 turns)', () => {
    const ask = (doc.paths['/api/ask']!.post as unknown as { requestBody: { content: { 'application/json': { schema: any } } } }).requestBody.content['application/json'].schema;
    expect(ask.properties.question.maxLength).toBe(2000);
    expect(ask.properties.history.maxItems).toBe(20);
    expect(ask.properties.mode.enum).toEqual(['answer', 'draft']);
  });

  it('every documented route answers with its documented success status, as described', async () => {
    const id = engine.programs[0]!.id;
    const ask = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '省エネ診断の問い合わせ先は？' }) };
    const answer = (await (await app.request('/api/ask', ask)).json()) as { id: string };
    const staff = { headers: { authorization: 'Bearer staff' } };
    const examples: Record<string, RequestInit & { path?: string }> = {
      'post /api/ask': ask,
      'post /api/feedback': { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: answer.id, rating: 'up' }) },
      'get /admin/api/questions': { ...staff, path: '/admin/api/questions?status=all&since=2026-01-01' },
      'get /admin/api/summary': staff,
      'get /api/search': { path: `/api/search?q=${encodeURIComponent('省エネ')}` },
      'get /api/programs': { path: '/api/programs?new=true' },
      'get /api/programs/{id}': { path: `/api/programs/${id}` },
      'post /v1/chat/completions': { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'madoguchi', messages: [{ role: 'user', content: '省エネ診断' }] }) },
      'post /mcp': {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
      },
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const example = examples[`${method} ${path}`] ?? {};
        const res = await app.request(example.path ?? path, { method: method.toUpperCase(), ...example });
        expect(Object.keys(op.responses), `${method} ${path} → ${res.status}`).toContain(String(res.status));
        expect(String(res.status), `${method} ${path}`).toBe(Object.keys(op.responses).find((s) => s.startsWith('2')));
      }
    }
  });

  it('renders a readable page at /docs', async () => {
    const html = await (await app.request('/docs')).text();
    expect(html).toContain('<code>POST /api/ask</code>');
    expect(html).toContain('/openapi.json');
  });
});
