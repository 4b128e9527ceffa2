import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { unstable_startWorker } from 'wrangler';
import { ROOT } from '../helpers.js';

export type LocalWorker = Awaited<ReturnType<typeof unstable_startWorker>>;

/**
 * wrangler.toml's Worker in workerd (offline), over the given bundle instead of index/worker/bundle.bin:
 * an entry beside the bundle does what src/adapter/worker/index.ts does.
 */
export async function startLocalWorker(bundleFile: string, vars: Record<string, string> = {}): Promise<LocalWorker> {
  return unstable_startWorker({
    config: join(ROOT, 'wrangler.toml'),
    entrypoint: await writeEntry(bundleFile),
    bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error' },
  });
}

/** Writes the Worker entry beside the bundle (also what `wrangler deploy --dry-run` is given); returns its path. */
export async function writeEntry(bundleFile: string): Promise<string> {
  const entry = join(dirname(bundleFile), 'entry.ts');
  await writeFile(entry, `import bundle from './${basename(bundleFile)}';\nimport { workerHandler } from '${join(ROOT, 'src/adapter/worker/handler.ts')}';\nexport default workerHandler(bundle);\n`);
  return entry;
}
