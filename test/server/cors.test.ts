import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine } from '../helpers.js';

const SITE = 'https://shokokai.example.jp';
const OTHER = 'https://evil.example.com';
const ask = JSON.stringify({ question: '省エネ診断の問い合わせ先は？' });
function cors(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    if (key.startsWith('access-control-') || key === 'vary') out[key] = value;
  });
  return out;
}

/** The CORS allow-list on every door of the API: answers, coded errors, preflights, the OpenAI and MCP routes. */
describe('CORS allow-list', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const engine: SearchEngine = await realEngine();
    app = createApp({ engine: () => engine, corsOrigins: [SITE], log: () => {} });
  });

  it('lets an allowed origin read an answer and a coded error; another origin gets no allow-origin', async () => {
    const post = (origin: string, body: string) => app.request('/api/ask', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body });
    const answer = await post(SITE, ask);
    expect(answer.status).toBe(200);
    expect(cors(answer)).toEqual({ 'access-control-allow-origin': SITE, vary: 'Origin' });
    expect((await answer.json()).answer).toContain('03-3501-9726');
    const error = await post(SITE, '{}');
    expect(error.status).toBe(400);
    expect(cors(error)).toEqual({ 'access-control-allow-origin': SITE, vary: 'Origin' });
    expect(cors(await post(OTHER, ask))).toEqual({ vary: 'Origin' });
    expect(cors(await app.request('/api/programs'))).toEqual({ vary: 'Origin' });
  });

  it('answers preflights 204 with the methods, headers and max age, and the origin only when allowed', async () => {
    const preflight = (origin: string) =>
      app.request('/api/ask', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const common = {
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,authorization',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Headers',
    };
    const allowed = await preflight(SITE);
    expect(allowed.status).toBe(204);
    expect(cors(allowed)).toEqual({ ...common, 'access-control-allow-origin': SITE });
    const other = await preflight(OTHER);
    expect(other.status).toBe(204);
    expect(cors(other)).toEqual(common);
  });

  it('covers the OpenAI-compatible and MCP routes too, and nothing outside the APIs', async () => {
    const models = await app.request('/v1/models', { headers: { origin: SITE } });
    expect(models.status).toBe(200);
    expect(models.headers.get('access-control-allow-origin')).toBe(SITE);
    const mcp = await app.request('/mcp', {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'test', version: '1' } } }),
    });
    expect(mcp.status).toBe(200);
    expect(mcp.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(cors(await app.request('/healthz', { headers: { origin: SITE } }))).toEqual({});
  });
});
