import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogView } from '../../src/answer/catalog-view.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import { judgeScope } from '../../src/answer/scope.js';
import type { Answerer } from '../../src/answer/types.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { realEngine, SHARED, tempDir } from '../helpers.js';

// ミラサポplus records: the 基地局 grant of 岩手県 (1033) and the grant known as フロンティア補助金 (2817),
// among the catalog's first 40 records.
const EXTRA = new Set(['1033', '2817']);

describe('scope over a real catalog (ミラサポplus sample)', () => {
  let engine: SearchEngine;
  let answerer: Answerer;
  beforeAll(async () => {
    const { items } = JSON.parse(await readFile(join(SHARED, 'corpora', 'mirasapo', 'supports.json'), 'utf8')) as { items: { id: string }[] };
    const sample = items.filter((r, i) => i < 40 || EXTRA.has(r.id));
    const dir = await tempDir();
    await writeFile(join(dir, 'supports.json'), JSON.stringify({ total: sample.length, items: sample }));
    engine = await realEngine(dir);
    answerer = createExtractiveAnswerer(engine);
  });
  const ask = (question: string) => answerer.answer({ question, history: [], mode: 'answer' });
  const coverage = (question: string, record: string) => {
    const id = engine.programs.find((p) => p.source.record === record)!.id;
    return judgeScope(engine, catalogView(engine), question, engine.expand(question), [id]).coverage;
  };

  it('counts nothing of a compound holding a word no document uses: 基地 of 月面基地 is not the 基地 of 基地局', async () => {
    const question = '月面基地の建設に使える補助金はありますか';
    // 基地, 補助 and 金 are in the 基地局 grant's text, 建設 is not, 月面 is in none: only 補助 and 金 count.
    const idf = (w: string) => engine.lexical.idf('words', w);
    const all = engine.lexical.maxIdf('words') + idf('基地') + idf('建設') + idf('補助') + idf('金');
    expect(coverage(question, '1033')).toBeCloseTo((idf('補助') + idf('金')) / all, 12);
    expect((await ask(question)).answerable).toBe(false);
  });

  it('still answers a compound the documents write', async () => {
    const { answerable, citations } = await ask('携帯電話の基地局の整備に使える補助金はありますか');
    expect(answerable).toBe(true);
    expect(citations[0]!.program.title).toBe('岩手県携帯電話等エリア整備事業費補助');
  });

  it('knows a grant by the name its record lists as a keyword', async () => {
    const { answerable, citations } = await ask('フロンティア補助金');
    expect(answerable).toBe(true);
    expect(citations[0]!.program.title).toBe('新市場開拓支援事業費補助金');
  });
});

describe('scope of AのB questions on the seed document', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await realEngine();
  });
  const judge = async (question: string) => {
    const hits = await engine.retriever.searchPrograms(question, 3);
    return judgeScope(engine, catalogView(engine), question, engine.expand(question), hits.map((h) => h.chunk.programId));
  };

  it('covers nothing of AのB when no document uses any word of A or of B: 自動車 of 自動車の車検 is not the cyber program\'s', async () => {
    expect(await judge('自動車の車検はどこで受けられますか')).toMatchObject({ answerable: false, coverage: 0 });
    // Nor of B when no document uses A: 料金 of スマホの料金 is not the 電気料金 of the 原子力 program.
    expect(await judge('スマホの料金を安くしたい')).toMatchObject({ answerable: false, coverage: 0 });
    expect((await judge('ベトナムの人を雇いたい')).answerable).toBe(true);
  });

  it('still answers when B is an attribute a program may state, or holds a word the documents use', async () => {
    expect((await judge('外国人材受入れ支援事業の申請期限はいつですか')).answerable).toBe(true);
    expect((await judge('省エネ診断の補助率は何％ですか？')).answerable).toBe(true);
    expect((await judge('新しい技術の国際ルール作りを支援してほしい')).answerable).toBe(true);
  });
});
