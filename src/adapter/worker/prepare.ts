import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { parseConfig, type Config } from '../../config.js';
import { FILES, MANIFEST, type Manifest } from '../../vectors/artifact.js';
import { packParts } from '../../vectors/pack.js';
import { loadPrompts } from '../node/answerer.js';
import { buildQueryDictionary } from '../../ingest/query-dictionary.js';
import { indexedText } from '../../text/chunk.js';
import { loadKuromoji } from '../node/kuromoji.js';
import { openIndex } from '../node/open-engine.js';
import { buildAdminScript, buildWidget } from '../node/widget-build.js';
import { WORKER_BUNDLE_FORMAT } from './bundle.js';

/** Where the bundle of an INDEX_DIR goes; src/adapter/worker/index.ts imports the default index/'s. */
export function workerBundlePath(indexDir: string): string {
  return join(indexDir, 'worker', 'bundle.bin');
}

/**
 * Packs the index build in service (rebuilt first when missing or stale, as `npm start` does), the
 * widget and the prompts into one file for the Worker, written atomically. The index's full IPADIC is
 * replaced by the dictionary cut for Workers (ingest/query-dictionary.ts), and the bundled manifest names
 * that one. Returns the file's size.
 */
export async function prepareWorkerBundle(config: Config, out: string, log: (line: string) => void = () => {}): Promise<number> {
  const { index } = await openIndex(config, { rebuild: true, log });
  const parts: Record<string, Uint8Array> = {};
  for (const name of Object.values(FILES)) if (name !== FILES.hnsw && index.manifest.files[name]) parts[name] = await readFile(join(index.folder, name));
  const texts = index.chunks.flatMap((c) => [indexedText(c), c.text]);
  const dictionary = buildQueryDictionary(await loadKuromoji(), index.queryDictionary, texts);
  const sha256 = createHash('sha256').update(dictionary).digest('hex');
  const file = `dictionary-${sha256.slice(0, 16)}.bin`;
  parts[file] = dictionary;
  const manifest: Manifest = { ...index.manifest, dictionary: { file, bytes: dictionary.byteLength, sha256 } };
  parts[MANIFEST] = new TextEncoder().encode(JSON.stringify(manifest));
  parts['widget.js'] = new TextEncoder().encode(await buildWidget());
  parts['admin.js'] = new TextEncoder().encode(await buildAdminScript());
  parts['prompts.json'] = new TextEncoder().encode(JSON.stringify(await loadPrompts()));
  const bytes = packParts(WORKER_BUNDLE_FORMAT, parts);
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, out);
  return bytes.byteLength;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = parseConfig(process.env);
  const out = process.argv[2] ?? workerBundlePath(config.indexDir);
  prepareWorkerBundle(config, out, console.log).then(
    (bytes) => console.log(`worker bundle ${out}: ${(bytes / 1e6).toFixed(1)} MB`),
    (e) => {
      console.error(`worker bundle failed: ${e.code ? `${e.code}: ` : ''}${e.message}`);
      process.exit(1);
    },
  );
}
