import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { childrenOf, evalRows, freePort, ROOT, START_ARGS, tempDir } from '../helpers.js';

/** The server's processes: `npm start` and, with WEB_CONCURRENCY, the cluster's servers it forked. */
async function serverTree(pid: number): Promise<number[]> {
  return [pid, ...(await childrenOf(pid))];
}

/**
 * Requests per second over the whole run. autocannon's own average is over whole-second buckets, which for a
 * run of a few seconds can only say 5,000, 3,333 or 2,500.
 */
export const perSecond = (result: autocannon.Result) => result.requests.total / result.duration;

async function rssMb(pid: number): Promise<number> {
  let kb = 0;
  for (const p of await serverTree(pid)) kb += Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${p}/status`, 'utf8'))![1]);
  return kb / 1024;
}

/** The process's user + system CPU time so far, in ms: what a request costs the server, whatever the client costs. */
async function cpuMs(pid: number): Promise<number> {
  let ticks = 0;
  for (const p of await serverTree(pid)) {
    const fields = (await readFile(`/proc/${p}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks of 1/100 s (USER_HZ on Linux).
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / 100;
}

/** `npm start` as a user runs it (index already built), rate limit off for the load; `env` adds to its environment. */
export async function startServer(port: number, env: Record<string, string>): Promise<{ child: ChildProcess; url: string; firstAnswerMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, START_ARGS, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), RATE_LIMIT: '0', ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"省エネ診断の問い合わせ先は？"}' });
      if (res.ok) {
        await res.text();
        return { child, url, firstAnswerMs: performance.now() - t0 };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * autocannon against `npm start` on loopback: 10,000 POST /api/ask at concurrency 64, the dev questions
 * in turn, after the same load once as warm-up; with the answer log on (a fresh DATA_DIR: every answer
 * written to SQLite) or off (RETENTION_DAYS=0), and with the answer cache on (the dev questions come again
 * and again, as a help desk's do) or off (ANSWER_CACHE=0: every question worked out afresh). Also cold start
 * to first answer, resident memory after warm-up and after the load, the server's CPU time per request (the
 * client shares the machine, so this is steadier than req/s), and GET /healthz at the same concurrency: the
 * latency no route can beat here.
 */
export async function loadBench(webConcurrency = 1, answerLog = true, answerCache = true): Promise<Record<string, string>> {
  const rows = (await evalRows()).filter((r) => !r.history);
  const storage: Record<string, string> = answerLog ? { DATA_DIR: await tempDir('madoguchi-load-data-') } : { RETENTION_DAYS: '0' };
  const cache: Record<string, string> = answerCache ? {} : { ANSWER_CACHE: '0' };
  const { child, url, firstAnswerMs } = await startServer(await freePort(), { WEB_CONCURRENCY: String(webConcurrency), ...storage, ...cache });
  try {
    const requests = rows.map((r) => ({ method: 'POST' as const, path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: r.question }) }));
    // Warm up with the measured load itself, so that "warm" is the heap's working size (it levels off
    // at 210–220 MB within 10,000 requests) and growth after it shows a leak, not the heap settling.
    await autocannon({ url, amount: 10_000, connections: 64, requests });
    const warm = await rssMb(child.pid!);
    const cpu0 = await cpuMs(child.pid!);
    const result = await autocannon({ url, amount: 10_000, connections: 64, requests });
    const cpu = (await cpuMs(child.pid!)) - cpu0;
    const after = await rssMb(child.pid!);
    // The floor at the same concurrency: a route that does no work, through the same server and client.
    const floor = await autocannon({ url: `${url}/healthz`, amount: 10_000, connections: 64 });
    return {
      WEB_CONCURRENCY: String(webConcurrency),
      'answer log': answerLog ? 'on' : 'off',
      'answer cache': answerCache ? 'on' : 'off',
      'cold start → first answer ms': firstAnswerMs.toFixed(0),
      requests: String(result.requests.total),
      'errors (non-2xx + errors)': String(result.non2xx + result.errors + result.timeouts),
      'req/s': perSecond(result).toFixed(0),
      'p50 ms': String(result.latency.p50),
      'p95 ms': String((result.latency as unknown as Record<string, number>).p95 ?? result.latency.p97_5),
      'p99 ms': String(result.latency.p99),
      'server CPU ms/request': (cpu / result.requests.total).toFixed(2),
      'floor: GET /healthz req/s': perSecond(floor).toFixed(0),
      'floor: GET /healthz p50/p99 ms': `${floor.latency.p50} / ${floor.latency.p99}`,
      'ask / healthz req/s': (perSecond(result) / perSecond(floor)).toFixed(2),
      'RSS warm MB': warm.toFixed(0),
      'RSS after MB': after.toFixed(0),
      'RSS growth %': ((100 * (after - warm)) / warm).toFixed(1),
    };
  } finally {
    child.kill('SIGTERM');
  }
}
