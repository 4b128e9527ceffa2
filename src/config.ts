import { appError } from './errors.js';

export interface OpenAiConfig {
  apiKey: string;
  baseURL: string | null;
  model: string;
  /** Set to embed with the service too; otherwise the local embedder stays. */
  embeddingModel: string | null;
  /** After this long a generation is abandoned and the extractive answer given. */
  timeoutMs: number;
}

export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  indexDir: string;
  openai: OpenAiConfig | null;
  corsOrigins: string[];
  /** Requests per minute per client; 0 disables. */
  rateLimit: number;
  apiKeys: string[];
  /** Bearer token for /admin/*; admin routes do not exist without it. */
  adminToken: string | null;
  /** Whether request logs may carry the question text. */
  logQuestions: boolean;
  requestTimeoutMs: number;
  /** Processes `npm start` serves with (Node's cluster); 0 = one per core. */
  webConcurrency: number;
  /** Threads `npm run ingest` analyses the corpus with (INGEST_THREADS); 0 = one per core. */
  ingestThreads: number;
  /** EDICT, the Japanese–English dictionary ingest reads English glosses from (EDICT_FILE). */
  edictFile: string;
  /** Where Node keeps the answer log (answers.db). */
  dataDir: string;
  /** Whether the answer log keeps question text (masked) and answer text. */
  storeQuestions: boolean;
  /** Answers older than this many days are deleted; 0 stores nothing. */
  retentionDays: number;
  /**
   * How many extractive answers are remembered (ANSWER_CACHE): a question asked again is answered without
   * being worked out again. Generated (OpenAI) answers are never cached: a fallback after a timeout would stick.
   */
  answerCache: number;
}

type Env = Record<string, string | undefined>;

/** Where Debian's `edict` package (`apt-get install edict`) puts EDICT. */
export const EDICT_FILE = '/usr/share/edict/edict';

/**
 * The only place environment strings become numbers and lists. Misconfiguration fails here, with the fix.
 *
 * @example parseConfig({ PORT: '9000' }).port // 9000
 */
export function parseConfig(env: Env): Config {
  const apiKey = env.OPENAI_API_KEY?.trim();
  return {
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    corpusDir: env.CORPUS_DIR?.trim() || 'corpus',
    indexDir: env.INDEX_DIR?.trim() || 'index',
    openai: apiKey
      ? {
          apiKey,
          baseURL: env.OPENAI_BASE_URL?.trim() || null,
          model: env.OPENAI_MODEL?.trim() || 'gpt-4o-mini',
          embeddingModel: env.OPENAI_EMBEDDING_MODEL?.trim() || null,
          timeoutMs: integer(env, 'OPENAI_TIMEOUT_MS', 20_000, 100, 600_000),
        }
      : null,
    corsOrigins: list(env.CORS_ORIGINS),
    // High enough that batch tools (evaluation, help-desk imports) pass; a scripted flood does not.
    rateLimit: integer(env, 'RATE_LIMIT', 1000, 0, 1_000_000),
    apiKeys: list(env.API_KEYS),
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    logQuestions: env.LOG_QUESTIONS === '1',
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    webConcurrency: env.WEB_CONCURRENCY?.trim() === 'auto' ? 0 : integer(env, 'WEB_CONCURRENCY', 1, 1, 64),
    ingestThreads: integer(env, 'INGEST_THREADS', 0, 0, 64),
    edictFile: env.EDICT_FILE?.trim() || EDICT_FILE,
    dataDir: env.DATA_DIR?.trim() || 'data',
    storeQuestions: flag(env, 'STORE_QUESTIONS', true),
    retentionDays: integer(env, 'RETENTION_DAYS', 90, 0, 3650),
    answerCache: apiKey ? 0 : integer(env, 'ANSWER_CACHE', 1000, 0, 1_000_000),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw appError('CONFIG_INVALID', `${name} must be an integer from ${min} to ${max}, e.g. ${name}=${fallback}; got "${raw}"`);
  }
  return n;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw === '1' || raw === '0') return raw === '1';
  throw appError('CONFIG_INVALID', `${name} must be 1 or 0, e.g. ${name}=${fallback ? 1 : 0}; got "${raw}"`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
