import type { Prompts } from '../../answer/llm.js';
import { ANALYZER_ID } from '../../text/analyzer.js';
import { MANIFEST, readIndexParts, type IndexParts, type IndexStore } from '../../vectors/artifact.js';
import { unpackParts } from '../../vectors/pack.js';
import { appError } from '../../errors.js';
import { r2IndexStore, type R2BucketBinding } from './r2-store.js';

/**
 * What a Worker is deployed with, in one file (`npm run worker:bundle` writes it): the built widget and
 * staff page script, the prompts and, for a Worker without an INDEX bucket, the index build in service
 * (its files, under their names). The Worker imports it as a data module.
 */
export const WORKER_BUNDLE_FORMAT = 'madoguchi-worker-bundle/2';

export interface WorkerBundle {
  parts: IndexParts;
  widget: string;
  /** The staff page's script (/admin/admin.js). */
  adminScript: string;
  prompts: Prompts;
}

/**
 * The bundle, with the index read from the INDEX bucket when one is bound, else from the bundle.
 * Throws INDEX_MISSING, INDEX_CORRUPT or INDEX_VERSION_MISMATCH, as the Node loader does.
 */
export async function openWorkerBundle(bytes: Uint8Array, bucket?: R2BucketBinding): Promise<WorkerBundle> {
  const { parts } = unpackParts(WORKER_BUNDLE_FORMAT, bytes, 'the Worker bundle');
  const text = (name: string) => new TextDecoder().decode(parts[name] ?? new Uint8Array());
  const store = bucket ? await r2IndexStore(bucket) : bundledStore(parts);
  return { parts: await readIndexParts(store, { analyzer: ANALYZER_ID }), widget: text('widget.js'), adminScript: text('admin.js'), prompts: JSON.parse(text('prompts.json')) as Prompts };
}

function bundledStore(parts: Record<string, Uint8Array>): IndexStore {
  if (!parts[MANIFEST]) {
    throw appError(
      'INDEX_MISSING',
      'the Worker has no index: bind an R2 bucket as INDEX ([[r2_buckets]] in wrangler.toml) and run `npm run worker:upload`, or bundle the index with `npm run worker:bundle -- --with-index`',
    );
  }
  return {
    where: 'the Worker bundle',
    async read(name) {
      const part = parts[name];
      if (!part) throw appError('INDEX_CORRUPT', `the Worker bundle has no ${name}: run \`npm run worker:bundle\``);
      return part;
    },
  };
}
