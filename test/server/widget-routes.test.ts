import { beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../src/adapter/node/widget-build.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine } from '../helpers.js';

describe('widget routes and CORS', () => {
  let engine: SearchEngine;
  let widget: string;
  beforeAll(async () => {
    [engine, widget] = await Promise.all([realEngine(), buildWidget()]);
  });
  const app = () => createApp({ engine: () => engine, widget, corsOrigins: ['https://shokokai.example.jp'], log: () => {} });

  it('serves /widget.js as one small script', async () => {
    const res = await app().request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const js = await res.text();
    expect(js).toBe(widget);
    expect(js.length).toBeLessThan(25 * 1024);
    expect(js).toContain('attachShadow');
  });

  it('serves a demo page at / that embeds the widget and shows the snippet', async () => {
    const res = await app().request('http://help.example.jp/');
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<script src="/widget.js" data-endpoint="http://help.example.jp" defer></script>');
    expect(html).toContain('&lt;script src="http://help.example.jp/widget.js" data-endpoint="http://help.example.jp" defer&gt;&lt;/script&gt;');
  });

  it('allows the API only to origins in CORS_ORIGINS', async () => {
    const allowed = await app().request('/api/programs', { headers: { origin: 'https://shokokai.example.jp' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shokokai.example.jp');
    const other = await app().request('/api/programs', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app().request('/api/ask', {
      method: 'OPTIONS',
      headers: { origin: 'https://shokokai.example.jp', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('answers the favicon request with 204', async () => {
    expect((await app().request('/favicon.ico')).status).toBe(204);
  });

  it('has no widget routes when no widget is given', async () => {
    expect((await createApp({ engine: () => engine }).request('/widget.js')).status).toBe(404);
  });
});

describe('CORS on errors', () => {
  it('keeps the allow-origin header on coded errors, so the widget can read them', async () => {
    const engine = await realEngine();
    const app = createApp({ engine: () => engine, corsOrigins: ['https://shokokai.example.jp'], log: () => {} });
    const res = await app.request('/api/ask', { method: 'POST', headers: { origin: 'https://shokokai.example.jp', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shokokai.example.jp');
  });
});
