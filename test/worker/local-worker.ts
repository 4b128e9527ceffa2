import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unstable_startWorker } from 'wrangler';
import { ROOT } from '../helpers.js';

export type LocalWorker = Awaited<ReturnType<typeof unstable_startWorker>>;

const run = promisify(execFile);
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const CONFIG = join(ROOT, 'wrangler.toml');

/**
 * wrangler.toml's Worker in workerd (offline), over the given bundle instead of index/worker/bundle.bin:
 * an entry beside the bundle does what src/adapter/worker/index.ts does. Its local D1 database (DB) lives
 * beside the bundle too, migrated first as a deployment's is.
 */
export async function startLocalWorker(bundleFile: string, vars: Record<string, string> = {}): Promise<LocalWorker> {
  const persist = join(dirname(bundleFile), 'state');
  await migrateLocalD1(persist);
  return unstable_startWorker({
    config: CONFIG,
    entrypoint: await writeEntry(bundleFile),
    bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error', persist },
  });
}

/** `wrangler d1 migrations apply DB --local` into `persist`: no account, no network. */
export async function migrateLocalD1(persist: string): Promise<void> {
  await run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist, '--config', CONFIG], { cwd: ROOT, env: { ...process.env, CI: '1' } });
}

/** Writes the Worker entry beside the bundle (also what `wrangler deploy --dry-run` is given); returns its path. */
export async function writeEntry(bundleFile: string): Promise<string> {
  const entry = join(dirname(bundleFile), 'entry.ts');
  await writeFile(entry, `import bundle from './${basename(bundleFile)}';\nimport { workerHandler } from '${join(ROOT, 'src/adapter/worker/handler.ts')}';\nexport default workerHandler(bundle);\n`);
  return entry;
}
