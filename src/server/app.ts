import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { allowOrigins } from './cors.js';
import { bearer, rateLimit, requestLog, type RequestLog } from './guards.js';
import { adminRoutes, type AdminActions } from './routes/admin.js';
import { timeout } from './timeout.js';
import { isAppError } from '../errors.js';
import type { SearchEngine } from '../retrieve/engine.js';
import { errorBody } from './respond.js';
import { catalogRoutes } from './routes/catalog.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import { askRoutes } from './routes/ask.js';
import { docsRoutes } from './routes/docs.js';
import { mcpRoutes } from './routes/mcp.js';
import { openAiRoutes } from './routes/openai.js';
import { widgetRoutes } from './routes/widget.js';
import { cachingAnswers } from '../answer/answer-cache.js';
import { createExtractiveAnswerer } from '../answer/extractive.js';
import type { Answerer } from '../answer/types.js';
import type { AnswerLog } from '../answer-log/answer-log.js';
import { recording, type IdentifiedAnswerer } from '../answer-log/recording.js';
import { feedbackRoutes } from './routes/feedback.js';

/** Everything the app needs from its runtime. The app itself never opens a file or builds a client. */
export interface AppDeps {
  /** The engine in service, or null while none is loaded (routes then answer 503 NOT_READY). */
  engine: () => SearchEngine | null;
  /** The answerer for an engine; the extractive one by default. */
  answerer?: (engine: SearchEngine) => Answerer;
  /** How many answers of a deterministic answerer are remembered per engine (ANSWER_CACHE); none when 0 or unset. */
  answerCache?: number;
  /** The built widget script, served at /widget.js with the demo page at /. */
  widget?: string;
  /** The built staff page script: with `admin`, GET /admin serves the staff page. */
  adminScript?: string;
  /**
   * Where answers and the feedback on them are kept. Without it answers still carry an id, nothing is
   * stored, and /api/feedback and /admin/api/* answer 503 STORAGE_DISABLED.
   */
  answerLog?: AnswerLog;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); none when empty. */
  corsOrigins?: string[];
  /** Requests per minute per client on /api (RATE_LIMIT); 0 or unset disables. */
  rateLimit?: number;
  /** The client's key for rate limiting (its address); one shared key when the runtime cannot tell. */
  clientKey?: (c: Context) => string;
  /** When non-empty, /api requires `Authorization: Bearer` with one of these (API_KEYS). */
  apiKeys?: string[];
  /** /admin/*, behind its own token (ADMIN_TOKEN): the staff page, reload the index, fill an external vector store. */
  admin?: AdminActions;
  /** Where the per-request log lines go; none when unset. */
  requestLog?: (entry: RequestLog) => void;
  logQuestions?: boolean;
  /** A request still running after this long gets 503 TIMEOUT. */
  requestTimeoutMs?: number;
  /** Where unexpected errors go; the client only sees a generic 500. */
  log?: (message: string, error: unknown) => void;
}

export type AppEnv = { Variables: { engine: SearchEngine } };

/**
 * The Hono app, the same on Node and Workers.
 *
 * @example serve({ fetch: createApp({ engine: () => engine }).fetch, port: 8787 });
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = deps.log ?? ((message, error) => console.error(message, error));

  if (deps.requestLog) app.use('*', requestLog(deps.requestLog, deps.logQuestions ?? false));
  app.use('*', secureHeaders(SECURE_HEADERS));
  if (deps.requestTimeoutMs) app.use('*', timeout(deps.requestTimeoutMs));
  app.route('/', healthRoutes(deps));
  app.route('/', docsRoutes());
  if (deps.widget !== undefined) app.route('/', widgetRoutes(deps.widget));
  if (deps.admin) app.route('/admin', adminRoutes(deps.admin, { answerLog: deps.answerLog, engine: deps.engine, script: deps.adminScript }));
  const cors = allowOrigins(deps.corsOrigins ?? []);
  const makeAnswerer = deps.answerer ?? createExtractiveAnswerer;
  const answerer = memoized((engine) => recording(cachingAnswers(makeAnswerer(engine), deps.answerCache ?? 0), deps.answerLog, log));
  // One limiter for both APIs: a client's budget is per minute, whichever door it uses.
  const limiter = deps.rateLimit ? rateLimit(deps.rateLimit, deps.clientKey ?? (() => 'all')) : null;
  // '/mcp/*' matches /mcp itself too.
  for (const prefix of ['/api/*', '/v1/*', '/mcp/*']) {
    app.use(prefix, cors);
    if (deps.apiKeys?.length) app.use(prefix, bearer(deps.apiKeys));
    if (limiter) app.use(prefix, limiter);
    app.use(prefix, async (c, next) => {
      const engine = deps.engine();
      if (!engine) return errorBody(c, 'NOT_READY', 'the index is not loaded yet; try again shortly');
      c.set('engine', engine);
      await next();
    });
  }
  app.route('/api', searchRoutes());
  app.route('/api', askRoutes(answerer));
  app.route('/api', catalogRoutes());
  app.route('/api', feedbackRoutes(deps.answerLog, log));
  app.route('/v1', openAiRoutes(answerer));
  app.route('/mcp', mcpRoutes(answerer));

  app.notFound((c) => errorBody(c, 'NOT_FOUND', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((err, c) => {
    if (isAppError(err)) return errorBody(c, err.code, err.message);
    log('unexpected error', err);
    return errorBody(c, 'INTERNAL', 'unexpected error');
  });
  return app;
}

// The widget script is loaded by other sites: cross-origin resource policy must allow it. The demo page
// runs only its own script; the widget's shadow stylesheet is inline.
const SECURE_HEADERS: Parameters<typeof secureHeaders>[0] = {
  crossOriginResourcePolicy: 'cross-origin',
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    frameAncestors: ["'self'"],
  },
};

/** One answerer per engine, made on first use (an engine is replaced whole on reload). */
function memoized(make: (engine: SearchEngine) => IdentifiedAnswerer): (engine: SearchEngine) => IdentifiedAnswerer {
  const made = new WeakMap<SearchEngine, IdentifiedAnswerer>();
  return (engine) => {
    let a = made.get(engine);
    if (!a) made.set(engine, (a = make(engine)));
    return a;
  };
}
