import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { appError } from '../errors.js';

export const MAX_BODY_BYTES = 64 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const streamedLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

/**
 * 413 PAYLOAD_TOO_LARGE past 64 KB, for every route that takes a body. A declared Content-Length is
 * checked as a number (the runtime's HTTP parser holds the body to it), so the body stays unread for the
 * route's own fast read; a chunked body is counted as it streams in, and cut off at the limit.
 */
export const limitBody: MiddlewareHandler = async (c, next) => {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (!Number.isSafeInteger(declared) || c.req.header('transfer-encoding') !== undefined) return streamedLimit(c, next);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  await next();
};

const tooLarge = () => appError('PAYLOAD_TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES / 1024} KB`);

/** The body as JSON: 415 unless declared JSON, 400 unless valid UTF-8 and valid JSON. */
export async function readJson(c: Context): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw appError('UNSUPPORTED_MEDIA_TYPE', 'send JSON with Content-Type: application/json');
  }
  let text: string;
  try {
    text = UTF8.decode(await c.req.arrayBuffer());
  } catch {
    throw appError('INVALID_INPUT', 'the body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw appError('INVALID_INPUT', 'the body is not valid JSON');
  }
}
