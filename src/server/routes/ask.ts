import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { Answerer, AskResponse } from '../../answer/types.js';
import { appError } from '../../errors.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import type { AppEnv } from '../app.js';
import { askSchema } from '../ask-schema.js';
import { only } from './methods.js';

export const MAX_BODY_BYTES = 64 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** POST /api/ask: JSON, or Server-Sent Events (`delta` … `done`) with `Accept: text/event-stream`. */
export function askRoutes(answererFor: (engine: SearchEngine) => Answerer): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all(
    '/ask',
    only('POST'),
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw appError('PAYLOAD_TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES / 1024} KB`); } }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(type)) throw appError('UNSUPPORTED_MEDIA_TYPE', 'send the question as JSON with Content-Type: application/json');
      let text: string;
      try {
        text = UTF8.decode(await c.req.arrayBuffer());
      } catch {
        throw appError('INVALID_INPUT', 'the body is not valid UTF-8');
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw appError('INVALID_INPUT', 'the body is not valid JSON');
      }
      const parsed = askSchema.safeParse(raw);
      if (!parsed.success) throw appError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
      c.set('question' as never, parsed.data.question as never);
      const response = await answererFor(c.get('engine')).answer(parsed.data);
      if (!/text\/event-stream/i.test(c.req.header('accept') ?? '')) return c.json(response);
      return streamSSE(c, async (stream) => {
        for (const text of deltas(response)) await stream.writeSSE({ event: 'delta', data: JSON.stringify({ text }) });
        await stream.writeSSE({ event: 'done', data: JSON.stringify(response) });
      });
    },
  );
  return app;
}

/** The answer in sentence-sized pieces, in order; joined they are exactly `answer`. */
export function deltas(response: AskResponse): string[] {
  return response.answer.match(/[^。.!?！？\n]+(?:[。.!?！？]+(?:\[\d+\])*|\n+)?|[。.!?！？\n]+/g) ?? [];
}
