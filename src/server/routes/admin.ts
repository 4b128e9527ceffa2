import { Hono } from 'hono';
import type { SearchEngine } from '../../retrieve/engine.js';
import { adminPage } from '../../widget/admin-page.js';
import { bearer } from '../guards.js';
import { adminQuestionRoutes, type StaffView } from './admin-questions.js';
import { only } from './methods.js';

export interface AdminActions {
  token: string;
  /** Loads the index again (Node). */
  reload?: () => Promise<SearchEngine>;
  /** Embeds every chunk into the bound vector store (Workers with Workers AI and Vectorize). */
  syncVectors?: () => Promise<{ namespace: string; vectors: number }>;
}

/**
 * Everything under /admin exists only with the admin token set.
 * - POST /admin/reload loads the index again and swaps it in; requests in flight finish on the engine
 *   they started with. A missing, corrupt or mismatched index is refused (its coded error) and the
 *   previous index keeps serving. POST /admin/sync-vectors fills the external vector store. Without the
 *   token, or for an action the runtime lacks, these routes do not exist: 404.
 * - GET /admin is the staff page (a static shell and its script, no secret in either); the API it calls,
 *   /admin/api/*, answers 401 without the token.
 */
export function adminRoutes(admin: AdminActions, view: StaffView & { script?: string }): Hono {
  const app = new Hono();
  const hidden = bearer([admin.token], 'NOT_FOUND');
  const { reload, syncVectors } = admin;
  if (reload) {
    app.all('/reload', hidden, only('POST'), async (c) => {
      const engine = await reload();
      return c.json({ ok: true, index: { corpusHash: engine.manifest.corpusHash, createdAt: engine.manifest.createdAt, chunks: engine.manifest.counts.chunks } });
    });
  }
  if (syncVectors) app.all('/sync-vectors', hidden, only('POST'), async (c) => c.json({ ok: true, ...(await syncVectors()) }));
  const { script } = view;
  if (script !== undefined) {
    const page = adminPage();
    app.all('/', only('GET', 'HEAD'), (c) => c.html(page));
    app.all('/admin.js', only('GET', 'HEAD'), (c) => {
      c.header('content-type', 'application/javascript; charset=utf-8');
      return c.body(script);
    });
  }
  app.use('/api/*', bearer([admin.token]));
  app.route('/api', adminQuestionRoutes(view));
  return app;
}
