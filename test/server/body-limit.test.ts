import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { MAX_BODY_BYTES } from '../../src/server/read-json.js';
import { realEngine } from '../helpers.js';

/** Sends `chunks` to POST /api/ask over a real socket: with Content-Length, or chunked when `length` is null. */
function post(port: number, chunks: string[], length: number | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (length !== null) headers['content-length'] = length;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/ask', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

/** The body limit on Node's HTTP server, where the body is read without building a web Request. */
describe('body limit over HTTP', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    const engine = await realEngine();
    server = serve({ fetch: createApp({ engine: () => engine, log: () => {} }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const question = JSON.stringify({ question: '省エネ診断の問い合わせ先は？' });
  const padded = (bytes: number) => JSON.stringify({ question: '省エネ診断の問い合わせ先は？', pad: 'x'.repeat(bytes) });

  it('answers a body with Content-Length, and one sent chunked', async () => {
    for (const length of [Buffer.byteLength(question), null]) {
      const res = await post(port, [question.slice(0, 5), question.slice(5)], length);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).answer).toContain('03-3501-9726');
    }
  });

  // The client keeps connections alive (Node's default agent): after a 413 the server closes the
  // connection it left unread, so the next request goes out on a fresh one instead of being lost.
  it('refuses a declared Content-Length past the limit with 413 PAYLOAD_TOO_LARGE, then answers the next request', async () => {
    const body = padded(4 * MAX_BODY_BYTES);
    const res = await post(port, [body], Buffer.byteLength(body));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await post(port, [question], Buffer.byteLength(question))).status).toBe(200);
  });

  it('refuses a chunked body once it streams past the limit, then answers the next request', async () => {
    const body = padded(4 * MAX_BODY_BYTES);
    const chunks = Array.from({ length: Math.ceil(body.length / 8192) }, (_, i) => body.slice(i * 8192, (i + 1) * 8192));
    const res = await post(port, chunks, null);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await post(port, [question], Buffer.byteLength(question))).status).toBe(200);
  });
});
