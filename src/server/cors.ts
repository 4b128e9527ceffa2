import type { MiddlewareHandler } from 'hono';

const METHODS = 'GET,POST';
const HEADERS = 'content-type,authorization';
const MAX_AGE = '600';

/**
 * CORS for an allow-list of origins: browsers on those origins may call the API; others get no
 * Access-Control-Allow-Origin. Preflights are answered 204 here. The headers hono/cors sends, added to
 * the response's own headers: hono/cors adds Vary with `c.header` after the handler, which makes
 * @hono/node-server rebuild every response as a stream.
 */
export function allowOrigins(origins: Iterable<string>): MiddlewareHandler {
  const allowed = new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('origin') ?? '';
    const allow = allowed.has(origin);
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        Vary: 'Origin, Access-Control-Request-Headers',
        'Access-Control-Allow-Methods': METHODS,
        'Access-Control-Allow-Headers': HEADERS,
        'Access-Control-Max-Age': MAX_AGE,
      };
      if (allow) headers['Access-Control-Allow-Origin'] = origin;
      return c.body(null, 204, headers);
    }
    await next();
    if (allow) c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.append('Vary', 'Origin');
  };
}
