import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { experimental_readRawConfig, unstable_startWorker } from 'wrangler';
import { ROOT } from '../helpers.js';

export type LocalWorker = Awaited<ReturnType<typeof unstable_startWorker>>;

const run = promisify(execFile);
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const CONFIG = join(ROOT, 'wrangler.toml');

export interface LocalWorkerOptions {
  vars?: Record<string, string>;
  /**
   * Serve the index from wrangler's local R2 kept in this folder (what `npm run worker:upload -- --local
   * --persist-to DIR` fills). Without it the INDEX binding is left out and the bundled index is served.
   */
  r2?: string;
  /** Open V8's inspector on a free loopback port (test/bench/workerd-heap.ts reads the isolate's heap through it). */
  inspector?: boolean;
}

/**
 * wrangler.toml's Worker in workerd (offline), over the given bundle instead of index/worker/bundle.bin.
 * Its local state (the D1 database DB, migrated first as a deployment's is, and the R2 bucket when asked)
 * lives in the `r2` folder, or beside the bundle.
 */
export async function startLocalWorker(bundleFile: string, options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const persist = options.r2 ?? join(dirname(bundleFile), 'state');
  await migrateLocalD1(persist);
  return unstable_startWorker({
    config: await writeConfig(bundleFile, { r2: options.r2 !== undefined }),
    bindings: Object.fromEntries(Object.entries(options.vars ?? {}).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: options.inspector ? { hostname: '127.0.0.1', port: 0 } : false, logLevel: 'error', persist, watch: false },
  });
}

/** `wrangler d1 migrations apply DB --local` into `persist`: no account, no network. */
export async function migrateLocalD1(persist: string): Promise<void> {
  await run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist, '--config', CONFIG], { cwd: ROOT, env: { ...process.env, CI: '1' } });
}

/**
 * wrangler.toml as wrangler reads it, written as wrangler.json with an entry that does what
 * src/adapter/worker/index.ts does over the given bundle (also what `wrangler deploy --dry-run` is given):
 * without its [build] command, which writes index/worker/bundle.bin, and with the INDEX bucket only when
 * asked. Each in a folder of its own beside the bundle, as wrangler keeps its build there (.wrangler/tmp).
 * Returns the configuration's path.
 */
export async function writeConfig(bundleFile: string, { r2 }: { r2: boolean }): Promise<string> {
  const dir = await mkdtemp(join(dirname(bundleFile), 'worker-'));
  const entry = join(dir, 'entry.ts');
  await writeFile(entry, `import bundle from '${bundleFile}';\nimport { workerHandler } from '${join(ROOT, 'src/adapter/worker/handler.ts')}';\nexport default workerHandler(bundle);\n`);
  const { rawConfig } = experimental_readRawConfig({ config: CONFIG }) as { rawConfig: Record<string, unknown> };
  const { build: _build, r2_buckets, ...rest } = rawConfig;
  const config = join(dir, 'wrangler.json');
  await writeFile(config, JSON.stringify({ ...rest, main: entry, ...(r2 ? { r2_buckets } : {}) }, null, 2));
  return config;
}
