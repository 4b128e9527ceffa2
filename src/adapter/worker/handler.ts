import type { Hono } from 'hono';
import { answererFor } from '../../answer/configured.js';
import { parseConfig } from '../../config.js';
import { createEngine, type SearchEngine } from '../../retrieve/engine.js';
import { createApp, type AppEnv } from '../../server/app.js';
import { createAnalyzer } from '../../text/analyzer.js';
import { openQueryDictionary } from '../../text/query-dictionary.js';
import { createExactSearch } from '../../vectors/vector-search.js';
import { openWorkerBundle } from './bundle.js';

/** The Worker's environment: the same variables as on Node (CONTRACT.md), as vars and secrets. */
export type WorkerEnv = Record<string, unknown>;

/**
 * A Worker's fetch handler over a bundle: the same Hono app as on Node, built once per isolate
 * (exact vector search, the index's query dictionary: no native module, no file system).
 */
export function workerHandler(bundleBytes: ArrayBuffer) {
  let app: Promise<Hono<AppEnv>> | null = null;
  return {
    async fetch(request: Request, env: WorkerEnv, ctx: unknown): Promise<Response> {
      app ??= createWorkerApp(bundleBytes, env).catch((e: unknown) => {
        app = null;
        throw e;
      });
      return (await app).fetch(request, env, ctx as never);
    },
  };
}

async function createWorkerApp(bundleBytes: ArrayBuffer, env: WorkerEnv): Promise<Hono<AppEnv>> {
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const config = parseConfig(strings);
  const bundle = openWorkerBundle(new Uint8Array(bundleBytes));
  const { parts } = bundle;
  const engine: SearchEngine = createEngine({
    parts,
    analyzer: createAnalyzer(openQueryDictionary(parts.queryDictionary)),
    vectors: createExactSearch(parts.vectors, parts.manifest.embedder.dimensions),
  });
  const log = (line: object) => console.log(JSON.stringify({ time: new Date().toISOString(), ...line }));
  return createApp({
    engine: () => engine,
    answerer: await answererFor(config.openai, async () => bundle.prompts, (message) => log({ level: 'warn', message })),
    widget: bundle.widget,
    corsOrigins: config.corsOrigins,
    rateLimit: config.rateLimit,
    clientKey: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    apiKeys: config.apiKeys,
    requestLog: (entry) => log({ level: 'info', ...entry }),
    logQuestions: config.logQuestions,
    requestTimeoutMs: config.requestTimeoutMs,
    log: (message, error) => log({ level: 'error', message, error: error instanceof Error ? error.stack : String(error) }),
  });
}
