import { beforeAll, describe, expect, it } from 'vitest';
import { loadSudachiGroups } from '../../src/ingest/sudachi.js';
import type { Analyzer } from '../../src/text/analyzer.js';
import { createQueryExpander, synonymTableFrom } from '../../src/text/synonyms.js';
import { analyzer as makeAnalyzer } from '../helpers.js';

describe('synonymTableFrom', () => {
  const groups = [
    { items: [{ midashi: '曖昧', expandControl: 0 }, { midashi: 'あいまい', expandControl: 0 }, { midashi: '不明確', expandControl: 1 }] },
    { items: [{ midashi: '相談', expandControl: 0 }, { midashi: 'コンサルテーション', expandControl: 0 }, { midashi: '談合', expandControl: 2 }] },
    { items: [{ midashi: '宛先', expandControl: 0 }, { midashi: 'あて先', expandControl: 0 }] },
  ];

  it('keeps groups that reach the corpus and points every trigger at the corpus words', () => {
    expect(synonymTableFrom(groups, new Set(['不明確', '相談']))).toEqual({
      曖昧: ['不明確'],
      あいまい: ['不明確'],
      コンサルテーション: ['相談'],
    });
  });

  it('reads the real Sudachi dictionary', async () => {
    const table = synonymTableFrom(await loadSudachiGroups(), new Set(['電気料金']));
    expect(table['電気代']).toEqual(['電気料金']);
  });
});

describe('createQueryExpander', () => {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = await makeAnalyzer();
  });

  it('adds domain-lexicon phrases, with a lower weight than the question\'s own words', () => {
    const expand = createQueryExpander({ analyzer, synonyms: {}, lexicon: [['3Dプリンター', '積層造形']], weight: 0.4, known: (w) => w === 'プリンター' });
    const terms = expand('3Dプリンターで部品を作りたい');
    expect(terms.expansions).toEqual(['積層造形']);
    expect(terms.words.filter((w) => w.weight < 1)).toEqual([
      { term: '積層', weight: 0.4 },
      { term: '造形', weight: 0.4 },
    ]);
    expect(terms.words.filter((w) => w.weight === 1).map((w) => w.term)).toEqual(['3', 'd', 'プリンター', '部品', '作る']);
    expect(terms.own).toEqual(['3', 'd', 'プリンター', '部品', '作る']);
  });

  it('weighs a lexicon phrase as the user\'s own words when the corpus has none of the words it stands for', () => {
    const expand = createQueryExpander({ analyzer, synonyms: {}, lexicon: [['3Dプリンター', '積層造形']], weight: 0.4, known: (w) => w !== 'プリンター' });
    const terms = expand('3Dプリンターの補助金');
    expect(terms.words.filter((w) => ['積層', '造形'].includes(w.term))).toEqual([
      { term: '積層', weight: 1 },
      { term: '造形', weight: 1 },
    ]);
    expect(terms.own).toEqual(['3', 'd', 'プリンター', '補助', '金']);
  });

  it('matches a lexicon phrase by its words when the question splits it (経営の相談 ~ 経営相談)', () => {
    const expand = createQueryExpander({ analyzer, synonyms: {}, lexicon: [['経営相談', '経営指導']], weight: 0.4 });
    expect(expand('経営の相談をしたい').expansions).toEqual(['経営相談', '経営指導']);
  });

  it('uses Sudachi synonyms only for words the corpus lacks', () => {
    const synonyms = { 電気代: ['電気料金'], 相談: ['コンサルテーション'] };
    const expand = createQueryExpander({ analyzer, synonyms, lexicon: [], weight: 0.4, known: (w) => w === '相談' });
    expect(expand('電気代の相談').expansions).toEqual(['電気料金']);
  });

  it('drops kana-only bigrams (endings, particles) from a question', () => {
    const expand = createQueryExpander({ analyzer, synonyms: {}, lexicon: [], weight: 0.4 });
    expect(expand('困っています').grams.map((g) => g.term)).toEqual(['困っ']);
  });

  it('searches an English question with the best translation of each phrase at its weight, the others as expansions', () => {
    const english = { free: '無料 0.33', 'energy save': '省エネルギー 0.48 節電 0.3' };
    const expand = createQueryExpander({ analyzer, synonyms: {}, english, lexicon: [], weight: 0.4 });
    const terms = expand('Is there a free energy-saving audit for small businesses?');
    expect(terms.asked).toBe('無料 省エネルギー 中小企業 audit');
    expect(terms.words).toEqual([
      { term: '無料', weight: 0.33 },
      { term: '省エネルギー', weight: 0.48 },
      { term: '中小', weight: 0.6 },
      { term: '企業', weight: 0.6 },
      { term: 'audit', weight: 1 },
      { term: '節電', weight: 0.3 },
      { term: '小規模', weight: 0.6 },
      { term: '事業', weight: 0.6 },
      { term: '者', weight: 0.6 },
    ]);
    expect(terms.english!.map((u) => [u.phrase, u.translations.map((t) => `${t.term} ${t.credit}`)])).toEqual([
      ['free', ['無料 1']],
      ['energy save', ['省エネルギー 1', '節電 1']],
      ['small business', ['中小企業 1', '小規模事業者 1']],
      ['audit', ['audit 1']],
    ]);
  });

  it('weighs each word pair as its lighter word: 1 in a Japanese question, by the translations in an English one', () => {
    const expand = createQueryExpander({ analyzer, synonyms: {}, english: { free: '無料 0.33' }, lexicon: [], weight: 0.4 });
    expect(expand('省エネ診断を無料で受けたい').pairs).toEqual([
      { term: '省エネ 診断', weight: 1 },
      { term: '診断 無料', weight: 1 },
      { term: '無料 受ける', weight: 1 },
    ]);
    // The glossary reads energy audit as 省エネ診断, at 0.6.
    expect(expand('free energy audit').pairs).toEqual([
      { term: '無料 省エネ', weight: 0.33 },
      { term: '省エネ 診断', weight: 0.6 },
    ]);
  });

  it('brings a lexicon group in by the first of its phrases the question mentions, written or by its words', () => {
    const expand = createQueryExpander({ analyzer, synonyms: {}, lexicon: [['経営指導', '経営相談', '相談窓口']], weight: 0.4 });
    const terms = expand('相談窓口で経営の相談をしたい');
    // 経営相談 (by its words) comes before 相談窓口 (as written); what is written is not brought in again.
    expect(terms.expansions).toEqual(['経営指導', '経営相談']);
    expect(terms.origins.map((o) => [o.expansion, o.trigger, o.kind])).toEqual([['経営指導', '経営相談', 'lexicon'], ['経営相談', '経営相談', 'lexicon']]);
  });
});
