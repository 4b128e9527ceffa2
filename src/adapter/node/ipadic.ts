import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { appError } from '../../errors.js';
import type { IpadicFiles } from '../../ingest/query-dictionary.js';
import { nameIpadic, type IpadicSource } from '../../ingest/tables.js';
import { PARTS } from '../../text/query-dictionary.js';
import { defaultDicPath } from './kuromoji.js';

const cache = new Map<string, Promise<IpadicFiles>>();
/** The files read, while something still holds them: 100 MB unzipped, that ingest needs only until it has packed them. */
const read = new Map<string, WeakRef<IpadicFiles>>();

/**
 * kuromoji's IPADIC files from node_modules, unzipped, for ingest to pack into the index (once per
 * process, while they are in use). An unreadable dictionary is ANALYZER_UNAVAILABLE, with the cause.
 */
export function readIpadic(dicPath = defaultDicPath()): Promise<IpadicFiles> {
  const held = read.get(dicPath)?.deref();
  if (held) return Promise.resolve(held);
  const hit = cache.get(dicPath);
  if (hit) return hit;
  const reading = Promise.all(
    PARTS.map(async (name) => {
      const zipped = await readFile(join(dicPath, `${name}.dat.gz`));
      // Unzipped on this thread: on the thread pool the twelve files take twice as long on two cores.
      // A copy of its own: the typed views over it need its offset aligned.
      return [name, zipped, new Uint8Array(gunzipSync(zipped))] as const;
    }),
  ).then(
    (parts) => {
      const files = Object.fromEntries(parts.map(([name, , bytes]) => [name, bytes])) as IpadicFiles;
      // Named as `ipadicSource` names them: the tables made from them are the same ones.
      const hash = createHash('sha256');
      for (const [, zipped] of parts) hash.update(zipped);
      return nameIpadic(files, hash.digest('hex'));
    },
    (cause: Error) => {
      throw appError('ANALYZER_UNAVAILABLE', `kuromoji's dictionary could not be read from ${dicPath}: ${cause.message}`, cause);
    },
  );
  cache.set(dicPath, reading);
  reading.then(
    (files) => read.set(dicPath, new WeakRef(files)),
    () => {},
  ).finally(() => cache.delete(dicPath));
  return reading;
}

/**
 * The same files as a source named by a hash of the zipped files: ingest reads the tables it made from
 * them before, and unzips them only when it has to analyse.
 */
export async function ipadicSource(dicPath = defaultDicPath()): Promise<IpadicSource> {
  const hash = createHash('sha256');
  for (const name of PARTS) hash.update(await readFile(join(dicPath, `${name}.dat.gz`)).catch(() => Buffer.from(`missing ${name}`)));
  return { id: hash.digest('hex'), load: () => readIpadic(dicPath) };
}
