import type { Prompts } from '../../answer/llm.js';
import { checkManifest, FILES, type IndexParts } from '../../vectors/artifact.js';
import { unpackParts, viewOf } from '../../vectors/pack.js';
import { ANALYZER_ID } from '../../text/analyzer.js';

/**
 * What a Worker is deployed with, in one file (`npm run worker:bundle` writes it): the index build in
 * service, the built widget and staff page script, and the prompts. The Worker imports it as a data module.
 */
export const WORKER_BUNDLE_FORMAT = 'madoguchi-worker-bundle/1';

export interface WorkerBundle {
  parts: IndexParts;
  widget: string;
  /** The staff page's script (/admin/admin.js). */
  adminScript: string;
  prompts: Prompts;
}

/** Throws INDEX_CORRUPT or INDEX_VERSION_MISMATCH, as the Node loader does. */
export function openWorkerBundle(bytes: Uint8Array): WorkerBundle {
  const { parts } = unpackParts(WORKER_BUNDLE_FORMAT, bytes, 'the Worker bundle');
  const text = (name: string) => new TextDecoder().decode(parts[name] ?? new Uint8Array());
  const json = (name: string) => JSON.parse(text(name));
  const manifest = checkManifest(json('manifest.json'), { analyzer: ANALYZER_ID });
  const prompts = json('prompts.json') as Prompts;
  return {
    parts: {
      manifest,
      catalog: json(FILES.catalog),
      chunks: json(FILES.chunks),
      lexical: json(FILES.lexical),
      synonyms: json(FILES.synonyms),
      readings: json(FILES.readings),
      vectors: viewOf(parts[FILES.vectors]!, Float32Array),
      queryDictionary: parts[FILES.queryDictionary]!,
    },
    widget: text('widget.js'),
    adminScript: text('admin.js'),
    prompts,
  };
}
