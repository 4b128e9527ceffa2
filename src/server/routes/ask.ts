import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AskResponse } from '../../answer/types.js';
import type { IdentifiedAnswerer } from '../../answer-log/recording.js';
import { appError } from '../../errors.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import type { AppEnv } from '../app.js';
import { askSchema } from '../ask-schema.js';
import { limitBody, readJson } from '../read-json.js';
import { only } from './methods.js';


/** POST /api/ask: JSON, or Server-Sent Events (`delta` … `done`) with `Accept: text/event-stream`. */
export function askRoutes(answererFor: (engine: SearchEngine) => IdentifiedAnswerer): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all(
    '/ask',
    only('POST'),
    limitBody,
    async (c) => {
      const parsed = askSchema.safeParse(await readJson(c));
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
