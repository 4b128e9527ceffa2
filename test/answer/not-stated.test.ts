import { beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import type { Answerer } from '../../src/answer/types.js';
import { itWithEdict } from '../edict.js';
import { realEngine } from '../helpers.js';

describe('what the documents do not state, and what they do', () => {
  let answerer: Answerer;
  beforeAll(async () => {
    answerer = createExtractiveAnswerer(await realEngine());
  });
  const ask = async (question: string) => (await answerer.answer({ question, history: [], mode: 'answer' })).answer;

  it('says a rate or a deadline is not stated and gives whom to ask, quoting nothing in its place', async () => {
    expect(await ask('省エネ診断の補助率は何％ですか？')).toBe(
      '「中小企業等に対する省エネルギー診断事業費補助金」の資料には補助率の記載はありません[1]。問い合わせ先は資源エネルギー庁 省エネルギー・新エネルギー部 省エネルギー課（電話 03-3501-9726）です[1]。',
    );
    expect(await ask('サイバーセキュリティ対策支援の申請締切はいつですか？')).toBe(
      '「中小企業サイバーセキュリティ対策支援促進事業」の資料には申請期間・締切の記載はありません[1]。問い合わせ先は商務情報政策局 サイバーセキュリティ課（電話 03-3501-1253）、中小企業庁 技術・経営革新課（電話 03-3501-1816）です[1]。',
    );
  });

  it('quotes the rate a document does state', async () => {
    expect(await ask('原子力発電所の周辺に立地する企業への給付金の補助率は？')).toMatch(/^「原子力発電施設等周辺地域企業立地支援事業費補助金」の補助率は、定額（立地地点、契約電力、雇用者数等により補助金額を算定）です\[1\]。/);
  });

  it('quotes a limit written without the word 上限額 (2,500円を限度とし)', async () => {
    expect(await ask('むつ小川原開発地区に進出する企業の用地取得費の補助の上限は？')).toContain('2,500円を限度とし');
  });

  it("quotes a program's period as the document states it, and not for a 期間 the question names as a goal", async () => {
    expect(await ask('小規模事業者支援の事業はいつまで実施されますか')).toBe(
      '「小規模事業者対策推進事業」の期間は、平成31年度から令和5年度までの5年間です[1]。この資料には問い合わせ先の記載がありません。',
    );
    expect(await ask('積層造形技術で金属部品の開発期間をどのくらい短縮することを目指していますか？')).toContain('1/5');
  });

  itWithEdict('says so in English too', async () => {
    expect(await ask('What is the subsidy rate of the energy-saving diagnosis program?')).toMatch(/^The document for 「中小企業等に対する省エネルギー診断事業費補助金」 does not state the subsidy rate\[1\]\./);
  });
});
