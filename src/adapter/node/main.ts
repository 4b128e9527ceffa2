import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { parseConfig } from '../../config.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import { createApp } from '../../server/app.js';
import { answererFor } from './answerer.js';
import { openEngine } from './open-engine.js';
import { buildWidget } from './widget-build.js';

/** In-flight requests get this long to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

/** `npm start`: builds the index when missing or stale, then serves on HOST:PORT. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const log = (line: object) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  let engine: SearchEngine | null = null;
  // The dictionary, the index, the widget and the answerer load side by side: start-up is the slowest of them.
  const [opened, widget, answerer] = await Promise.all([
    openEngine(config, { rebuild: true, log: (message) => log({ level: 'info', message }) }),
    buildWidget(),
    answererFor(config, (message) => log({ level: 'warn', message })),
  ]);
  engine = opened;
  const app = createApp({
    engine: () => engine,
    answerer,
    widget,
    corsOrigins: config.corsOrigins,
    rateLimit: config.rateLimit,
    clientKey: (c) => getConnInfo(c).remote.address ?? 'unknown',
    apiKeys: config.apiKeys,
    admin: config.adminToken
      ? {
          token: config.adminToken,
          // A failed load throws its coded error and leaves the engine in service unchanged.
          reload: async () => (engine = await openEngine(config)),
        }
      : undefined,
    requestLog: (entry) => log({ level: 'info', ...entry }),
    logQuestions: config.logQuestions,
    requestTimeoutMs: config.requestTimeoutMs,
    log: (message, error) => log({ level: 'error', message, error: error instanceof Error ? error.stack : String(error) }),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log({ level: 'info', message: `madoguchi: ${engine!.manifest.counts.programs} programs, ${engine!.manifest.counts.chunks} chunks; http://${config.host}:${info.port}` });
  });
  const stop = (signal: string) => {
    log({ level: 'info', message: `${signal}: finishing requests in flight, then exiting` });
    server.close(() => process.exit(0));
    // A kept-alive connection would hold the close open until its idle timeout: drop each once its last
    // response is out.
    if ('closeIdleConnections' in server) setInterval(() => server.closeIdleConnections(), 50).unref();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e) => {
  console.error(`madoguchi could not start: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  process.exit(1);
});
