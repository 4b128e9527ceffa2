import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * What DATA_DIR/answers.db holds after the server is gone (killed or stopped): SQLite's own integrity
 * check, the feedback rows and their comments. Opening it replays the WAL, as the next start would.
 */
export function storedFeedback(dataDir: string): { integrity: string; rows: number; comments: Set<string> } {
  const db = new Database(join(dataDir, 'answers.db'));
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const comments = db.prepare('SELECT comment FROM feedback').pluck().all() as (string | null)[];
    return { integrity, rows: comments.length, comments: new Set(comments.filter((c): c is string => c !== null)) };
  } finally {
    db.close();
  }
}

/** The acknowledged writes (answered 204) that the database lacks: none, if what was acknowledged was durable. */
export function missing(acked: Iterable<string>, stored: Set<string>): string[] {
  return [...acked].filter((c) => !stored.has(c));
}
