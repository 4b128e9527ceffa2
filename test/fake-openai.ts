import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible HTTP server for wiring tests: the only fake in the suite, standing in for
 * a service that cannot be reached here. Embeddings are deterministic (a hash of the text).
 */
export interface ChatMessage {
  role: string;
  content: string;
}

export interface FakeOpenAi {
  url: string;
  requests: { path: string; body: any }[];
  /** What the fake chat model says to the messages it gets; a number is an HTTP error status. */
  reply: (messages: ChatMessage[]) => string | number;
  /** Milliseconds the fake waits before answering a chat request. */
  delayMs: number;
  close(): Promise<void>;
}

export async function startFakeOpenAi(dimensions = 8): Promise<FakeOpenAi> {
  const requests: FakeOpenAi['requests'] = [];
  const fake = { reply: (() => 'ok') as FakeOpenAi['reply'], delayMs: 0 };
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await read(req)) || 'null');
    requests.push({ path: req.url ?? '', body });
    if (req.url?.endsWith('/chat/completions')) {
      await new Promise((r) => setTimeout(r, fake.delayMs));
      if (res.destroyed) return;
      chat(res, body, fake.reply(body.messages));
      return;
    }
    if (req.url?.endsWith('/embeddings')) {
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      const data = inputs.map((text, index) => {
        const v = vectorOf(String(text), dimensions);
        const embedding = body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v;
        return { object: 'embedding', index, embedding };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', model: body.model, data, usage: { prompt_tokens: 1, total_tokens: 1 } }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'not faked' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

/** A chat completion in OpenAI's format: one JSON body, or SSE chunks of a few characters each. */
function chat(res: import('node:http').ServerResponse, body: any, reply: string | number): void {
  if (typeof reply === 'number') {
    res.writeHead(reply, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error' } }));
    return;
  }
  const base = { id: 'chatcmpl-fake', created: 0, model: body.model };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const pieces = Array.from(reply).reduce<string[]>((acc, ch, i) => (i % 5 === 0 ? acc.push(ch) : (acc[acc.length - 1] += ch), acc), []);
  const event = (delta: object, finish: string | null) => `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(event({ role: 'assistant', content: '' }, null));
  for (const p of pieces) res.write(event({ content: p }, null));
  res.write(event({}, 'stop'));
  res.end('data: [DONE]\n\n');
}

/** The fake's embedding of a text: unit length, the same for the same text. */
export function vectorOf(text: string, dimensions: number): number[] {
  const v = Array.from({ length: dimensions }, (_, i) => {
    let h = 2166136261 ^ i;
    for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
    return ((h >>> 0) % 1000) / 1000 - 0.5;
  });
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
