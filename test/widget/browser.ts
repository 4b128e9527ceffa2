import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { buildWidget } from '../../src/adapter/node/widget-build.js';
import { createApp, type AppDeps } from '../../src/server/app.js';
import { realEngine } from '../helpers.js';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Sites {
  /** The madoguchi server (API, /widget.js, the demo page). */
  api: string;
  /** A customer's site on another origin, embedding the widget under hostile CSS. */
  site: string;
  close(): Promise<void>;
}

/** A stylesheet that would wreck any widget sharing the page's styles. */
export const HOSTILE_CSS = `
* { font-size: 40px !important; color: red !important; background: yellow !important; box-sizing: content-box !important; }
button { display: none !important; }
div, section, ol, li, textarea { display: inline !important; position: static !important; width: 3px !important; }
a { pointer-events: none !important; }
`;

/**
 * Starts the real app on one port and a hostile customer page on another (allowed by CORS_ORIGINS);
 * `deps` adds to the app's (an answer log, the admin token and the staff page's script).
 */
export async function startSites(deps: Partial<AppDeps> = {}): Promise<Sites> {
  let api = '';
  const site: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const attrs = url.searchParams.get('attrs') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>${HOSTILE_CSS}</style></head><body><h1 id="own">お客様のページ</h1><p>本文</p>
<script src="${api}/widget.js" data-endpoint="${api}" ${attrs} defer></script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const engine = await realEngine();
  const app = createApp({ engine: () => engine, widget: await buildWidget(), corsOrigins: [siteUrl], log: () => {}, ...deps });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    api,
    site: siteUrl,
    close: async () => {
      await new Promise((r) => server.close(r));
      await new Promise((r) => site.close(r));
    },
  };
}
