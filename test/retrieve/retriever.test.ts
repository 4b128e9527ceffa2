import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { evalRows, realEngine, tempDir, type EvalRow } from '../helpers.js';

/** The question a retriever sees for a row: a follow-up carries the user's earlier turns with it. */
const asked = (row: EvalRow) => [...(row.history ?? []).filter((h) => h.role === 'user').map((h) => h.content), row.question].join(' ');

describe('program retrieval on the corpus', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await realEngine();
  });

  const top = async (q: string) => (await engine.retriever.searchPrograms(q, 3)).map((h) => h.chunk.programTitle);

  it('puts the expected program first for at least 44 of the 46 answerable dev questions', async () => {
    const rows = (await evalRows()).filter((r) => r.answerable && r.program);
    const missed: string[] = [];
    for (const row of rows) {
      const [first] = await top(asked(row));
      if (![row.program, ...(row.also ?? [])].includes(first)) missed.push(`${row.id} ${row.question} → ${first}`);
    }
    expect(rows).toHaveLength(46);
    expect(missed.length, missed.join('\n')).toBeLessThanOrEqual(2);
  });

  it('bridges plain words to the document\'s words', async () => {
    expect((await top('3Dプリンターで金属部品を作る技術'))[0]).toBe('積層造形部品開発の効率化のための基盤技術開発事業');
    expect((await top('ハッカーが心配な町工場です'))[0]).toBe('中小企業サイバーセキュリティ対策支援促進事業');
    expect((await top('工場の電気代が高くて困っています'))).toContain('省エネルギー投資促進に向けた支援補助金');
  });

  it('gives fixed questions their chunks and fused scores to the last bit', async () => {
    const ranked = async (q: string) => (await engine.retriever.search(q, 5)).map((h) => [h.chunk.id, h.score]);
    expect(await ranked('工場の電気代が高くて困っています')).toEqual([[15, 4.133951761449286], [34, 3.689459170566106], [27, 3.0183776616288633], [16, 3.008564229372585], [32, 2.557746603071352]]);
    expect(await ranked('3Dプリンターで金属部品を作る技術')).toEqual([[13, 4.720948948521174], [10, 4.571871276101557], [9, 3.9906533983485155], [12, 3.347618321895491], [11, 3.263181994766728]]);
    expect(await ranked('ハッカーが心配な町工場です')).toEqual([[63, 4.151385892182647], [62, 3.2229663884449153], [65, 2.678898552238908], [64, 2.656113421058477], [27, 1.2935679566948144]]);
  });

  it('ranks programs by their best chunk, one hit per program', async () => {
    const hits = await engine.retriever.searchPrograms('省エネ', 12);
    expect(new Set(hits.map((h) => h.chunk.programId)).size).toBe(hits.length);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('finds the sub-item a question is about, with its own contact', async () => {
    const [hit] = await engine.retriever.search('看護師・介護福祉士候補者の日本語研修', 1);
    expect(hit!.chunk).toMatchObject({ item: '(5)', contacts: [{ phone: '03-3501-1953', scope: '(5)' }] });
  });

  it('returns nothing for a query with no word the corpus knows', async () => {
    expect(await engine.retriever.search('zzqx', 5)).toEqual([]);
  });
});

describe('generic documents', () => {
  it('index and serve Markdown and plain text, the document standing in for the program', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'guide.md'), '# 申請の手引き\n\n申請は電子申請システムで受け付けます。\n\n## 締切\n\n締切は公募要領で確認してください。\n');
    await writeFile(join(dir, 'memo.txt'), '窓口は平日の9時から17時まで開いています。\n');
    const engine = await realEngine(dir);
    expect(engine.programs.map((p) => [p.kind, p.title, p.contacts])).toEqual([
      ['document', '申請の手引き', []],
      ['document', 'memo', []],
    ]);
    const [hit] = await engine.retriever.search('締切はいつ？', 1);
    expect(hit!.chunk).toMatchObject({ programTitle: '申請の手引き', section: '締切', text: '締切は公募要領で確認してください。', source: { document: 'guide.md', lines: [7, 7] } });
  });
});
