import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/adapter/node/load-index.js';
import { ingest } from '../../src/ingest/ingest.js';
import { ANALYZER_ID } from '../../src/text/analyzer.js';
import { ipadic, SHARED, tempDir } from '../helpers.js';

describe('incremental ingest', () => {
  it('re-analyses only the segment whose program changed, and builds what a fresh ingest builds', async () => {
    const root = await tempDir();
    const corpusDir = join(root, 'corpus');
    const supports = join(corpusDir, 'supports.json');
    await mkdir(corpusDir);
    // The first 400 of ミラサポplus's 1,112 programs: several segments, a few seconds to build.
    const json = JSON.parse(await readFile(join(SHARED, 'corpora', 'mirasapo', 'supports.json'), 'utf8'));
    const key = Array.isArray(json) ? null : Object.keys(json).find((k) => Array.isArray(json[k]))!;
    const records: Record<string, unknown>[] = (key === null ? json : json[key]).slice(0, 400);
    const write = () => writeFile(supports, JSON.stringify(key === null ? records : { ...json, [key]: records }));
    await write();
    const indexDir = join(root, 'index');
    const first = await ingest({ corpusDir, indexDir, ipadic: await ipadic(), threads: 1 });
    expect(first.segments.analysed).toBe(first.segments.total);
    expect(first.segments.total).toBeGreaterThan(1);

    // One program gains a sentence.
    const record = records[200]!;
    const field = Object.keys(record).find((k) => typeof record[k] === 'string' && (record[k] as string).length > 40)!;
    record[field] = `${record[field]}申請は電子申請で受け付けます。`;
    await write();

    const second = await ingest({ corpusDir, indexDir, ipadic: await ipadic(), threads: 1 });
    expect(second.segments).toEqual({ total: first.segments.total, analysed: 1 });
    const fresh = join(root, 'fresh');
    expect((await ingest({ corpusDir, indexDir: fresh, ipadic: await ipadic(), threads: 1 })).segments.analysed).toBe(first.segments.total);
    const [a, b] = await Promise.all([loadIndex(indexDir, { analyzer: ANALYZER_ID }), loadIndex(fresh, { analyzer: ANALYZER_ID })]);
    expect(a.lexical).toEqual(b.lexical);
    expect(a.vectors).toEqual(b.vectors);
    expect(a.catalog).toEqual(b.catalog);
    expect(a.manifest.corpusHash).toBe(b.manifest.corpusHash);
  });
});
