import { Hono } from 'hono';
import { appError } from '../../errors.js';
import type { AppEnv } from '../app.js';
import { only } from './methods.js';

export function catalogRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/programs', only('GET', 'HEAD'), (c) => c.json({ programs: c.get('engine').programs }));
  app.all('/programs/:id', only('GET', 'HEAD'), (c) => {
    const id = c.req.param('id');
    const program = c.get('engine').programs.find((p) => p.id === id);
    if (!program) throw appError('PROGRAM_NOT_FOUND', `no program with id "${id}"`);
    return c.json(program);
  });
  return app;
}
