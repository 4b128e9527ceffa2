import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { appError } from '../errors.js';

/**
 * Per-client rate limit: `limit` requests per minute for each key `clientKey` gives (the client's
 * address, as the runtime adapter knows it). 429 RATE_LIMITED with Retry-After past it.
 */
export function rateLimit(limit: number, clientKey: (c: Context) => string): MiddlewareHandler {
  return rateLimiter({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-6',
    keyGenerator: clientKey,
    handler: (c) => {
      const reset = (c.get('rateLimit' as never) as { resetTime?: Date } | undefined)?.resetTime;
      c.header('Retry-After', String(Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000))));
      throw appError('RATE_LIMITED', `more than ${limit} requests a minute from this client; retry later`);
    },
  });
}

/** `Authorization: Bearer KEY` with one of `keys`, compared in constant time. */
export function bearer(keys: string[], code: 'UNAUTHORIZED' | 'NOT_FOUND' = 'UNAUTHORIZED'): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
    if (!keys.some((k) => sameText(k, given))) {
      throw code === 'NOT_FOUND' ? appError('NOT_FOUND', 'no such route') : appError('UNAUTHORIZED', 'send Authorization: Bearer with a valid API key');
    }
    await next();
  };
}

function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export interface RequestLog {
  requestId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  question?: string;
}

/** One structured line per request: id, route, status, latency; the question only when allowed. */
export function requestLog(write: (entry: RequestLog) => void, withQuestions: boolean): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    const requestId = crypto.randomUUID();
    c.header('X-Request-Id', requestId);
    await next();
    const entry: RequestLog = { requestId, method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round((performance.now() - t0) * 100) / 100 };
    const question = c.get('question' as never) as string | undefined;
    if (withQuestions && question) entry.question = question;
    write(entry);
  };
}
