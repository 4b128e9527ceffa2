import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { missing, storedFeedback } from '../answer-log/stored.js';
import { CORPUS, freePort, realEngine, ROOT, START_ARGS, tempDir } from '../helpers.js';

const POSTS = 200;
const KILL_AT = 100;
const IN_FLIGHT = 8;

/**
 * The answer log survives `npm start` being killed: WAL with synchronous=NORMAL commits each write to the
 * log before its 204, so a SIGKILL loses nothing that was acknowledged. (`npm run bench -- feedback` does
 * the same with 10,000 posts at 64 connections.)
 */
describe('feedback survives SIGKILL', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  async function start(env: Record<string, string>): Promise<string> {
    const port = await freePort();
    child = spawn(process.execPath, START_ARGS, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), RATE_LIMIT: '0' }, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return url;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('npm start did not come up in 30 s');
  }
  const post = (url: string, body: unknown) => fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it(`every one of ${POSTS} posts answered 204 before the kill is stored; the database checks ok and takes writes after a restart`, async () => {
    const { indexDir } = await realEngine();
    const env = { CORPUS_DIR: CORPUS, INDEX_DIR: indexDir, DATA_DIR: await tempDir('madoguchi-durable-') };
    const url = await start(env);
    const { id } = (await (await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '省エネ診断の問い合わせ先は？' }) })).json()) as { id: string };

    const acked: string[] = [];
    const server = child!;
    const exited = new Promise((r) => server.once('exit', r));
    let next = 0;
    const sender = async () => {
      while (next < POSTS) {
        const comment = `write-${next++}`;
        const res = await post(url, { id, rating: 'down', comment }).catch(() => null);
        if (res?.status === 204) acked.push(comment);
        if (acked.length === KILL_AT) server.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    await exited;
    expect(server.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AT);
    expect(acked.length).toBeLessThan(POSTS);

    const stored = storedFeedback(env.DATA_DIR);
    expect(stored.integrity).toBe('ok');
    expect(missing(acked, stored.comments)).toEqual([]);

    const again = await start(env);
    expect((await post(again, { id, rating: 'up', comment: 'after restart' })).status).toBe(204);
    child!.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    expect(storedFeedback(env.DATA_DIR).rows).toBe(stored.rows + 1);
  });
});
