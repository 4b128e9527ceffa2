import type { MiddlewareHandler } from 'hono';
import { appError } from '../errors.js';

/** A request still running after `ms` is answered 503 TIMEOUT (coded, like every other error). */
export function timeout(ms: number): MiddlewareHandler {
  return async (c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(appError('TIMEOUT', `the request took longer than ${ms} ms`)), ms);
    });
    try {
      await Promise.race([next(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
