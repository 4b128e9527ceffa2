import { describe, expect, it } from 'vitest';
import type { AnswerLog, AnswerRecord } from '../../src/answer-log/answer-log.js';
import type { SqlAnswerLogOptions } from '../../src/answer-log/sql-answer-log.js';

/** 2026-04-01T15:30:00Z: 2026-04-02 00:30 in Japan. */
export const T0 = Date.parse('2026-04-01T15:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type OpenLog = (options: Partial<SqlAnswerLogOptions>) => Promise<AnswerLog>;

let n = 0;
export function entry(over: Partial<AnswerRecord> = {}): AnswerRecord {
  n++;
  return {
    id: `answer-${n}-${Math.random().toString(36).slice(2)}`,
    time: T0,
    question: `質問${n}`,
    answer: `回答${n}[1]`,
    mode: 'answer',
    generator: 'extractive',
    answerable: true,
    programs: ['p-1', 'p-2'],
    latencyMs: 12.5,
    ...over,
  };
}

/**
 * The AnswerLog contract, run against every implementation (SQLite on Node, D1 in workerd): each test
 * opens a fresh, migrated log through `open`, with the clock it is given.
 */
export function runAnswerLogContract(name: string, open: OpenLog): void {
  describe(`AnswerLog contract: ${name}`, () => {
    const clock = (t: number) => {
      const c = { t, now: () => c.t };
      return c;
    };

    it('records an answer with its facts and the question masked, listed newest first', async () => {
      const log = await open({ now: clock(T0).now });
      const older = entry({ time: T0 - 1000 });
      const newer = entry({ question: '電話は03-1234-5678、メールは taro@example.jp です', answerable: false, programs: [], generator: 'llm', mode: 'draft' });
      await log.record(older);
      await log.record(newer);
      const rows = await log.questions({ status: 'all', limit: 10 });
      expect(rows.map((r) => r.id)).toEqual([newer.id, older.id]);
      expect(rows[0]).toEqual({
        id: newer.id, time: '2026-04-01T15:30:00.000Z', mode: 'draft', generator: 'llm', answerable: false, programs: [], latencyMs: 12.5,
        question: '電話は[電話番号]、メールは [メール] です', answer: newer.answer, rating: null, comment: null,
      });
      expect(rows[1]).toMatchObject({ answerable: true, programs: ['p-1', 'p-2'], question: older.question });
      expect(await log.questions({ status: 'all', limit: 1 })).toHaveLength(1);
    });

    it('takes feedback for a logged answer only; shows the latest rating and the latest comment', async () => {
      const c = clock(T0);
      const log = await open({ now: c.now });
      const a = entry();
      await log.record(a);
      expect(await log.feedback('no-such-id', 'up', null)).toBe(false);
      expect(await log.feedback(a.id, 'down', null)).toBe(true);
      c.t += 1000;
      expect(await log.feedback(a.id, 'down', '問い合わせ先が違います')).toBe(true);
      expect((await log.questions({ status: 'all', limit: 10 }))[0]).toMatchObject({ rating: 'down', comment: '問い合わせ先が違います' });
      expect(await log.feedback(a.id, 'up', null)).toBe(true);
      expect((await log.questions({ status: 'all', limit: 10 }))[0]).toMatchObject({ rating: 'up', comment: '問い合わせ先が違います' });
    });

    it('filters by status (refused, down) and by time (since inclusive, until exclusive)', async () => {
      const log = await open({ now: clock(T0).now });
      const refused = entry({ answerable: false, time: T0 - 2000 });
      const down = entry({ time: T0 - 1000 });
      const up = entry({ time: T0 });
      for (const e of [refused, down, up]) await log.record(e);
      await log.feedback(down.id, 'down', '古い');
      await log.feedback(up.id, 'down', null);
      await log.feedback(up.id, 'up', null);
      const ids = async (f: Parameters<AnswerLog['questions']>[0]) => (await log.questions(f)).map((r) => r.id);
      expect(await ids({ status: 'refused', limit: 10 })).toEqual([refused.id]);
      expect(await ids({ status: 'down', limit: 10 })).toEqual([down.id]);
      expect(await ids({ status: 'all', limit: 10, since: T0 - 1000 })).toEqual([up.id, down.id]);
      expect(await ids({ status: 'all', limit: 10, until: T0 - 1000 })).toEqual([refused.id]);
      expect(await ids({ status: 'all', limit: 10, since: T0 - 1000, until: T0 })).toEqual([down.id]);
    });

    it('sums up: totals, answer rate per day in Japan time, questions per main program', async () => {
      const log = await open({ now: clock(T0).now });
      const a = entry({ programs: ['p-1', 'p-2'] });
      // 2026-04-01T14:00Z is 23:00 on 2026-04-01 in Japan; T0 is already 2026-04-02 there.
      const b = entry({ programs: ['p-2'], time: Date.parse('2026-04-01T14:00:00Z') });
      const c = entry({ programs: ['p-1'], answerable: false });
      const d = entry({ programs: ['p-2'], time: T0 + 1000 });
      for (const e of [a, b, c, d]) await log.record(e);
      await log.feedback(a.id, 'up', null);
      await log.feedback(c.id, 'down', 'ない');
      expect(await log.summary({})).toEqual({
        totals: { answers: 4, answered: 3, refused: 1, up: 1, down: 1 },
        days: [{ day: '2026-04-01', answers: 1, answered: 1 }, { day: '2026-04-02', answers: 3, answered: 2 }],
        programs: [{ id: 'p-2', questions: 2 }, { id: 'p-1', questions: 1 }],
      });
      expect((await log.summary({ since: T0 })).totals).toEqual({ answers: 3, answered: 2, refused: 1, up: 1, down: 1 });
      expect(await log.summary({ since: T0 + 5000 })).toEqual({ totals: { answers: 0, answered: 0, refused: 0, up: 0, down: 0 }, days: [], programs: [] });
    });

    it('keeps no question or answer text with STORE_QUESTIONS=0', async () => {
      const log = await open({ now: clock(T0).now, storeQuestions: false });
      const a = entry();
      await log.record(a);
      expect((await log.questions({ status: 'all', limit: 1 }))[0]).toMatchObject({ id: a.id, question: null, answer: null, programs: ['p-1', 'p-2'] });
    });

    it('deletes answers older than RETENTION_DAYS, with their feedback, on a write an hour later', async () => {
      const c = clock(T0);
      const log = await open({ now: c.now, retentionDays: 30 });
      const old = entry({ time: T0 - 31 * DAY });
      const kept = entry({ time: T0 - 29 * DAY });
      await log.record(old);
      await log.record(kept);
      await log.feedback(old.id, 'down', '古い');
      c.t += 2 * HOUR;
      await log.record(entry({ time: c.t }));
      const ids = (await log.questions({ status: 'all', limit: 10 })).map((r) => r.id);
      expect(ids).toContain(kept.id);
      expect(ids).not.toContain(old.id);
      expect(await log.questions({ status: 'down', limit: 10 })).toEqual([]);
      expect(await log.feedback(old.id, 'up', null)).toBe(false);
    });

    it('refuses a second answer with the same id, as STORAGE_UNAVAILABLE', async () => {
      const log = await open({ now: clock(T0).now });
      const a = entry();
      await log.record(a);
      await expect(log.record(a)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    });

    it('answers recorded at the same moment, one a second time: that one is refused, every other kept and read at once', async () => {
      const log = await open({ now: clock(T0).now });
      const first = entry();
      await log.record(first);
      const burst = Array.from({ length: 20 }, () => entry());
      const results = await Promise.allSettled([...burst.slice(0, 10), first, ...burst.slice(10)].map((a) => log.record(a)));
      expect(results.map((r) => r.status)).toEqual([...Array(10).fill('fulfilled'), 'rejected', ...Array(10).fill('fulfilled')]);
      expect(results[10]).toMatchObject({ reason: { code: 'STORAGE_UNAVAILABLE' } });
      const burstIds = burst.map((a) => a.id);
      const recorded = Promise.all([entry(), entry()].map((a) => log.record(a)));
      expect((await log.questions({ status: 'all', limit: 100 })).map((q) => q.id).filter((id) => burstIds.includes(id)).sort()).toEqual([...burstIds].sort());
      await recorded;
    });
  });
}
