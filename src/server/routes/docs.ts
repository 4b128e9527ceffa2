import { Hono } from 'hono';
import { docsPage, openApiDocument } from '../openapi.js';
import { only } from './methods.js';

/** GET /openapi.json and GET /docs. */
export function docsRoutes(): Hono {
  const app = new Hono();
  const doc = openApiDocument();
  const page = docsPage(doc);
  app.all('/openapi.json', only('GET', 'HEAD'), (c) => c.json(doc));
  app.all('/docs', only('GET', 'HEAD'), (c) => c.html(page));
  return app;
}
