import { serve } from '@hono/node-server';
import { parseConfig } from '../../config.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import { createApp } from '../../server/app.js';
import { answererFor } from './answerer.js';
import { openEngine } from './open-engine.js';
import { buildWidget } from './widget-build.js';

/** `npm start`: builds the index when missing or stale, then serves on HOST:PORT. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  let engine: SearchEngine | null = null;
  const app = createApp({
    engine: () => engine,
    answerer: await answererFor(config, (m) => console.error(m)),
    widget: await buildWidget(),
    corsOrigins: config.corsOrigins,
  });
  engine = await openEngine(config, { rebuild: true, log: (line) => console.log(line) });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`madoguchi: ${engine!.manifest.counts.programs} programs, ${engine!.manifest.counts.chunks} chunks; http://${config.host}:${info.port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  console.error(`madoguchi could not start: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  process.exit(1);
});
