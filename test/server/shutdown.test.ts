import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storedFeedback } from '../answer-log/stored.js';
import { childrenOf, CORPUS, freePort, realEngine, ROOT, START_ARGS, tempDir } from '../helpers.js';

/** `npm start` on a copy of the test index: SIGTERM lets a request in flight finish, then the process exits 0. */
describe('graceful shutdown', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('is what npm start runs', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${START_ARGS.join(' ')}`);
  });

  it('finishes the request in flight after SIGTERM, then exits 0', async () => {
    const { indexDir } = await realEngine();
    const port = await freePort();
    child = spawn(process.execPath, START_ARGS, { cwd: ROOT, env: { ...process.env, PORT: String(port), CORPUS_DIR: CORPUS, INDEX_DIR: indexDir, DATA_DIR: await tempDir(), RATE_LIMIT: '0' }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // A question whose body is still arriving when the signal comes.
    const body = JSON.stringify({ question: '省エネ診断の問い合わせ先は？' });
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' } });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    req.end(body.slice(10));
    const res = await answered;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).answer).toContain('03-3501-9726');
    expect(await exited).toBe(0);
  });
  it('serves as WEB_CONCURRENCY processes of one cluster sharing one answer log, and stops them all on SIGTERM', async () => {
    const { indexDir } = await realEngine();
    const port = await freePort();
    const dataDir = await tempDir();
    const primary = spawn(process.execPath, START_ARGS, { cwd: ROOT, env: { ...process.env, PORT: String(port), CORPUS_DIR: CORPUS, INDEX_DIR: indexDir, DATA_DIR: dataDir, WEB_CONCURRENCY: '2', RATE_LIMIT: '0' }, stdio: 'ignore' });
    child = primary;
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const servers = await childrenOf(primary.pid!);
    expect(servers).toHaveLength(2);
    const answers = await Promise.all([1, 2, 3, 4].map(() => fetch(`http://127.0.0.1:${port}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"省エネ診断の問い合わせ先は？"}' }).then((r) => r.json())));
    for (const a of answers) expect(a.answer).toContain('03-3501-9726');
    // Feedback reaches whichever process takes it: both write the same database.
    const feedback = await Promise.all(answers.map((a) => fetch(`http://127.0.0.1:${port}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: a.id, rating: 'up' }) })));
    expect(feedback.map((r) => r.status)).toEqual([204, 204, 204, 204]);
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await Promise.all(servers.map(alive))).toEqual([false, false]);
    expect(storedFeedback(dataDir)).toMatchObject({ integrity: 'ok', rows: 4 });
    const db = new Database(join(dataDir, 'answers.db'), { readonly: true });
    expect((db.prepare('SELECT id FROM answers').pluck().all() as string[]).sort()).toEqual(answers.map((a) => a.id).sort());
    db.close();
  });
});

async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
