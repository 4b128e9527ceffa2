import { unavailableLog, type AnswerLog } from '../../answer-log/answer-log.js';
import { createSqlAnswerLog, schemaVersion, SCHEMA_VERSION, type SqlAnswerLogOptions, type SqlDatabase } from '../../answer-log/sql-answer-log.js';
import { isAppError } from '../../errors.js';

/** The part of the D1 binding (`D1Database`, as `wrangler types` declares it) the answer log calls. */
export interface D1Binding {
  prepare(query: string): {
    bind(...values: unknown[]): {
      run(): Promise<{ meta: { changes: number } }>;
      all<T>(): Promise<{ results: T[] }>;
    };
  };
}

/** D1 behind the answer log's SQL interface. */
export function d1Database(db: D1Binding): SqlDatabase {
  return {
    run: async (sql, params) => (await db.prepare(sql).bind(...params).run()).meta.changes,
    all: async <T>(sql: string, params: (string | number | null)[]) => (await db.prepare(sql).bind(...params).all<T>()).results,
  };
}

/**
 * The answer log in the D1 database bound as DB, whose schema `wrangler d1 migrations apply DB` writes
 * from migrations/. A database not yet migrated, or not reachable, is reported and leaves a log that
 * answers STORAGE_UNAVAILABLE (answers are still served); one from a newer build is refused
 * (STORAGE_VERSION_MISMATCH), as on Node.
 */
export async function openD1AnswerLog(db: D1Binding, options: Partial<SqlAnswerLogOptions>, report: (message: string) => void): Promise<AnswerLog> {
  const sql = d1Database(db);
  let version: number;
  try {
    version = await schemaVersion(sql, 'the D1 database bound as DB');
  } catch (e) {
    if (!isAppError(e) || e.code === 'STORAGE_VERSION_MISMATCH') throw e;
    report(`${e.message}; answers are still served, feedback answers 503`);
    return unavailableLog(e.message);
  }
  if (version < SCHEMA_VERSION) {
    const reason = `the D1 database bound as DB is at schema version ${version}, this build needs ${SCHEMA_VERSION}: run \`npx wrangler d1 migrations apply DB --remote\` (--local for wrangler dev)`;
    report(`${reason}; answers are still served, feedback answers 503`);
    return unavailableLog(reason);
  }
  return createSqlAnswerLog(sql, options);
}
