import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1Database, openD1AnswerLog, type D1Binding } from '../../src/adapter/worker/d1-answer-log.js';
import { ROOT, tempDir } from '../helpers.js';
import { migrateLocalD1 } from '../worker/local-worker.js';
import { runAnswerLogContract } from './answer-log.case.js';

let proxy: Awaited<ReturnType<typeof getPlatformProxy<{ DB: D1Binding }>>>;
let persist: string;
beforeAll(async () => {
  persist = join(await tempDir('madoguchi-d1-'), 'state');
  await migrateLocalD1(persist);
  proxy = await getPlatformProxy<{ DB: D1Binding }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(persist, 'v3') } });
});
afterAll(async () => {
  await proxy?.dispose();
});

const reports: string[] = [];
// One local D1 database migrated by wrangler; each test starts from empty tables.
runAnswerLogContract('D1 (wrangler local)', async (options) => {
  const db = d1Database(proxy.env.DB);
  await db.run('DELETE FROM feedback', []);
  await db.run('DELETE FROM answers', []);
  return openD1AnswerLog(proxy.env.DB, options, (m) => reports.push(m));
});

describe('D1 schema versions', () => {
  it('refuses a database from a newer build (STORAGE_VERSION_MISMATCH); one not migrated leaves a log that answers STORAGE_UNAVAILABLE', async () => {
    const db = d1Database(proxy.env.DB);
    await db.run("INSERT INTO schema_migrations (version, applied_at) VALUES (2, 'later')", []);
    try {
      await expect(openD1AnswerLog(proxy.env.DB, {}, () => {})).rejects.toMatchObject({ code: 'STORAGE_VERSION_MISMATCH' });
    } finally {
      await db.run('DELETE FROM schema_migrations WHERE version = 2', []);
    }
    const said: string[] = [];
    const bare = await getPlatformProxy<{ DB: D1Binding }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(await tempDir('madoguchi-d1-bare-'), 'v3') } });
    try {
      const log = await openD1AnswerLog(bare.env.DB, {}, (m) => said.push(m));
      await expect(log.feedback('x', 'up', null)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      expect(said).toEqual([expect.stringContaining('wrangler d1 migrations apply DB')]);
    } finally {
      await bare.dispose();
    }
  });
});
