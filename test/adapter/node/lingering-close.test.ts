import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lingeringClose, LINGER_DEFAULTS, type LingerOptions } from '../../../src/adapter/node/lingering-close.js';
import type { SearchEngine } from '../../../src/retrieve/engine.js';
import { createApp } from '../../../src/server/app.js';
import { CORPUS, freePort, realEngine, ROOT, START_ARGS } from '../../helpers.js';

const MB = 1024 * 1024;
const upload = Buffer.alloc(10 * MB, 'x');

/** POST /api/ask with Node's fetch: `upload` with its Content-Length, or streamed chunked (no length). */
async function postUpload(url: string, chunked: boolean): Promise<{ status: number; body: unknown }> {
  const body = chunked
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < upload.length; at += 64 * 1024) controller.enqueue(upload.subarray(at, at + 64 * 1024));
          controller.close();
        },
      })
    : upload;
  const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
  return { status: res.status, body: await res.json() };
}

/**
 * A raw client that, like a slow or hostile one, keeps its side open after the server's FIN: the headers of a
 * POST declaring `declared` bytes are sent, the rest is the test's to write.
 */
function rawPost(port: number, declared: number): Promise<{ socket: Socket; response: () => string; closed: Promise<void> }> {
  return new Promise((resolve) => {
    let response = '';
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
      socket.write(`POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`);
      resolve({ socket, response: () => response, closed });
    });
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (response += d));
    socket.on('error', () => {});
  });
}

/** Milliseconds from now until `server` holds no connection. */
async function allClosed(server: ServerType): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const open = await new Promise<number>((r) => server.getConnections((_, n) => r(n)));
    if (open === 0) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const refused = { error: { code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than 64 KB' } };

/** `npm start` as a user runs it: an upload over the body limit reads its 413 instead of a reset connection. */
describe('lingering close under npm start', () => {
  let child: ChildProcess;
  let url: string;
  let port: number;
  beforeAll(async () => {
    const { indexDir } = await realEngine();
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, START_ARGS, { cwd: ROOT, env: { ...process.env, PORT: String(port), CORPUS_DIR: CORPUS, INDEX_DIR: indexDir, RATE_LIMIT: '0' }, stdio: 'ignore' });
    for (;;) {
      if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  // Closed at once, most of these uploads failed with "fetch failed" (EPIPE / ECONNRESET).
  it('answers a 10 MB upload with Content-Length 413 PAYLOAD_TOO_LARGE, every time', async () => {
    for (let i = 0; i < 8; i++) expect(await postUpload(url, false)).toEqual({ status: 413, body: refused });
  });

  it('answers a 10 MB chunked upload 413 PAYLOAD_TOO_LARGE, every time', async () => {
    for (let i = 0; i < 8; i++) expect(await postUpload(url, true)).toEqual({ status: 413, body: refused });
  });

  it('stays healthy: several uploads at once, then a question is answered', async () => {
    const all = await Promise.all([false, true, false, true].map((chunked) => postUpload(url, chunked)));
    for (const r of all) expect(r.status).toBe(413);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '省エネ診断の問い合わせ先は？' }) });
    expect((await res.json()).answer).toContain('03-3501-9726');
  });

  it('closes on a client that stops sending, once it has been quiet for the idle bound', async () => {
    const client = await rawPost(port, 10 * MB);
    client.socket.write(Buffer.alloc(100 * 1024, 'x'));
    await new Promise((r) => setTimeout(r, LINGER_DEFAULTS.idleMs / 2));
    expect(client.response()).toMatch(/^HTTP\/1\.1 413 [^]*\r\nconnection: close\r\n[^]*"PAYLOAD_TOO_LARGE"/i);
    // Past the bound the server has closed: what the client still sends is answered with a reset, and the
    // next write fails.
    await new Promise((r) => setTimeout(r, LINGER_DEFAULTS.idleMs));
    const failed = new Promise<string | undefined>((r) => client.socket.once('error', (e: NodeJS.ErrnoException) => r(e.code)));
    client.socket.write(Buffer.alloc(1024, 'x'));
    await new Promise((r) => setTimeout(r, 100));
    client.socket.write(Buffer.alloc(1024, 'x'));
    expect(await failed).toMatch(/^(EPIPE|ECONNRESET)$/);
  });
});

/** The bounds, small, on the app served as main.ts serves it. */
describe('lingering close bounds', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await realEngine();
  });
  const serving = async (options: Partial<LingerOptions>): Promise<{ server: ServerType; port: number }> => {
    const server = serve({ fetch: lingeringClose(createApp({ engine: () => engine, log: () => {} }).fetch, options), port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    return { server, port: (server.address() as AddressInfo).port };
  };

  it('reads a body to its end, then closes', async () => {
    const { server, port } = await serving({ maxMs: 10_000, idleMs: 10_000 });
    const client = await rawPost(port, 4 * MB);
    client.socket.write(Buffer.alloc(4 * MB, 'x'));
    expect(await allClosed(server)).toBeLessThan(2000);
    expect(client.response()).toMatch(/^HTTP\/1\.1 413 /);
    server.close();
  });

  it('closes on a client that goes quiet after the idle bound', async () => {
    const { server, port } = await serving({ maxMs: 10_000, idleMs: 300 });
    const client = await rawPost(port, 10 * MB);
    client.socket.write(Buffer.alloc(100 * 1024, 'x'));
    const ms = await allClosed(server);
    expect(ms).toBeGreaterThan(250);
    expect(ms).toBeLessThan(2000);
    server.close();
  });

  it('closes on a client that trickles its body once the whole linger is over', async () => {
    const { server, port } = await serving({ maxMs: 500, idleMs: 300 });
    const client = await rawPost(port, 10 * MB);
    client.socket.write(Buffer.alloc(100 * 1024, 'x'));
    const tick = setInterval(() => client.socket.write('x'), 50);
    const ms = await allClosed(server);
    clearInterval(tick);
    expect(client.response()).toMatch(/^HTTP\/1\.1 413 /);
    expect(ms).toBeGreaterThan(450);
    expect(ms).toBeLessThan(2500);
    server.close();
  });

  it('closes on a client that floods past the byte bound', async () => {
    const { server, port } = await serving({ maxBytes: 2 * MB, maxMs: 10_000, idleMs: 10_000 });
    const client = await rawPost(port, 1024 * MB);
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const pump = () => {
      while (!client.socket.destroyed && client.socket.write(chunk));
    };
    client.socket.on('drain', pump);
    pump();
    await client.closed;
    expect(client.response()).toMatch(/^HTTP\/1\.1 413 /);
    expect(client.socket.bytesWritten).toBeLessThan(64 * MB);
    server.close();
  });
});
