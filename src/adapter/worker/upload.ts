import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseConfig, type Config } from '../../config.js';
import { appError } from '../../errors.js';
import { workerIndexFiles } from './prepare.js';
import { R2_CURRENT, r2Key } from './r2-store.js';
import { indexBucketOf } from './wrangler-config.js';

const WRANGLER = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');

export interface UploadOptions {
  /** The wrangler configuration that binds the INDEX bucket. */
  configPath?: string;
  /** Into wrangler's local R2, the one `wrangler dev` serves, instead of the account's bucket. */
  local?: boolean;
  /** With `local`: the folder wrangler keeps local state in (`--persist-to`; default `.wrangler/state`). */
  persistTo?: string;
  log?: (line: string) => void;
}

export interface Uploaded {
  bucket: string;
  build: string;
  objects: { key: string; bytes: number }[];
}

/**
 * Puts the index as the Worker reads it (`workerIndexFiles`) into the INDEX bucket with
 * `wrangler r2 object put`: the dictionary and the build's files under `builds/<build>/`, then `CURRENT`
 * naming the build, last, so that a Worker loading meanwhile reads the previous build or the whole new
 * one. Earlier builds stay in the bucket for the isolates still serving them.
 */
export async function uploadWorkerIndex(config: Config, options: UploadOptions = {}): Promise<Uploaded> {
  const configPath = options.configPath ?? 'wrangler.toml';
  const log = options.log ?? (() => {});
  const bucket = await indexBucketOf(configPath);
  if (!bucket) throw appError('CONFIG_INVALID', `${configPath} binds no R2 bucket as INDEX: add [[r2_buckets]] with binding = "INDEX" and bucket_name = "madoguchi-index"`);
  const { build, files } = await workerIndexFiles(config, log);
  const objects = [...Object.entries(files).map(([name, data]) => ({ key: r2Key(build, name), data })), { key: R2_CURRENT, data: new TextEncoder().encode(build) }];
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-upload-'));
  try {
    for (const [i, { key, data }] of objects.entries()) {
      const file = join(dir, String(i));
      await writeFile(file, data);
      log(`${bucket}/${key} (${(data.byteLength / 1e3).toFixed(0)} kB)`);
      await putObject(bucket, key, file, { ...options, configPath });
      await rm(file);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { bucket, build, objects: objects.map(({ key, data }) => ({ key, bytes: data.byteLength })) };
}

/** `wrangler r2 object put BUCKET/KEY --file FILE`, into the account's bucket or (`local`) wrangler's local one. */
export async function putObject(bucket: string, key: string, file: string, options: Pick<UploadOptions, 'configPath' | 'local' | 'persistTo'> = {}): Promise<void> {
  const where = options.local ? ['--local', ...(options.persistTo ? ['--persist-to', options.persistTo] : [])] : ['--remote'];
  const args = [WRANGLER, 'r2', 'object', 'put', `${bucket}/${key}`, '--file', file, '--config', options.configPath ?? 'wrangler.toml', ...where];
  await promisify(execFile)(process.execPath, args, { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, maxBuffer: 16 * 1024 * 1024 }).catch((e: { stderr?: string; stdout?: string; message: string }) => {
    throw appError('INDEX_WRITE_FAILED', `wrangler r2 object put ${bucket}/${key} failed: ${(e.stderr || e.stdout || e.message).trim()}`, e);
  });
}

// `npm run worker:upload [-- --local [--persist-to DIR]]`, run by `npm run deploy` and `npm run dev:worker`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--persist-to');
  const options: UploadOptions = { local: args.includes('--local'), persistTo: at >= 0 ? args[at + 1] : undefined, log: console.log };
  uploadWorkerIndex(parseConfig(process.env), options).then(
    (u) => console.log(`${u.bucket}${options.local ? ' (local)' : ''}: ${u.build} in service, ${(u.objects.reduce((s, o) => s + o.bytes, 0) / 1e6).toFixed(1)} MB in ${u.objects.length} objects`),
    (e) => {
      console.error(`worker upload failed: ${e.code ? `${e.code}: ` : ''}${e.message}`);
      process.exit(1);
    },
  );
}
