import type { AskResponse, Mode } from '../answer/types.js';
import { appError } from '../errors.js';

export type Rating = 'up' | 'down';

/** An answer as the server returns it: the answerer's response with the id feedback refers to. */
export type IdentifiedAnswer = AskResponse & { id: string };

/** What is written for one answer given. */
export interface AnswerRecord {
  id: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** As asked; the log masks it (or drops it with STORE_QUESTIONS=0) before writing. */
  question: string;
  answer: string;
  mode: Mode;
  generator: AskResponse['generator'];
  answerable: boolean;
  /** Cited program ids, the main one first. */
  programs: string[];
  latencyMs: number;
}

export type QuestionStatus = 'refused' | 'down' | 'all';

/** A time range in milliseconds since the epoch: `since` inclusive, `until` exclusive; open where unset. */
export interface TimeRange {
  since?: number;
  until?: number;
}

export interface QuestionFilter extends TimeRange {
  status: QuestionStatus;
  /** At most this many, newest first. */
  limit: number;
}

/** One logged answer as staff read it, with its latest rating and latest comment. */
export interface LoggedQuestion {
  id: string;
  /** ISO 8601, UTC. */
  time: string;
  mode: Mode;
  generator: AskResponse['generator'];
  answerable: boolean;
  programs: string[];
  latencyMs: number;
  question: string | null;
  answer: string | null;
  rating: Rating | null;
  comment: string | null;
}

export interface LogSummary {
  totals: { answers: number; answered: number; refused: number; up: number; down: number };
  /** Per day in Japan time (YYYY-MM-DD), oldest first. */
  days: { day: string; answers: number; answered: number }[];
  /** Answered questions per main program, most asked first. */
  programs: { id: string; questions: number }[];
}

/**
 * Where answers, and the feedback on them, are kept: SQLite on Node, D1 on Workers, both through
 * `createSqlAnswerLog`. Every method is async so that a remote database fits; a failing store rejects
 * with STORAGE_UNAVAILABLE.
 *
 * @example await log.record(entry); await log.feedback(entry.id, 'down', '電話番号が古い'); // true
 */
export interface AnswerLog {
  record(answer: AnswerRecord): Promise<void>;
  /** Adds a rating to a logged answer; false when no answer has that id. */
  feedback(id: string, rating: Rating, comment: string | null): Promise<boolean>;
  questions(filter: QuestionFilter): Promise<LoggedQuestion[]>;
  summary(range: TimeRange): Promise<LogSummary>;
}

/** A log that cannot be used (its database could not be opened): every call rejects with STORAGE_UNAVAILABLE and the reason. */
export function unavailableLog(reason: string): AnswerLog {
  const fail = async (): Promise<never> => {
    throw appError('STORAGE_UNAVAILABLE', reason);
  };
  return { record: fail, feedback: fail, questions: fail, summary: fail };
}
