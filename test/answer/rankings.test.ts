import { beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import { parseRanking } from '../../src/answer/rank-spec.js';
import type { Answerer } from '../../src/answer/types.js';
import { itWithEdict } from '../edict.js';
import { realEngine } from '../helpers.js';

const titles = (r: { citations: { program: { title: string } }[] }) => r.citations.map((c) => c.program.title);

describe('rankings and comparisons over the seed catalog', () => {
  let answerer: Answerer;
  beforeAll(async () => {
    answerer = createExtractiveAnswerer(await realEngine());
  });
  const ask = (question: string) => answerer.answer({ question, history: [], mode: 'answer' });

  it('names the largest budget request, citing its budget line', async () => {
    const r = await ask('令和2年度の予算が一番大きい事業は？');
    expect(r.answer).toBe('令和2年度概算要求額が最も大きい事業は「省エネルギー投資促進に向けた支援補助金」595.3億円[1]です。');
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]).toMatchObject({ program: { title: '省エネルギー投資促進に向けた支援補助金' }, section: '予算', source: { lines: [95, 104] } });
  });

  it('names the smallest', async () => {
    const r = await ask('概算要求額が最も少ない事業はどれですか');
    expect(r.answer).toBe('令和2年度概算要求額が最も少ない事業は「原子力発電施設等の周辺地域における大規模開発地区への企業立地を促進する補助金」0.6億円[1]です。');
    expect(r.citations[0]!.section).toBe('予算');
  });

  it('gives the top three in order, each with its amount and its own citation', async () => {
    const r = await ask('予算額が大きい順に上位3つの事業を教えて');
    expect(r.answer).toBe(
      '令和2年度概算要求額が大きい順に上位3事業は、「省エネルギー投資促進に向けた支援補助金」595.3億円[1]、' +
        '「原子力発電施設等周辺地域企業立地支援事業費補助金」68.1億円[2]、「小規模事業者対策推進事業」59.2億円[3]です。',
    );
    expect(titles(r)).toEqual(['省エネルギー投資促進に向けた支援補助金', '原子力発電施設等周辺地域企業立地支援事業費補助金', '小規模事業者対策推進事業']);
    expect(r.citations.map((c) => c.section)).toEqual(['予算', '予算', '予算']);
  });

  it('keeps programs tied at the cut, and says so', async () => {
    const r = await ask('予算ワースト3');
    expect(titles(r).slice(2)).toEqual(['中小企業サイバーセキュリティ対策支援促進事業', '製造業における外国人材受入れ支援事業']);
    expect(r.answer).toContain('（同額の事業を含めて4事業）');
  });

  it('lists the programs under a bound, largest first, with full-width or kanji numerals', async () => {
    const r = await ask('予算が１０億円未満の事業は？');
    expect(r.answer).toBe(
      '概算要求額が10億円未満の事業は4件です（令和2年度概算要求額が大きい順）：「中小企業サイバーセキュリティ対策支援促進事業」5.0億円[1]、' +
        '「製造業における外国人材受入れ支援事業」5.0億円[2]、「積層造形部品開発の効率化のための基盤技術開発事業」1.5億円[3]、' +
        '「原子力発電施設等の周辺地域における大規模開発地区への企業立地を促進する補助金」0.6億円[4]。',
    );
    const over = await ask('十億円を超える事業はどれですか');
    expect(over.answer.startsWith('概算要求額が10億円超の事業は8件です')).toBe(true);
    expect(titles(over).at(-1)).toBe('中小企業等に対する省エネルギー診断事業費補助金');
    expect((await ask('一億五千万円以下の事業は？')).answer).toContain('「積層造形部品開発の効率化のための基盤技術開発事業」1.5億円[1]、「原子力発電施設等の周辺地域における大規模開発地区への企業立地を促進する補助金」0.6億円[2]');
  });

  it('ranks new programs only, and continuing ones only', async () => {
    const r = await ask('新規のうち一番大きい事業は');
    expect(r.answer).toBe('新規の事業のうち、令和2年度概算要求額が最も大きいのは「現地進出支援強化事業」19.0億円[1]です。');
    expect(titles(r)).toEqual(['現地進出支援強化事業']);
    const small = await ask('継続の事業のうち予算が最も小さいのは');
    expect(titles(small)).toEqual(['原子力発電施設等の周辺地域における大規模開発地区への企業立地を促進する補助金']);
  });

  it('lists the programs whose request rose, with both amounts and the difference', async () => {
    const r = await ask('前年度より予算が増えた事業は？');
    expect(r.answer).toBe(
      '前年度より概算要求額が増えた事業は6件です（令和2年度概算要求額が大きい順）：' +
        '「省エネルギー投資促進に向けた支援補助金」595.3億円（前年度551.8億円から43.5億円増）[1]、' +
        '「小規模事業者対策推進事業」59.2億円（前年度50.3億円から8.9億円増）[2]、' +
        '「技術協力活用型・新興国市場開拓事業」47.0億円（前年度44.0億円から3.0億円増）[3]、' +
        '「戦略的国際標準化加速事業」23.3億円（前年度22.3億円から1.0億円増）[4]、' +
        '「省エネルギー設備投資に係る利子補給金助成事業費補助金」16.0億円（前年度15.0億円から1.0億円増）[5]、' +
        '「製造業における外国人材受入れ支援事業」5.0億円（前年度1.0億円から4.0億円増）[6]。',
    );
    expect(titles(await ask('増額された事業を教えて'))).toEqual(titles(r));
  });

  it('says when no program qualifies, citing nothing', async () => {
    const r = await ask('前年度より予算が減った事業はありますか');
    expect(r).toMatchObject({ answerable: true, answer: 'この資料の事業のうち、前年度より概算要求額が減った事業はありません。', citations: [] });
  });

  it('combines a bound with a change, and ranks by the change itself', async () => {
    const r = await ask('10億円以上で前年度より増えた事業');
    expect(r.answer.startsWith('概算要求額が10億円以上で、前年度より増えた事業は5件です')).toBe(true);
    expect(titles(r)).not.toContain('製造業における外国人材受入れ支援事業');
    const most = await ask('前年度から一番増えた事業は');
    expect(most.answer).toBe('前年度からの増加額が最も大きい事業は「省エネルギー投資促進に向けた支援補助金」595.3億円（前年度551.8億円から43.5億円増）[1]です。');
  });

  it('ranks within a topic and gives a place', async () => {
    expect(titles(await ask('原子力関連で予算が最も大きい事業'))).toEqual(['原子力発電施設等周辺地域企業立地支援事業費補助金']);
    expect((await ask('予算が２番目に大きい事業は')).answer).toBe('令和2年度概算要求額が2番目に大きい事業は「原子力発電施設等周辺地域企業立地支援事業費補助金」68.1億円[1]です。');
    // Two new programs have no third place: both are given.
    expect(titles(await ask('新規の事業で3番目に大きい事業'))).toEqual(['現地進出支援強化事業', '中小企業サイバーセキュリティ対策支援促進事業']);
  });

  itWithEdict('answers in English', async () => {
    const r = await ask('Which program has the largest budget?');
    expect(r.answer).toBe('The program with the largest budget request is 「省エネルギー投資促進に向けた支援補助金」595.3億円[1].');
  });

  it('leaves a question that names a program to that program', async () => {
    const r = await ask('「省エネルギー投資促進に向けた支援補助金」の予算は？');
    expect(r.answer).toMatch(/^「省エネルギー投資促進に向けた支援補助金」の令和2年度概算要求額は595\.3億円（前年度551\.8億円）です\[1\]。※（）内のうち臨時・特別の措置120\.4億円\[1\]。/);
    expect(titles(r)).toEqual(['省エネルギー投資促進に向けた支援補助金']);
  });

  it('refuses a ranking about what no document mentions', async () => {
    const r = await ask('農林水産省の予算が一番大きい事業は？');
    expect(r.answerable).toBe(false);
    expect(r.citations).toEqual([]);
  });
});

describe('parseRanking', () => {
  const spec = { order: 'desc', by: 'amount', count: null, nth: null, min: null, max: null, status: null, change: null };

  it.each([
    ['令和2年度の予算が一番大きい事業は？', { count: 1 }],
    ['概算要求額が最も少ない事業はどれですか', { order: 'asc', count: 1 }],
    ['予算額が大きい順に上位3つの事業を教えて', { count: 3 }],
    ['予算トップ５', { count: 5 }],
    ['予算ワースト3', { order: 'asc', count: 3 }],
    ['予算が2番目に大きい事業', { count: 1, nth: 2 }],
    ['予算が10億円未満の事業は？', { max: { value: 10, inclusive: false } }],
    ['５０００万円以上の事業', { min: { value: 0.5, inclusive: true } }],
    ['十億円を超える事業', { min: { value: 10, inclusive: false } }],
    ['10億円から50億円の事業は', { min: { value: 10, inclusive: true }, max: { value: 50, inclusive: true } }],
    ['新規のうち一番大きい事業は', { count: 1, status: 'new' }],
    ['継続の事業のうち予算が最も小さいのは', { order: 'asc', count: 1, status: 'continuing' }],
    ['前年度より予算が増えた事業は？', { change: 'up' }],
    ['減額された事業は？', { change: 'down' }],
    ['前年度と同額の事業は', { change: 'same' }],
    ['前年度から一番増えた事業は', { by: 'change', count: 1, change: 'up' }],
  ])('%s', (question, expected) => {
    expect(parseRanking(question)).toEqual({ ...spec, ...expected });
  });

  it.each([
    '新規に要求されている事業はどれですか？',
    '省エネ関連の3つの事業の概算要求額を合計するといくらですか？',
    'ZEHの補助の上限額は最大いくら？',
    '雇用の増加につながる補助金の予算を教えて',
    '省エネ投資の補助金は前年度より増えていますか',
  ])('asks for no ranking: %s', (question) => {
    expect(parseRanking(question)).toBeNull();
  });
});
