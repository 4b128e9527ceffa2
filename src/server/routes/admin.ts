import { Hono } from 'hono';
import type { SearchEngine } from '../../retrieve/engine.js';
import { bearer } from '../guards.js';
import { only } from './methods.js';

/**
 * POST /admin/reload: loads the index again and swaps it in; requests in flight finish on the engine
 * they started with. A missing, corrupt or mismatched index is refused (its coded error) and the
 * previous index keeps serving. Without the admin token the route does not exist (404).
 */
export function adminRoutes(admin: { token: string; reload: () => Promise<SearchEngine> }): Hono {
  const app = new Hono();
  app.use('*', bearer([admin.token], 'NOT_FOUND'));
  app.all('/reload', only('POST'), async (c) => {
    const engine = await admin.reload();
    return c.json({ ok: true, index: { corpusHash: engine.manifest.corpusHash, createdAt: engine.manifest.createdAt, chunks: engine.manifest.counts.chunks } });
  });
  return app;
}
