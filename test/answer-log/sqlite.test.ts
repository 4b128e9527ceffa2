import Database from 'better-sqlite3';
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLogFor, migrate, MIGRATIONS_DIR, openSqliteAnswerLog, sqliteDatabase } from '../../src/adapter/node/sqlite-answer-log.js';
import { createSqlAnswerLog, SCHEMA_VERSION } from '../../src/answer-log/sql-answer-log.js';
import { parseConfig } from '../../src/config.js';
import { tempDir } from '../helpers.js';
import { entry, runAnswerLogContract } from './answer-log.case.js';

runAnswerLogContract('SQLite (better-sqlite3, WAL)', async (options) => openSqliteAnswerLog(await tempDir('madoguchi-log-'), options));

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);

describe('SQLite answer log file', () => {
  it('gives a fresh database the schema, in WAL mode, and keeps it and its rows on the next start', async () => {
    const dir = await tempDir('madoguchi-log-');
    const log = await openSqliteAnswerLog(dir);
    const a = entry();
    await log.record(a);
    const db = new Database(join(dir, 'answers.db'));
    expect(tables(db)).toEqual(['answers', 'feedback', 'schema_migrations']);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = await openSqliteAnswerLog(dir);
    expect((await again.questions({ status: 'all', limit: 10 })).map((q) => q.id)).toEqual([a.id]);
  });

  it('refuses a database whose schema is newer than this build: STORAGE_VERSION_MISMATCH, the file untouched', async () => {
    const dir = await tempDir('madoguchi-log-');
    await openSqliteAnswerLog(dir);
    const db = new Database(join(dir, 'answers.db'));
    db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, 'later')").run(SCHEMA_VERSION + 1);
    db.close();
    await expect(openSqliteAnswerLog(dir)).rejects.toMatchObject({ code: 'STORAGE_VERSION_MISMATCH', message: expect.stringContaining(`schema version ${SCHEMA_VERSION + 1}`) });
    // And `npm start` stops on it rather than serving without its log.
    await expect(answerLogFor(parseConfig({ DATA_DIR: dir }), () => {})).rejects.toMatchObject({ code: 'STORAGE_VERSION_MISMATCH' });
  });

  it('applies only the migrations a database lacks, numbered as SCHEMA_VERSION says', async () => {
    expect((await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort().at(-1)).toMatch(new RegExp(`^${String(SCHEMA_VERSION).padStart(4, '0')}_`));
    const dir = await tempDir('madoguchi-migrations-');
    for (const f of await readdir(MIGRATIONS_DIR)) await copyFile(join(MIGRATIONS_DIR, f), join(dir, f));
    const db = new Database(':memory:');
    expect(await migrate(db, 'memory', dir)).toBe(SCHEMA_VERSION);
    expect(await migrate(db, 'memory', dir)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: SCHEMA_VERSION });
    // A file the build does not know of is a build mistake, refused before anything is applied.
    await writeFile(join(dir, `${String(SCHEMA_VERSION + 1).padStart(4, '0')}_next.sql`), 'CREATE TABLE next (x);');
    await expect(migrate(new Database(':memory:'), 'memory', dir)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a full disk or a read-only file: writes reject with STORAGE_UNAVAILABLE and SQLite\'s reason', async () => {
    const dir = await tempDir('madoguchi-log-');
    await (await openSqliteAnswerLog(dir)).record(entry({ time: Date.now() }));
    const file = join(dir, 'answers.db');
    // max_page_count at the pages in use is SQLite's own full disk: SQLITE_FULL on the next page.
    const full = new Database(file);
    full.pragma(`max_page_count = ${full.pragma('page_count', { simple: true })}`);
    const log = createSqlAnswerLog(sqliteDatabase(full));
    const big = async () => {
      for (let i = 0; i < 50; i++) await log.record(entry({ time: Date.now(), answer: 'あ'.repeat(4000) }));
    };
    await expect(big()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringContaining('SQLITE_FULL') });
    const readOnly = createSqlAnswerLog(sqliteDatabase(new Database(file, { readonly: true })));
    await expect(readOnly.feedback('x', 'up', null)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringContaining('SQLITE_READONLY') });
    expect((await readOnly.questions({ status: 'all', limit: 10 })).length).toBe(1);
  });

  it('commits the answers of one turn of the event loop in one transaction, each resolved once committed', async () => {
    const dir = await tempDir('madoguchi-log-');
    await openSqliteAnswerLog(dir);
    const db = new Database(join(dir, 'answers.db'));
    const said: string[] = [];
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => (said.push(sql), exec(sql));
    const log = createSqlAnswerLog(sqliteDatabase(db), { retentionDays: 90 });
    const burst = Array.from({ length: 30 }, () => entry({ time: Date.now() }));
    await Promise.all(burst.map((a) => log.record(a)));
    // The first write also prunes (once an hour): its DELETEs are in the same transaction.
    expect(said).toEqual(['BEGIN', 'COMMIT']);
    const other = new Database(join(dir, 'answers.db'), { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 30 });
  });

  it('a DATA_DIR that cannot be made is reported and leaves a log that answers STORAGE_UNAVAILABLE', async () => {
    const file = join(await tempDir('madoguchi-log-'), 'a-file');
    await writeFile(file, '');
    const said: string[] = [];
    const log = await answerLogFor(parseConfig({ DATA_DIR: join(file, 'data') }), (m) => said.push(m));
    expect(said).toEqual([expect.stringContaining('ENOTDIR')]);
    await expect(log!.feedback('x', 'up', null)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringContaining('ENOTDIR') });
    expect(await answerLogFor(parseConfig({ DATA_DIR: file, RETENTION_DAYS: '0' }), () => {})).toBeUndefined();
  });
});
