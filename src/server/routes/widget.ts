import { Hono } from 'hono';
import { demoPage } from '../../widget/demo-page.js';
import { only } from './methods.js';

/** GET /widget.js (the built widget, from the runtime adapter) and GET / (the demo page). */
export function widgetRoutes(script: string): Hono {
  const app = new Hono();
  app.all('/widget.js', only('GET', 'HEAD'), (c) => {
    c.header('content-type', 'application/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    return c.body(script);
  });
  app.all('/', only('GET', 'HEAD'), (c) => c.html(demoPage(new URL(c.req.url).origin)));
  // Browsers ask for it on every page: no icon, and no error in their console.
  app.all('/favicon.ico', only('GET', 'HEAD'), (c) => c.body(null, 204));
  return app;
}
