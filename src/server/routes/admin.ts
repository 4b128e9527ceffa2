import { Hono } from 'hono';
import type { SearchEngine } from '../../retrieve/engine.js';
import { bearer } from '../guards.js';
import { only } from './methods.js';

export interface AdminActions {
  token: string;
  /** Loads the index again (Node). */
  reload?: () => Promise<SearchEngine>;
  /** Embeds every chunk into the bound vector store (Workers with Workers AI and Vectorize). */
  syncVectors?: () => Promise<{ namespace: string; vectors: number }>;
}

/**
 * Behind the admin token (without it, or for an action the runtime lacks, the route does not exist: 404).
 * POST /admin/reload loads the index again and swaps it in; requests in flight finish on the engine
 * they started with. A missing, corrupt or mismatched index is refused (its coded error) and the
 * previous index keeps serving. POST /admin/sync-vectors fills the external vector store.
 */
export function adminRoutes(admin: AdminActions): Hono {
  const app = new Hono();
  app.use('*', bearer([admin.token], 'NOT_FOUND'));
  const { reload, syncVectors } = admin;
  if (reload) {
    app.all('/reload', only('POST'), async (c) => {
      const engine = await reload();
      return c.json({ ok: true, index: { corpusHash: engine.manifest.corpusHash, createdAt: engine.manifest.createdAt, chunks: engine.manifest.counts.chunks } });
    });
  }
  if (syncVectors) app.all('/sync-vectors', only('POST'), async (c) => c.json({ ok: true, ...(await syncVectors()) }));
  return app;
}
