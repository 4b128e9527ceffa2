import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AnswerLog, LoggedQuestion } from '../../answer-log/answer-log.js';
import { toCsv } from '../../answer-log/csv.js';
import { groupTopics } from '../../answer-log/topics.js';
import { appError } from '../../errors.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import { only } from './methods.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const QUESTION_LIMIT = 100_000;
/** How many refused questions the summary groups into topics, and how many commented 👎 it lists. */
const SUMMARY_QUESTIONS = 5000;
const SUMMARY_COMMENTS = 200;
const LIMIT = `limit is an integer from 1 to ${QUESTION_LIMIT}`;

// A day is a day in Japan (00:00 JST); `until` includes the day it names. A full ISO time is taken as it is.
const instant = (edge: 'since' | 'until') =>
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(DAY.test(s) ? `${s}T00:00:00+09:00` : s)), { error: `${edge} is a day (2026-04-01) or an ISO time (2026-04-01T09:00:00+09:00)` })
    .transform((s) => (DAY.test(s) ? Date.parse(`${s}T00:00:00+09:00`) + (edge === 'until' ? DAY_MS : 0) : Date.parse(s)))
    .describe(edge === 'since' ? 'from this day (Japan time, 2026-04-01) or ISO time on' : 'up to and including this day (Japan time), or up to this ISO time');

export const rangeSchema = z.object({ since: instant('since').optional(), until: instant('until').optional() });
export const questionsSchema = rangeSchema.extend({
  status: z.enum(['refused', 'down', 'all'], { error: 'status is refused, down or all' }).default('all'),
  limit: z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(QUESTION_LIMIT, LIMIT).default(1000),
  format: z.enum(['json', 'csv'], { error: 'format is json or csv' }).optional(),
});

const CSV_HEADER = ['id', 'time', 'mode', 'generator', 'answerable', 'programs', 'latency_ms', 'question', 'answer', 'rating', 'comment'];
const csvRow = (q: LoggedQuestion) => [q.id, q.time, q.mode, q.generator, q.answerable, q.programs.join(' '), q.latencyMs, q.question, q.answer, q.rating, q.comment];

export interface StaffView {
  answerLog?: AnswerLog;
  engine: () => SearchEngine | null;
}

/**
 * The help desk's view of its own log, behind the admin token: GET /questions (JSON, or CSV with
 * `Accept: text/csv` or `format=csv`) and GET /summary (totals, answer rate per day, questions per
 * program, refused questions grouped into topics, 👎 answers with their comments).
 */
export function adminQuestionRoutes(view: StaffView): Hono {
  const app = new Hono();
  // What people asked is not for shared caches.
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  const logOf = () => {
    if (!view.answerLog) throw appError('STORAGE_DISABLED', 'this server keeps no answer log (RETENTION_DAYS=0, or no D1 binding DB on Workers)');
    return view.answerLog;
  };
  app.all('/questions', only('GET', 'HEAD'), async (c) => {
    const filter = parse(questionsSchema, c);
    const questions = await logOf().questions(filter);
    if (filter.format !== 'csv' && (filter.format === 'json' || !/text\/csv/i.test(c.req.header('accept') ?? ''))) return c.json({ questions });
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="questions.csv"');
    return c.body(toCsv(CSV_HEADER, questions.map(csvRow)));
  });
  app.all('/summary', only('GET', 'HEAD'), async (c) => {
    const range = parse(rangeSchema, c);
    const log = logOf();
    const [summary, refused, down] = await Promise.all([
      log.summary(range),
      log.questions({ ...range, status: 'refused', limit: SUMMARY_QUESTIONS }),
      log.questions({ ...range, status: 'down', limit: SUMMARY_QUESTIONS }),
    ]);
    const engine = view.engine();
    const titles = new Map(engine?.programs.map((p) => [p.id, p.title]) ?? []);
    const texts = refused.flatMap((q) => (q.question ? [q.question] : []));
    const idf = (w: string) => (engine ? (engine.lexical.hasWord(w) ? engine.lexical.idf('words', w) : engine.lexical.maxIdf('words')) : 1);
    return c.json({
      totals: summary.totals,
      days: summary.days.map((d) => ({ ...d, rate: d.answers ? Math.round((d.answered / d.answers) * 1000) / 1000 : 0 })),
      programs: summary.programs.map((p) => ({ ...p, title: titles.get(p.id) ?? null })),
      topics: engine ? groupTopics(texts, engine.analyzer, idf) : [],
      comments: down.filter((q) => q.comment !== null).slice(0, SUMMARY_COMMENTS),
    });
  });
  return app;
}

function parse<S extends z.ZodType>(schema: S, c: Context): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw appError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}
