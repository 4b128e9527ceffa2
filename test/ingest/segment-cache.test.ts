import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEGMENTS } from '../../src/ingest/ingest.js';
import { folderSegmentCache } from '../../src/ingest/segment-cache.js';
import { realEngine } from '../helpers.js';

describe('folderSegmentCache on the seed corpus’s analysed segments', () => {
  it('reads back what it wrote, refuses a damaged file, and reads a file checked by sha256 as earlier builds wrote them', async () => {
    const { indexDir } = await realEngine();
    const dir = join(indexDir, SEGMENTS);
    const key = (await readdir(dir)).find((f) => !f.startsWith('group-'))!.slice(0, -'.bin'.length);
    const cache = folderSegmentCache(dir);
    const segment = (await cache.get(key))!;
    expect(segment.views.words.keys.length).toBeGreaterThan(0);
    await cache.put(key, segment);
    const file = join(dir, `${key}.bin`);
    const data = await readFile(file);
    expect(data.subarray(4, 32).toString()).toBe('madoguchi-segment crc32 mark');
    expect(await cache.get(key)).toEqual(segment);

    const damaged = Buffer.from(data);
    damaged[damaged.length - 1]! ^= 1;
    await writeFile(file, damaged);
    expect(await cache.get(key)).toBeNull();

    const body = data.subarray(32);
    await writeFile(file, Buffer.concat([createHash('sha256').update(body).digest(), body]));
    expect(await cache.get(key)).toEqual(segment);
  });
});
