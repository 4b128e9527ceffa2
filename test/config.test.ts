import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('defaults to the embedded, offline setup', () => {
    expect(parseConfig({})).toEqual({
      port: 8787, host: '127.0.0.1', corpusDir: 'corpus', indexDir: 'index', openai: null, corsOrigins: [], rateLimit: 1000, apiKeys: [],
      adminToken: null, logQuestions: false, requestTimeoutMs: 30000, webConcurrency: 1, ingestThreads: 0, edictFile: '/usr/share/edict/edict', dataDir: 'data', storeQuestions: true, retentionDays: 90,
      answerCache: 1000,
    });
  });

  it('reads the contract variables', () => {
    const c = parseConfig({
      PORT: '9000', HOST: '0.0.0.0', CORPUS_DIR: 'docs', INDEX_DIR: '/tmp/ix', CORS_ORIGINS: 'https://a.jp, https://b.jp', RATE_LIMIT: '0', API_KEYS: 'k1,k2',
      OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_EMBEDDING_MODEL: 'e',
    });
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', corpusDir: 'docs', indexDir: '/tmp/ix', corsOrigins: ['https://a.jp', 'https://b.jp'], rateLimit: 0, apiKeys: ['k1', 'k2'] });
    expect(c.openai).toEqual({ apiKey: 'sk', baseURL: 'http://127.0.0.1:1/v1', model: 'gpt-4o-mini', embeddingModel: 'e', timeoutMs: 20000 });
  });

  it('reads WEB_CONCURRENCY as a count, or auto for one process per core', () => {
    expect(parseConfig({ WEB_CONCURRENCY: '4' }).webConcurrency).toBe(4);
    expect(parseConfig({ WEB_CONCURRENCY: 'auto' }).webConcurrency).toBe(0);
  });

  it('reads the answer log variables: DATA_DIR, STORE_QUESTIONS, RETENTION_DAYS (0 stores nothing)', () => {
    expect(parseConfig({ DATA_DIR: '/var/lib/madoguchi', STORE_QUESTIONS: '0', RETENTION_DAYS: '30' })).toMatchObject({ dataDir: '/var/lib/madoguchi', storeQuestions: false, retentionDays: 30 });
    expect(parseConfig({ STORE_QUESTIONS: '1', RETENTION_DAYS: '0' })).toMatchObject({ storeQuestions: true, retentionDays: 0 });
  });

  it('remembers 1,000 extractive answers unless ANSWER_CACHE says otherwise, and none with an OpenAI key', () => {
    expect(parseConfig({ ANSWER_CACHE: '0' }).answerCache).toBe(0);
    expect(parseConfig({ ANSWER_CACHE: '50000' }).answerCache).toBe(50000);
    expect(parseConfig({ OPENAI_API_KEY: 'sk', ANSWER_CACHE: '50000' }).answerCache).toBe(0);
  });

  it.each(['yes', 'true', '2'])('refuses STORE_QUESTIONS=%s with the fix in the message', (value) => {
    expect(() => parseConfig({ STORE_QUESTIONS: value })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('STORE_QUESTIONS must be 1 or 0') }));
  });

  it.each([['PORT', 'abc'], ['PORT', '70000'], ['RATE_LIMIT', '-1'], ['RATE_LIMIT', '1.5'], ['WEB_CONCURRENCY', '0'], ['RETENTION_DAYS', '-1'], ['RETENTION_DAYS', '7.5'], ['RETENTION_DAYS', '3651'], ['ANSWER_CACHE', '-1']])('refuses %s=%s with the fix in the message', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(`${name} must be an integer`) }));
  });
});
