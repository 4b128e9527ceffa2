import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { parseConfig } from '../../config.js';
import { createApp } from '../../server/app.js';
import { answererFor } from './answerer.js';
import { openEngine } from './open-engine.js';

const SCORER = join(import.meta.dirname, '../../../../shared/eval/score.mjs');

/**
 * `npm run eval [-- --url URL] [--questions FILE] [--verbose|--json]`: runs the reference scorer against a
 * running server, or against this build started in-process on a free port.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--url');
  let url = at >= 0 ? args[at + 1] : undefined;
  let close = () => {};
  if (!url) {
    const config = parseConfig(process.env);
    const engine = await openEngine(config, { rebuild: true, log: (l) => console.error(l) });
    const app = createApp({ engine: () => engine, answerer: await answererFor(config) });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  }
  const rest = args.filter((a, i) => a !== '--url' && args[i - 1] !== '--url');
  const code = await new Promise<number>((resolve) => {
    spawn(process.execPath, [SCORER, '--url', url!, ...rest], { stdio: 'inherit' }).on('exit', (c) => resolve(c ?? 1));
  });
  close();
  return code;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`eval failed: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  process.exit(1);
});
