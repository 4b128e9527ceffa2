import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseConfig, type Config } from '../../config.js';
import { FILES, MANIFEST, type Manifest } from '../../vectors/artifact.js';
import { packParts } from '../../vectors/pack.js';
import { loadPrompts } from '../node/answerer.js';
import { buildQueryDictionary } from '../../ingest/query-dictionary.js';
import { dictionaryEntry } from '../../ingest/write-index.js';
import { indexedText } from '../../text/chunk.js';
import { loadKuromoji } from '../node/kuromoji.js';
import { openIndex } from '../node/open-engine.js';
import { buildAdminScript, buildWidget } from '../node/widget-build.js';
import { WORKER_BUNDLE_FORMAT } from './bundle.js';
import { indexBucketOf } from './wrangler-config.js';

/** Where the bundle of an INDEX_DIR goes; src/adapter/worker/index.ts imports the default index/'s. */
export function workerBundlePath(indexDir: string): string {
  return join(indexDir, 'worker', 'bundle.bin');
}

/** The index as a Worker reads it: the files of one build, by name, and the build's name. */
export interface WorkerIndexFiles {
  build: string;
  files: Record<string, Uint8Array>;
}

/**
 * The index build in service (rebuilt first when missing or stale, as `npm start` does) as the Worker
 * reads it: its files except the HNSW graph, the full IPADIC replaced by the dictionary cut for Workers
 * (ingest/query-dictionary.ts: the isolate holds a third as much), and a manifest naming that one.
 */
export async function workerIndexFiles(config: Config, log: (line: string) => void = () => {}): Promise<WorkerIndexFiles> {
  const { index } = await openIndex(config, { rebuild: true, log });
  const files: Record<string, Uint8Array> = {};
  for (const name of Object.values(FILES)) if (name !== FILES.hnsw && index.manifest.files[name]) files[name] = await readFile(join(index.folder, name));
  const texts = index.chunks.flatMap((c) => [indexedText(c), c.text]);
  const dictionary = buildQueryDictionary(await loadKuromoji(), index.queryDictionary, texts);
  const entry = dictionaryEntry(dictionary);
  files[entry.file] = dictionary;
  const manifest: Manifest = { ...index.manifest, dictionary: entry };
  files[MANIFEST] = new TextEncoder().encode(JSON.stringify(manifest));
  return { build: basename(index.folder), files };
}

export interface WorkerBundleOptions {
  /** Pack the index into the bundle, for a Worker without an INDEX bucket (a small corpus). */
  withIndex?: boolean;
  log?: (line: string) => void;
}

/**
 * Packs the widget and the prompts (and, with `withIndex`, the index as `workerIndexFiles` gives it) into
 * one file for the Worker, written atomically. Returns the file's size.
 */
export async function prepareWorkerBundle(config: Config, out: string, options: WorkerBundleOptions = {}): Promise<number> {
  const parts: Record<string, Uint8Array> = options.withIndex ? (await workerIndexFiles(config, options.log)).files : {};
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

// `npm run worker:bundle [-- OUT] [--with-index]` (wrangler.toml's [build] command): the index goes into
// the bundle when asked, or when wrangler.toml binds no INDEX bucket to read it from.
if (import.meta.url === `file://${process.argv[1]}`) {
  const config = parseConfig(process.env);
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith('--')) ?? workerBundlePath(config.indexDir);
  const main = async () => {
    const withIndex = args.includes('--with-index') || !(await indexBucketOf('wrangler.toml'));
    const bytes = await prepareWorkerBundle(config, out, { withIndex, log: console.log });
    console.log(`worker bundle ${out}: ${(bytes / 1e6).toFixed(1)} MB${withIndex ? ', with the index' : '; the index is read from the INDEX bucket (npm run worker:upload)'}`);
  };
  main().catch((e) => {
    console.error(`worker bundle failed: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    process.exit(1);
  });
}
