-- The answer log: one row per answer given, one per rating received.
-- Applied by `npm start` on Node (src/adapter/node/sqlite-answer-log.ts) and by
-- `wrangler d1 migrations apply DB` on Workers; both read the version from schema_migrations.

CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);

CREATE TABLE answers (
  id TEXT PRIMARY KEY,
  -- milliseconds since the epoch
  time INTEGER NOT NULL,
  mode TEXT NOT NULL,
  generator TEXT NOT NULL,
  answerable INTEGER NOT NULL,
  -- the program the answer is mainly about (citations[0]), and every cited one as a JSON array
  program TEXT,
  programs TEXT NOT NULL,
  latency_ms REAL NOT NULL,
  -- masked question and the answer given; NULL with STORE_QUESTIONS=0
  question TEXT,
  answer TEXT
);
CREATE INDEX answers_time ON answers (time);

CREATE TABLE feedback (
  seq INTEGER PRIMARY KEY,
  answer_id TEXT NOT NULL REFERENCES answers (id),
  time INTEGER NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT
);
CREATE INDEX feedback_answer ON feedback (answer_id, seq);

INSERT INTO schema_migrations (version, applied_at) VALUES (1, datetime('now'));
