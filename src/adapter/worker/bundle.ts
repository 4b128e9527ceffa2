import type { Prompts } from '../../answer/llm.js';
import { ANALYZER_ID } from '../../text/analyzer.js';
import { readIndexParts, type IndexParts, type IndexStore } from '../../vectors/artifact.js';
import { unpackParts } from '../../vectors/pack.js';
import { appError } from '../../errors.js';

/**
 * What a Worker is deployed with, in one file (`npm run worker:bundle` writes it): the index build in
 * service (its files, under their names), the built widget and staff page script, and the prompts. The
 * Worker imports it as a data module.
 */
export const WORKER_BUNDLE_FORMAT = 'madoguchi-worker-bundle/2';

export interface WorkerBundle {
  parts: IndexParts;
  widget: string;
  /** The staff page's script (/admin/admin.js). */
  adminScript: string;
  prompts: Prompts;
}

/** Throws INDEX_CORRUPT or INDEX_VERSION_MISMATCH, as the Node loader does. */
export async function openWorkerBundle(bytes: Uint8Array): Promise<WorkerBundle> {
  const { parts } = unpackParts(WORKER_BUNDLE_FORMAT, bytes, 'the Worker bundle');
  const store: IndexStore = {
    where: 'the Worker bundle',
    async read(name) {
      const part = parts[name];
      if (!part) throw appError('INDEX_CORRUPT', `the Worker bundle has no ${name}: run \`npm run worker:bundle\``);
      return part;
    },
  };
  const text = (name: string) => new TextDecoder().decode(parts[name] ?? new Uint8Array());
  return { parts: await readIndexParts(store, { analyzer: ANALYZER_ID }), widget: text('widget.js'), adminScript: text('admin.js'), prompts: JSON.parse(text('prompts.json')) as Prompts };
}
