import type { MiddlewareHandler } from 'hono';
import { appError } from '../../errors.js';

/** A known route asked with another method: 405 with the methods it does take. */
export function only(...methods: string[]): MiddlewareHandler {
  return async (c, next) => {
    if (!methods.includes(c.req.method)) {
      c.header('Allow', methods.join(', '));
      throw appError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed here; use ${methods.join(' or ')}`);
    }
    await next();
  };
}
