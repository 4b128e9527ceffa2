import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import { errorBody } from '../respond.js';
import { only } from './methods.js';

export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.all('/healthz', only('GET', 'HEAD'), (c) => {
    const engine = deps.engine();
    if (!engine) return errorBody(c, 'NOT_READY', 'the index is not loaded yet');
    const { manifest, programs } = engine;
    return c.json({
      ok: true,
      programs: programs.filter((p) => p.kind === 'program').length,
      documents: manifest.counts.documents,
      chunks: manifest.counts.chunks,
      index: { formatVersion: manifest.formatVersion, analyzer: manifest.analyzer, embedder: manifest.embedder, corpusHash: manifest.corpusHash, createdAt: manifest.createdAt },
    });
  });
  return app;
}
