import { appError, isAppError } from '../errors.js';
import type { AnswerLog, AnswerRecord, LoggedQuestion, QuestionFilter, TimeRange } from './answer-log.js';
import { maskPersonal } from './mask.js';

/** The schema this build reads and writes: the highest numbered file in migrations/. */
export const SCHEMA_VERSION = 1;

type Value = string | number | null;

/** The little a SQLite database must do for the answer log: better-sqlite3 on Node, D1 on Workers. */
export interface SqlDatabase {
  /** Runs one statement; resolves with the number of rows it changed. */
  run(sql: string, params: Value[]): Promise<number>;
  all<T>(sql: string, params: Value[]): Promise<T[]>;
}

export interface SqlAnswerLogOptions {
  /** Keep question and answer text (questions masked); off, only the answer's facts are kept. */
  storeQuestions: boolean;
  /** Answers older than this are deleted (checked on a write, at most once an hour). */
  retentionDays: number;
  now: () => number;
}

const DEFAULTS: SqlAnswerLogOptions = { storeQuestions: true, retentionDays: 90, now: Date.now };
const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
// Staff read days in Japan time.
const JST = "'+9 hours'";
const DAY = `date(time / 1000, 'unixepoch', ${JST})`;
const LATEST_RATING = '(SELECT f.rating FROM feedback f WHERE f.answer_id = a.id ORDER BY f.seq DESC LIMIT 1)';
const LATEST_COMMENT = '(SELECT f.comment FROM feedback f WHERE f.answer_id = a.id AND f.comment IS NOT NULL ORDER BY f.seq DESC LIMIT 1)';

interface Row {
  id: string;
  time: number;
  mode: LoggedQuestion['mode'];
  generator: LoggedQuestion['generator'];
  answerable: number;
  programs: string;
  latency_ms: number;
  question: string | null;
  answer: string | null;
  rating: LoggedQuestion['rating'];
  comment: string | null;
}

/**
 * The answer log over any SQLite database whose schema is at SCHEMA_VERSION. A database error becomes
 * STORAGE_UNAVAILABLE, with the database's own reason in the message.
 *
 * @example const log = createSqlAnswerLog(betterSqliteDatabase(db), { retentionDays: 30 });
 */
export function createSqlAnswerLog(db: SqlDatabase, options: Partial<SqlAnswerLogOptions> = {}): AnswerLog {
  const { storeQuestions, retentionDays, now } = { ...DEFAULTS, ...options };
  let prunedAt = -Infinity;

  async function prune(): Promise<void> {
    const t = now();
    if (t - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = t;
    const before = t - retentionDays * DAY_MS;
    await db.run('DELETE FROM feedback WHERE answer_id IN (SELECT id FROM answers WHERE time < ?)', [before]);
    await db.run('DELETE FROM answers WHERE time < ?', [before]);
  }

  return {
    record: (a: AnswerRecord) =>
      guard(async () => {
        await prune();
        await db.run(
          'INSERT INTO answers (id, time, mode, generator, answerable, program, programs, latency_ms, question, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [a.id, a.time, a.mode, a.generator, a.answerable ? 1 : 0, a.programs[0] ?? null, JSON.stringify(a.programs), a.latencyMs, storeQuestions ? maskPersonal(a.question) : null, storeQuestions ? a.answer : null],
        );
      }),
    feedback: (id, rating, comment) =>
      guard(async () => (await db.run('INSERT INTO feedback (answer_id, time, rating, comment) SELECT id, ?, ?, ? FROM answers WHERE id = ?', [now(), rating, comment, id])) > 0),
    questions: (filter: QuestionFilter) =>
      guard(async () => {
        const [where, params] = range(filter);
        const refused = filter.status === 'refused' ? ' AND a.answerable = 0' : '';
        const down = filter.status === 'down' ? " WHERE rating = 'down'" : '';
        const rows = await db.all<Row>(
          `SELECT * FROM (SELECT a.id, a.time, a.mode, a.generator, a.answerable, a.programs, a.latency_ms, a.question, a.answer, ${LATEST_RATING} AS rating, ${LATEST_COMMENT} AS comment FROM answers a WHERE ${where}${refused})${down} ORDER BY time DESC, id LIMIT ?`,
          [...params, filter.limit],
        );
        return rows.map(logged);
      }),
    summary: (r: TimeRange) =>
      guard(async () => {
        const [where, params] = range(r);
        const [totals] = await db.all<{ answers: number; answered: number | null }>(`SELECT count(*) AS answers, sum(answerable) AS answered FROM answers a WHERE ${where}`, params);
        const ratings = await db.all<{ rating: string; n: number }>(`SELECT rating, count(*) AS n FROM (SELECT ${LATEST_RATING} AS rating FROM answers a WHERE ${where}) WHERE rating IS NOT NULL GROUP BY rating`, params);
        const days = await db.all<{ day: string; answers: number; answered: number }>(`SELECT ${DAY} AS day, count(*) AS answers, sum(answerable) AS answered FROM answers a WHERE ${where} GROUP BY day ORDER BY day`, params);
        const programs = await db.all<{ id: string; questions: number }>(`SELECT program AS id, count(*) AS questions FROM answers a WHERE ${where} AND answerable = 1 AND program IS NOT NULL GROUP BY program ORDER BY questions DESC, program LIMIT 100`, params);
        const count = (rating: string) => ratings.find((x) => x.rating === rating)?.n ?? 0;
        const answers = totals?.answers ?? 0;
        const answered = totals?.answered ?? 0;
        return { totals: { answers, answered, refused: answers - answered, up: count('up'), down: count('down') }, days, programs };
      }),
  };
}

/**
 * The schema version a database is at (0 when it has none); newer than this build refuses with
 * STORAGE_VERSION_MISMATCH, saying where.
 */
export async function schemaVersion(db: SqlDatabase, where: string): Promise<number> {
  const tables = await guard(() => db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", []));
  const version = tables.length ? ((await guard(() => db.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations', [])))[0]?.v ?? 0) : 0;
  if (version > SCHEMA_VERSION) {
    throw appError('STORAGE_VERSION_MISMATCH', `${where} is at schema version ${version}; this build knows versions up to ${SCHEMA_VERSION}: run the build that wrote it, or move it away to start a new log`);
  }
  return version;
}

function range(r: TimeRange): [string, Value[]] {
  return ['a.time >= ? AND a.time < ?', [r.since ?? 0, r.until ?? Number.MAX_SAFE_INTEGER]];
}

function logged(row: Row): LoggedQuestion {
  return {
    id: row.id,
    time: new Date(row.time).toISOString(),
    mode: row.mode,
    generator: row.generator,
    answerable: row.answerable === 1,
    programs: JSON.parse(row.programs) as string[],
    latencyMs: row.latency_ms,
    question: row.question,
    answer: row.answer,
    rating: row.rating,
    comment: row.comment,
  };
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isAppError(e)) throw e;
    const code = (e as { code?: unknown }).code;
    throw appError('STORAGE_UNAVAILABLE', `the answer log cannot be read or written: ${typeof code === 'string' ? `${code}: ` : ''}${e instanceof Error ? e.message : String(e)}`, e);
  }
}
