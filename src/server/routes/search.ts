import { Hono } from 'hono';
import { appError } from '../../errors.js';
import type { AppEnv } from '../app.js';
import { checkQuestion, passage } from '../respond.js';
import { only } from './methods.js';

export function searchRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/search', only('GET', 'HEAD'), async (c) => {
    const q = checkQuestion(c.req.query('q'), 'q');
    const k = limit(c.req.query('k'));
    const hits = await c.get('engine').retriever.search(q, k);
    return c.json({ hits: hits.map((h) => ({ ...passage(h.chunk), score: round(h.score) })) });
  });
  return app;
}

function limit(raw: string | undefined): number {
  if (raw === undefined) return 10;
  const k = Number(raw);
  if (!/^\d+$/.test(raw) || k < 1 || k > 50) throw appError('INVALID_INPUT', `k must be an integer from 1 to 50; got "${raw}"`);
  return k;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
