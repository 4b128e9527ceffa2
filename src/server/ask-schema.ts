import { z } from 'zod';
import { MAX_HISTORY, MAX_QUESTION, MAX_TURN } from '../answer/types.js';
import { isPrefecture } from '../text/prefectures.js';

export { MAX_HISTORY, MAX_QUESTION, MAX_TURN };

/** POST /api/ask, as the contract defines it. */
export const askSchema = z.object({
  question: z
    .string({ error: 'question must be a string of 1 to 2,000 characters' })
    .trim()
    .min(1, 'question is empty')
    .max(MAX_QUESTION, `question is longer than ${MAX_QUESTION} characters`),
  history: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant'], { error: 'history roles are "user" or "assistant"' }),
        content: z.string({ error: 'history content must be a string' }).max(MAX_TURN, `a history turn is longer than ${MAX_TURN} characters`),
      }),
      { error: 'history must be an array of {role, content}' },
    )
    .max(MAX_HISTORY, `history holds at most ${MAX_HISTORY} turns`)
    .default([]),
  mode: z.enum(['answer', 'draft'], { error: 'mode is "answer" or "draft"' }).default('answer'),
  region: z
    .string({ error: 'region is a prefecture, e.g. "静岡県"' })
    .trim()
    .refine(isPrefecture, { error: 'region is a prefecture written in full, e.g. "静岡県", "東京都", "北海道"' })
    .optional(),
});
