import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/adapter/node/load-index.js';
import { ingest } from '../../src/ingest/ingest.js';
import { ANALYZER_ID } from '../../src/text/analyzer.js';
import { loadSudachiGroups } from '../../src/ingest/sudachi.js';
import { buildFiles, CORPUS, DOCUMENT, ipadic, SHARED, tempDir } from '../helpers.js';

describe('incremental ingest', () => {
  it('re-analyses only the segments whose programs changed, were added or deleted, and builds byte for byte what a fresh ingest builds', async () => {
    const root = await tempDir();
    const corpusDir = join(root, 'corpus');
    const supports = join(corpusDir, 'supports.json');
    await mkdir(corpusDir);
    // The first 400 of ミラサポplus's 1,112 programs: several segments, a few seconds to build.
    const json = JSON.parse(await readFile(join(SHARED, 'corpora', 'mirasapo', 'supports.json'), 'utf8'));
    const key = Array.isArray(json) ? null : Object.keys(json).find((k) => Array.isArray(json[k]))!;
    const all: Record<string, unknown>[] = key === null ? json : json[key];
    const records = all.slice(0, 400);
    const write = () => writeFile(supports, JSON.stringify(key === null ? records : { ...json, [key]: records }));
    await write();
    const indexDir = join(root, 'index');
    const first = await ingest({ corpusDir, indexDir, ipadic: await ipadic(), threads: 1 });
    expect(first.segments.analysed).toBe(first.segments.total);
    expect(first.segments.total).toBe(4);
    const fresh = async (name: string) => {
      const dir = join(root, name);
      const report = await ingest({ corpusDir, indexDir: dir, ipadic: await ipadic(), threads: 1 });
      expect(report.segments.analysed).toBe(report.segments.total);
      return dir;
    };

    // One program gains a sentence.
    const record = records[200]!;
    const field = Object.keys(record).find((k) => typeof record[k] === 'string' && (record[k] as string).length > 40)!;
    record[field] = `${record[field]}申請は電子申請で受け付けます。`;
    await write();
    const second = await ingest({ corpusDir, indexDir, ipadic: await ipadic(), threads: 1 });
    expect(second.segments).toEqual({ total: 4, analysed: 1 });
    const changed = await fresh('fresh-changed');
    expect(await buildFiles(indexDir)).toEqual(await buildFiles(changed));
    const [a, b] = await Promise.all([loadIndex(indexDir, { analyzer: ANALYZER_ID }), loadIndex(changed, { analyzer: ANALYZER_ID })]);
    expect(a.catalog.programs.find((p) => p.source.record === String(record.id))!.sections.some((s) => s.text.endsWith('申請は電子申請で受け付けます。'))).toBe(true);
    expect(a.lexical).toEqual(b.lexical);
    expect(a.readings).toEqual(b.readings);

    // One program is deleted near the start, and one added (the 401st) at the end: the first and last segments change.
    records.splice(10, 1);
    records.push(all[400]!);
    await write();
    const third = await ingest({ corpusDir, indexDir, ipadic: await ipadic(), threads: 1 });
    expect(third.segments).toEqual({ total: 4, analysed: 2 });
    expect(third.programs.map((p) => p.title)).toEqual(records.map((r) => r.title));
    expect(await buildFiles(indexDir)).toEqual(await buildFiles(await fresh('fresh-added')));

    // Nothing changed: nothing is analysed, and the build is the same.
    const before = await buildFiles(indexDir);
    expect((await ingest({ corpusDir, indexDir, ipadic: await ipadic(), threads: 1 })).segments).toEqual({ total: 4, analysed: 0 });
    expect(await buildFiles(indexDir)).toEqual(before);
    // Six ingests, three of them from scratch.
  }, 300_000);

  it('reads neither IPADIC nor the Sudachi dictionary again once their tables are kept, even to analyse a changed segment', async () => {
    const root = await tempDir();
    const corpusDir = join(root, 'corpus');
    await cp(CORPUS, corpusDir, { recursive: true });
    const indexDir = join(root, 'index');
    const sources = (load: boolean) => ({
      ipadic: { id: 'ipadic-under-test', load: () => (load ? ipadic() : Promise.reject(new Error('IPADIC read'))) },
      sudachi: { id: 'sudachi-under-test', load: () => (load ? loadSudachiGroups() : Promise.reject(new Error('Sudachi read'))) },
    });
    const first = await ingest({ corpusDir, indexDir, ...sources(true), threads: 1 });
    expect(first.segments.analysed).toBe(first.segments.total);
    const document = join(corpusDir, DOCUMENT);
    await writeFile(document, (await readFile(document, 'utf8')).replace('看護師・介護福祉士の円滑な受入れ', '看護師・介護福祉士の円滑で確実な受入れ'));
    const second = await ingest({ corpusDir, indexDir, ...sources(false), threads: 1 });
    expect(second.segments).toEqual({ total: first.segments.total, analysed: 1 });
    const fresh = join(root, 'fresh');
    await ingest({ corpusDir, indexDir: fresh, ipadic: await ipadic(), threads: 1 });
    expect(await buildFiles(indexDir)).toEqual(await buildFiles(fresh));
  });
});
