import { appError } from '../../errors.js';
import type { IndexStore } from '../../vectors/artifact.js';

/**
 * The part of an R2 bucket binding the index is read through (`R2Bucket` of @cloudflare/workers-types),
 * narrowed so that miniflare's bucket in Node serves as well.
 */
export interface R2BucketBinding {
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
}

/**
 * The bucket's layout, as `npm run worker:upload` writes it: each build's files under `builds/<build>/`,
 * the query dictionary once at the top under its manifest name (`dictionary-<sha256>.bin`, shared by the
 * builds analysed with it), and `CURRENT`, written last, naming the build in service.
 */
export const R2_CURRENT = 'CURRENT';

export function r2Key(build: string, name: string): string {
  return name.startsWith('dictionary-') ? name : `builds/${build}/${name}`;
}

/**
 * The build that the bucket's CURRENT names, as an index store (read it with `readIndexParts`). No
 * CURRENT → INDEX_MISSING; a file the manifest names but the bucket lacks → INDEX_CORRUPT.
 *
 * @example const parts = await readIndexParts(await r2IndexStore(env.INDEX), { analyzer: ANALYZER_ID });
 */
export async function r2IndexStore(bucket: R2BucketBinding): Promise<IndexStore> {
  const current = await bucket.get(R2_CURRENT);
  if (!current) throw appError('INDEX_MISSING', 'the INDEX bucket has no CURRENT build: run `npm run worker:upload`');
  const build = new TextDecoder().decode(await current.arrayBuffer()).trim();
  return {
    where: `the INDEX bucket's builds/${build}`,
    async read(name) {
      const key = r2Key(build, name);
      const object = await bucket.get(key);
      if (!object) throw appError('INDEX_CORRUPT', `${key} is missing from the INDEX bucket: run \`npm run worker:upload\``);
      return new Uint8Array(await object.arrayBuffer());
    },
  };
}
