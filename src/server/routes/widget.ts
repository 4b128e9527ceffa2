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
  return app;
}
