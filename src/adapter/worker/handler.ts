import type { Hono } from 'hono';
import { answererFor } from '../../answer/configured.js';
import { parseConfig } from '../../config.js';
import { isAppError } from '../../errors.js';
import { createEngine, type SearchEngine } from '../../retrieve/engine.js';
import { createApp, type AppEnv } from '../../server/app.js';
import { createAnalyzer } from '../../text/analyzer.js';
import { openQueryDictionary } from '../../text/query-dictionary.js';
import { indexedText } from '../../text/chunk.js';
import { openWorkerBundle, type WorkerBundle } from './bundle.js';
import { openD1AnswerLog, type D1Binding } from './d1-answer-log.js';
import { createVectorizeSearch, syncVectorize, WorkersAiEmbeddings, type AiBinding, type VectorizeBinding } from './cloudflare.js';
import type { R2BucketBinding } from './r2-store.js';

/**
 * The Worker's environment: the same variables as on Node (CONTRACT.md), as vars and secrets, and
 * optionally the bindings INDEX (the R2 bucket `npm run worker:upload` fills; without it the bundled
 * index is served), AI (Workers AI), VECTORIZE (a Vectorize index of 1,024 cosine dimensions) and DB (a
 * D1 database: the answer log).
 */
export type WorkerEnv = Record<string, unknown> & { INDEX?: R2BucketBinding; AI?: AiBinding; VECTORIZE?: VectorizeBinding; DB?: D1Binding };

/**
 * A Worker's fetch handler over a bundle: the same Hono app as on Node, built once per isolate on its
 * first request, over the index in the INDEX bucket or in the bundle (exact vector search, the index's
 * query dictionary: no native module, no file system).
 */
export function workerHandler(bundleBytes: ArrayBuffer) {
  let app: Promise<Hono<AppEnv>> | null = null;
  return {
    async fetch(request: Request, env: WorkerEnv, ctx: unknown): Promise<Response> {
      app ??= createWorkerApp(bundleBytes, env).catch((e: unknown) => {
        app = null;
        throw e;
      });
      try {
        return (await app).fetch(request, env, ctx as never);
      } catch (e) {
        // An unreadable or missing index, or a bad configuration: coded like any error, and tried again on the next request.
        if (!isAppError(e)) throw e;
        console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', message: e.message, code: e.code }));
        return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status });
      }
    },
  };
}

async function createWorkerApp(bundleBytes: ArrayBuffer, env: WorkerEnv): Promise<Hono<AppEnv>> {
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const config = parseConfig(strings);
  const bundle = await openWorkerBundle(new Uint8Array(bundleBytes), env.INDEX);
  const engine = workerEngine(bundle, env);
  const { AI: ai, VECTORIZE: vectorize } = env;
  const log = (line: object) => console.log(JSON.stringify({ time: new Date().toISOString(), ...line }));
  const answerLog = env.DB && config.retentionDays > 0
    ? await openD1AnswerLog(env.DB, { storeQuestions: config.storeQuestions, retentionDays: config.retentionDays }, (message) => log({ level: 'error', message }))
    : undefined;
  return createApp({
    engine: () => engine,
    answerer: await answererFor(config.openai, async () => bundle.prompts, (message) => log({ level: 'warn', message })),
    widget: bundle.widget,
    answerCache: config.answerCache,
    adminScript: bundle.adminScript,
    answerLog,
    corsOrigins: config.corsOrigins,
    rateLimit: config.rateLimit,
    clientKey: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    apiKeys: config.apiKeys,
    admin: config.adminToken
      ? {
          token: config.adminToken,
          syncVectors: ai && vectorize ? () => syncVectorize(ai, vectorize, namespaceOf(bundle), bundle.parts.chunks.map(indexedText)) : undefined,
        }
      : undefined,
    requestLog: (entry) => log({ level: 'info', ...entry }),
    logQuestions: config.logQuestions,
    requestTimeoutMs: config.requestTimeoutMs,
    log: (message, error) => log({ level: 'error', message, ...(error === undefined ? {} : { error: error instanceof Error ? error.stack : String(error) }) }),
  });
}

/**
 * The bundled index, searched in the isolate; with both AI and VECTORIZE bound, questions are embedded
 * by Workers AI (bge-m3) and their neighbours come from Vectorize (filled by POST /admin/sync-vectors).
 */
function workerEngine(bundle: WorkerBundle, env: WorkerEnv): SearchEngine {
  const { parts } = bundle;
  const analyzer = createAnalyzer(openQueryDictionary(parts.queryDictionary));
  if (env.AI && env.VECTORIZE) {
    return createEngine({ parts, analyzer, vectors: createVectorizeSearch(env.VECTORIZE, namespaceOf(bundle)), embeddings: new WorkersAiEmbeddings(env.AI) });
  }
  return createEngine({ parts, analyzer });
}

function namespaceOf(bundle: WorkerBundle): string {
  return `corpus-${bundle.parts.manifest.corpusHash.slice(0, 16)}`;
}
