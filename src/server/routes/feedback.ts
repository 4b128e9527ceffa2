import { Hono } from 'hono';
import { z } from 'zod';
import type { AnswerLog } from '../../answer-log/answer-log.js';
import { appError, isAppError } from '../../errors.js';
import type { AppEnv } from '../app.js';
import { limitBody, readJson } from '../read-json.js';
import { only } from './methods.js';

export const MAX_COMMENT = 2000;

/** POST /api/feedback, as the contract defines it. */
export const feedbackSchema = z.object({
  id: z.string({ error: 'id is the id of an answer, as /api/ask returned it' }).min(1, 'id is empty').max(100, 'id is longer than 100 characters'),
  rating: z.enum(['up', 'down'], { error: 'rating is "up" or "down"' }),
  comment: z.string({ error: 'comment must be a string' }).trim().max(MAX_COMMENT, `comment is longer than ${MAX_COMMENT} characters`).optional(),
});

/**
 * POST /api/feedback: a rating (and a comment) for an answer → 204; 404 ANSWER_NOT_FOUND for an id the
 * log does not hold; 503 STORAGE_DISABLED without a log, STORAGE_UNAVAILABLE (logged with its reason)
 * when the log cannot be written.
 */
export function feedbackRoutes(answerLog: AnswerLog | undefined, log: (message: string, error: unknown) => void): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/feedback', only('POST'), limitBody, async (c) => {
    const parsed = feedbackSchema.safeParse(await readJson(c));
    if (!parsed.success) throw appError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
    if (!answerLog) throw appError('STORAGE_DISABLED', 'this server keeps no answer log, so it takes no feedback');
    const { id, rating, comment } = parsed.data;
    const found = await answerLog.feedback(id, rating, comment || null).catch((e: unknown) => {
      if (isAppError(e) && e.code === 'STORAGE_UNAVAILABLE') log('feedback not stored', e);
      throw e;
    });
    if (!found) throw appError('ANSWER_NOT_FOUND', `no answer with id "${id}"`);
    return c.body(null, 204);
  });
  return app;
}
