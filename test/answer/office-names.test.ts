import { beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import type { Answerer } from '../../src/answer/types.js';
import { realEngine } from '../helpers.js';

describe('offices named otherwise than the document writes them', () => {
  let answerer: Answerer;
  beforeAll(async () => {
    answerer = createExtractiveAnswerer(await realEngine());
  });
  const ask = async (question: string) => (await answerer.answer({ question, history: [], mode: 'answer' })).answer;

  it("finds the program of an office the document misprints (素材材産業室 for 素形材産業室), giving the document's own name", async () => {
    expect(await ask('素形材産業室の電話番号を教えてください')).toMatch(
      /^「積層造形部品開発の効率化のための基盤技術開発事業」の問い合わせ先は、製造産業局 素材材産業室（電話 03-3501-1063）です\[1\]。/,
    );
  });

  it('answers for an office written with another kanji (洲 for 州), though no document uses that word', async () => {
    const answer = await ask('アジア大洋洲課の電話番号');
    expect(answer).toMatch(/^「技術協力活用型・新興国市場開拓事業」の.*通商政策局 アジア大洋州課（電話 03-3501-1953）/);
  });

  it('leaves an office written as the document writes it to retrieval', async () => {
    expect(await ask('サイバーセキュリティ課の電話番号を教えてください')).toContain('商務情報政策局 サイバーセキュリティ課（電話 03-3501-1253）');
  });
});
