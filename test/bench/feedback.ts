import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, tempDir } from '../helpers.js';
import { missing, storedFeedback } from '../answer-log/stored.js';
import { perSecond, startServer } from './load.js';

const TOTAL = 10_000;
const CONNECTIONS = 64;

/** Answers to rate: their ids, from POST /api/ask. */
async function answerIds(url: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: `省エネ診断の問い合わせ先は？ (${i})` }) });
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** 10,000 POST /api/feedback over the answers, each with its own comment; `onAck` gets each comment answered 204. */
function feedbackLoad(url: string, ids: string[], tag: string, onAck: (comment: string) => void = () => {}) {
  let n = 0;
  return autocannon({
    url,
    amount: TOTAL,
    connections: CONNECTIONS,
    requests: [
      {
        method: 'POST',
        path: '/api/feedback',
        headers: { 'content-type': 'application/json' },
        // A connection sends one request at a time: its context holds the comment of the one in flight.
        setupRequest: (req, context: { comment?: string }) => {
          const i = n++;
          context.comment = `${tag}-${i}`;
          return { ...req, body: JSON.stringify({ id: ids[i % ids.length], rating: i % 3 ? 'up' : 'down', comment: context.comment }) };
        },
        onResponse: (status, _body, context: { comment?: string }) => {
          if (status === 204) onAck(context.comment!);
        },
      },
    ],
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : (child.once('exit', r), child.kill(signal))));

/**
 * POST /api/feedback against `npm start` on loopback: 10,000 at 64 connections (every one must be a row,
 * no errors); then a second run during which the server is killed with SIGKILL once 5,000 are
 * acknowledged: after it, every write answered 204 must be in the database, SQLite's integrity check must
 * say ok, and the restarted server must take feedback again.
 */
export async function feedbackBench(): Promise<{ load: Record<string, string>; crash: Record<string, string> }> {
  const dataDir = await tempDir('madoguchi-feedback-bench-');
  const port = await freePort();
  let server = await startServer(port, { DATA_DIR: dataDir });
  let load: Record<string, string>;
  let crash: Record<string, string>;
  try {
    const ids = await answerIds(server.url, 100);
    const result = await feedbackLoad(server.url, ids, 'load');
    await stop(server.child, 'SIGTERM');
    const after = storedFeedback(dataDir);
    load = {
      requests: String(result.requests.total),
      '204': String(result['2xx']),
      'errors (non-2xx + errors)': String(result.non2xx + result.errors + result.timeouts),
      'req/s': perSecond(result).toFixed(0),
      'p50 ms': String(result.latency.p50),
      'p99 ms': String(result.latency.p99),
      'rows in feedback': String(after.rows),
      integrity_check: after.integrity,
    };

    server = await startServer(port, { DATA_DIR: dataDir });
    const acked = new Set<string>();
    let killed = false;
    const run = feedbackLoad(server.url, ids, 'crash', (comment) => {
      acked.add(comment);
      if (!killed && acked.size >= TOTAL / 2) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    });
    const { child } = server;
    await new Promise((r) => child.once('exit', r));
    (run as unknown as { stop(): void }).stop();
    await run.catch(() => {});
    const stored = storedFeedback(dataDir);
    const lost = missing(acked, stored.comments);
    server = await startServer(port, { DATA_DIR: dataDir });
    const again = await fetch(`${server.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: ids[0], rating: 'up', comment: 'after restart' }) });
    crash = {
      'answered 204 before SIGKILL': String(acked.size),
      'stored of those': String(acked.size - lost.length),
      'lost (answered 204, not stored)': String(lost.length),
      'rows of the killed run': String([...stored.comments].filter((c) => c.startsWith('crash-')).length),
      integrity_check: stored.integrity,
      'feedback after restart': String(again.status),
    };
  } finally {
    await stop(server.child, 'SIGTERM');
  }
  return { load, crash };
}
