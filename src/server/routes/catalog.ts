import { Hono } from 'hono';
import { z } from 'zod';
import { MAX_QUESTION } from '../../answer/types.js';
import { appError } from '../../errors.js';
import { filterCatalog } from '../../retrieve/catalog-filter.js';
import { isPrefecture } from '../../text/prefectures.js';
import type { AppEnv } from '../app.js';
import { only } from './methods.js';

const amount = z.string().regex(/^\d+(\.\d+)?$/, 'amounts are numbers in 億円, e.g. 10 or 5.5').transform(Number);
export const filterSchema = z.object({
  q: z.string().trim().min(1, 'q is empty').max(MAX_QUESTION, `q is longer than ${MAX_QUESTION} characters`).optional(),
  new: z.enum(['true', 'false'], { error: 'new is true or false' }).transform((v) => v === 'true').optional(),
  budget_min: amount.optional(),
  budget_max: amount.optional(),
  office: z.string().trim().min(1, 'office is empty').max(100, 'office is longer than 100 characters').optional(),
  authority: z.string().trim().min(1, 'authority is empty').max(100, 'authority is longer than 100 characters').optional(),
  region: z.string().trim().refine(isPrefecture, { error: 'region is a prefecture written in full, e.g. 静岡県' }).optional(),
}).strict();

export function catalogRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/programs', only('GET', 'HEAD'), async (c) => {
    const parsed = filterSchema.safeParse(c.req.query());
    if (!parsed.success) throw appError('INVALID_INPUT', parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown filter: ${i.keys.join(', ')}` : i.message)).join('; '));
    const f = parsed.data;
    const programs = await filterCatalog(c.get('engine'), { q: f.q, isNew: f.new, budgetMin: f.budget_min, budgetMax: f.budget_max, office: f.office, authority: f.authority, region: f.region });
    return c.json({ programs });
  });
  app.all('/programs/:id', only('GET', 'HEAD'), (c) => {
    const id = c.req.param('id');
    const program = c.get('engine').programs.find((p) => p.id === id);
    if (!program) throw appError('PROGRAM_NOT_FOUND', `no program with id "${id}"`);
    return c.json(program);
  });
  return app;
}
