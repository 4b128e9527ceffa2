import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine } from '../helpers.js';

/** The MCP SDK's own client against /mcp: the same results as the HTTP API. */
describe('MCP server (official SDK client, Streamable HTTP)', () => {
  let server: ServerType;
  let base: string;
  let client: Client;
  let engine: SearchEngine;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    engine = await realEngine();
    app = createApp({ engine: () => engine, log: () => {} });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
  });
  afterAll(async () => {
    await client.close();
    await new Promise((r) => server.close(r));
  });
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })).structuredContent as Record<string, any>;
  const http = async (path: string, init?: RequestInit) => (await app.request(path, init)).json();

  it('lists the tools', async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['ask', 'get_program', 'search_passages', 'search_programs']);
  });

  it('search_programs gives what GET /api/programs gives, filters included', async () => {
    const mcp = await call('search_programs', { query: '積層造形', limit: 50 });
    const api = await http(`/api/programs?q=${encodeURIComponent('積層造形')}`);
    expect(mcp.programs.map((p: { id: string }) => p.id)).toEqual(api.programs.map((p: { id: string }) => p.id));
    const fresh = await call('search_programs', { new: true });
    expect(fresh.programs.map((p: { title: string }) => p.title)).toEqual(['現地進出支援強化事業', '中小企業サイバーセキュリティ対策支援促進事業']);
  });

  it('get_program gives the full record, as GET /api/programs/:id', async () => {
    const id = engine.programs[7]!.id;
    expect(await call('get_program', { id })).toEqual(await http(`/api/programs/${id}`));
    const missing = await client.callTool({ name: 'get_program', arguments: { id: 'p-000000000000' } });
    expect(missing.isError).toBe(true);
  });

  it('ask gives the grounded answer POST /api/ask gives', async () => {
    const question = '看護師・介護福祉士候補者の日本語研修の担当課はどこですか？';
    const mcp = await call('ask', { question });
    const api = await http('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    // Each answer has its own id, for feedback.
    expect(mcp).toEqual({ ...api, id: expect.any(String) });
    expect(mcp.id).not.toBe(api.id);
    expect(mcp.answer).toContain('03-3501-1953');
  });

  it('search_passages gives what GET /api/search gives', async () => {
    const mcp = await call('search_passages', { query: '省エネ診断', k: 3 });
    const api = await http(`/api/search?q=${encodeURIComponent('省エネ診断')}&k=3`);
    expect(mcp.hits.map((h: { source: unknown }) => h.source)).toEqual(api.hits.map((h: { source: unknown }) => h.source));
  });

  it('exposes the catalog as resources', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('madoguchi://programs');
    expect(resources.filter((r) => r.uri.startsWith('madoguchi://programs/'))).toHaveLength(12);
    const catalog = await client.readResource({ uri: 'madoguchi://programs' });
    expect(JSON.parse((catalog.contents[0] as { text: string }).text).programs).toHaveLength(12);
    const one = await client.readResource({ uri: `madoguchi://programs/${engine.programs[0]!.id}` });
    expect(JSON.parse((one.contents[0] as { text: string }).text).title).toBe('小規模事業者対策推進事業');
  });
});
