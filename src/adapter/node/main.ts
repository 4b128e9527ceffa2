import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseConfig, type Config } from '../../config.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import { createApp } from '../../server/app.js';
import { answererFor } from './answerer.js';
import { lingeringClose } from './lingering-close.js';
import { ensureIndex, openEngine } from './open-engine.js';
import { answerLogFor } from './sqlite-answer-log.js';
import { buildAdminScript, buildWidget } from './widget-build.js';

/** The message a cluster's servers pass to reload the index together. */
const RELOAD = 'madoguchi:reload';
/** In-flight requests get this long to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

const log = (line: object) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line, ...(cluster.isWorker ? { worker: cluster.worker!.id } : {}) })}\n`);

/**
 * `npm start`: builds the index when missing or stale, then serves on HOST:PORT; with WEB_CONCURRENCY above 1
 * (or `auto`, one per core) as that many processes of Node's cluster sharing the port.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const processes = config.webConcurrency || availableParallelism();
  if (processes > 1 && cluster.isPrimary) return supervise(config, processes);
  await serveApp(config);
}

/** The primary builds the index once, then forks the servers, restarts one that dies, and stops them on SIGTERM. */
async function supervise(config: Config, processes: number): Promise<void> {
  await ensureIndex(config, (message) => log({ level: 'info', message }));
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log({ level: 'error', message: `worker ${worker.id} exited (${signal ?? code}); starting another` });
    cluster.fork();
  });
  // An index reloaded through one server's /admin/reload is reloaded by all of them.
  cluster.on('message', (from, message) => {
    if (message !== RELOAD) return;
    for (const w of Object.values(cluster.workers ?? {})) if (w && w.id !== from.id) w.send(RELOAD);
  });
  const stop = (signal: string) => {
    stopping = true;
    log({ level: 'info', message: `${signal}: stopping ${processes} servers` });
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS + 1000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function serveApp(config: Config): Promise<void> {
  let engine: SearchEngine | null = null;
  // The dictionary, the index, the widget and the answerer load side by side: start-up is the slowest of them.
  const [opened, widget, adminScript, answerer, answerLog] = await Promise.all([
    openEngine(config, { rebuild: cluster.isPrimary, log: (message) => log({ level: 'info', message }) }),
    buildWidget(),
    buildAdminScript(),
    answererFor(config, (message) => log({ level: 'warn', message })),
    answerLogFor(config, (message) => log({ level: 'error', message })),
  ]);
  engine = opened;
  const app = createApp({
    engine: () => engine,
    answerer,
    widget,
    answerCache: config.answerCache,
    adminScript,
    answerLog,
    corsOrigins: config.corsOrigins,
    rateLimit: config.rateLimit,
    clientKey: (c) => getConnInfo(c).remote.address ?? 'unknown',
    apiKeys: config.apiKeys,
    admin: config.adminToken
      ? {
          token: config.adminToken,
          // A failed load throws its coded error and leaves the engine in service unchanged.
          reload: async () => {
            engine = await openEngine(config);
            if (cluster.isWorker) process.send!(RELOAD);
            return engine;
          },
        }
      : undefined,
    requestLog: (entry) => log({ level: 'info', ...entry }),
    logQuestions: config.logQuestions,
    requestTimeoutMs: config.requestTimeoutMs,
    log: (message, error) => log({ level: 'error', message, ...(error === undefined ? {} : { error: error instanceof Error ? error.stack : String(error) }) }),
  });
  const server = serve({ fetch: lingeringClose(app.fetch), port: config.port, hostname: config.host }, (info) => {
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
  process.on('message', (message) => {
    if (message !== RELOAD) return;
    openEngine(config).then(
      (fresh) => (engine = fresh),
      (e) => log({ level: 'error', message: `reload failed; the previous index keeps serving: ${e.code ?? ''} ${e.message}` }),
    );
  });
}

main().catch((e) => {
  console.error(`madoguchi could not start: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  process.exit(1);
});
