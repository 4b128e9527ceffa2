import type BetterSqlite3 from 'better-sqlite3';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unavailableLog, type AnswerLog } from '../../answer-log/answer-log.js';
import { createSqlAnswerLog, schemaVersion, SCHEMA_VERSION, type SqlAnswerLogOptions, type SqlDatabase } from '../../answer-log/sql-answer-log.js';
import type { Config } from '../../config.js';
import { appError, isAppError } from '../../errors.js';

/** The SQL files D1 is migrated with too (`wrangler d1 migrations apply`), applied in order of their number. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '../../../migrations');

type Driver = typeof BetterSqlite3;

async function betterSqlite3(): Promise<Driver> {
  try {
    // A CommonJS native addon: its export arrives as the default export.
    const mod = (await import('better-sqlite3')) as unknown as { default?: Driver } & Driver;
    return mod.default ?? mod;
  } catch (cause) {
    throw appError('STORAGE_UNAVAILABLE', 'better-sqlite3 could not be loaded: run `npm install` (it builds a native module with node-gyp)', cause);
  }
}

/**
 * The answer log `npm start` keeps: none with RETENTION_DAYS=0; a database that cannot be opened (an
 * unwritable DATA_DIR, a full disk) is reported and leaves a log that answers STORAGE_UNAVAILABLE, so
 * answers are still served. A database from a newer build stops the start (STORAGE_VERSION_MISMATCH).
 */
export async function answerLogFor(config: Config, report: (message: string) => void): Promise<AnswerLog | undefined> {
  if (config.retentionDays === 0) return undefined;
  try {
    return await openSqliteAnswerLog(config.dataDir, { storeQuestions: config.storeQuestions, retentionDays: config.retentionDays });
  } catch (e) {
    if (isAppError(e) && e.code === 'STORAGE_VERSION_MISMATCH') throw e;
    const code = (e as { code?: unknown }).code;
    const reason = `the answer log in ${config.dataDir} cannot be opened: ${typeof code === 'string' ? `${code}: ` : ''}${e instanceof Error ? e.message : String(e)}`;
    report(`${reason}; answers are still served, feedback answers 503`);
    return unavailableLog(reason);
  }
}

/**
 * DATA_DIR/answers.db as the answer log: WAL with synchronous=NORMAL (a write is one append to the
 * log, and a committed one survives the process being killed), migrated to this build's schema. A file
 * from a newer build is refused (STORAGE_VERSION_MISMATCH).
 *
 * @example const log = await openSqliteAnswerLog('data', { retentionDays: 90, storeQuestions: true });
 */
export async function openSqliteAnswerLog(dataDir: string, options: Partial<SqlAnswerLogOptions> = {}): Promise<AnswerLog> {
  await mkdir(dataDir, { recursive: true });
  const Database = await betterSqlite3();
  const file = join(dataDir, 'answers.db');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The log is copied into the file every 10,000 pages rather than 1,000: a page written by many answers
    // in between (the id index's, the table's last) is copied once.
    db.pragma('wal_autocheckpoint = 10000');
    // A cluster's servers share the file: a writer waits for another's transaction instead of failing.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    await migrate(db, file);
  } catch (e) {
    db.close();
    throw e;
  }
  return createSqlAnswerLog(sqliteDatabase(db), options);
}

/**
 * better-sqlite3 behind the answer log's SQL interface, each statement prepared once. Writes wait for the
 * end of the event loop's turn and are committed together, in one transaction: under load one commit
 * holds the answers of every request of that turn, instead of one commit (and its pages written to the
 * log again) per answer. A write resolves once it is committed; a read first commits the writes before it.
 * When a batch fails, its writes are tried again one by one, so each gets its own result or error.
 */
export function sqliteDatabase(db: BetterSqlite3.Database): SqlDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  type Write = { sql: string; params: (string | number | null)[]; resolve: (changes: number) => void; reject: (e: unknown) => void };
  let pending: Write[] = [];
  const runOne = (w: Write) => {
    try {
      w.resolve(prepared(w.sql).run(...w.params).changes);
    } catch (e) {
      w.reject(e);
    }
  };
  const commit = () => {
    const batch = pending;
    pending = [];
    if (batch.length <= 1) return batch.forEach(runOne);
    let changes: number[];
    try {
      db.exec('BEGIN');
      changes = batch.map((w) => prepared(w.sql).run(...w.params).changes);
      db.exec('COMMIT');
    } catch {
      if (db.inTransaction) db.exec('ROLLBACK');
      return batch.forEach(runOne);
    }
    batch.forEach((w, i) => w.resolve(changes[i]!));
  };
  return {
    run: (sql, params) =>
      new Promise<number>((resolve, reject) => {
        if (pending.push({ sql, params, resolve, reject }) === 1) setImmediate(commit);
      }),
    all: async <T>(sql: string, params: (string | number | null)[]) => {
      if (pending.length) commit();
      return prepared(sql).all(...params) as T[];
    },
  };
}

/**
 * Applies the migrations the database lacks, in one immediate transaction (a second process starting
 * at the same moment waits, then finds them applied). Returns the version it is at.
 */
export async function migrate(db: BetterSqlite3.Database, where: string, dir = MIGRATIONS_DIR): Promise<number> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const scripts = await Promise.all(files.map(async (f) => ({ version: Number(f.slice(0, 4)), sql: await readFile(join(dir, f), 'utf8') })));
  if (scripts.at(-1)?.version !== SCHEMA_VERSION) throw appError('INTERNAL', `${dir} ends at version ${scripts.at(-1)?.version ?? 0}; this build's schema is version ${SCHEMA_VERSION}`);
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = await schemaVersion(sqliteDatabase(db), where);
    for (const { version, sql } of scripts) if (version > current) db.exec(sql);
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  return SCHEMA_VERSION;
}
