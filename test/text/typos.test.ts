import { beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createTypoIndex, oneEdit } from '../../src/text/typos.js';
import { realEngine } from '../helpers.js';

describe('createTypoIndex', () => {
  const index = createTypoIndex(['支援', '支店', '診断', 'サイバーセキュリティ', '受入れ', '費'], (w) => (w === '支援' ? 0 : 1));

  it('finds the words one substitution, insertion, deletion or swap away, the most used first', () => {
    expect(index.near('支縁')).toEqual(['支援', '支店']);
    expect(index.near('受け入れ')).toEqual(['受入れ']);
    expect(index.near('サイバーセキュリテイ')).toEqual(['サイバーセキュリティ']);
    expect(index.near('援支')).toEqual(['支援']);
    expect(index.near('支縁', (neighbour) => neighbour !== '支援')).toEqual(['支店']);
  });

  it('gives nothing for a word with no near neighbour, or of one character', () => {
    expect(index.near('鳳凰')).toEqual([]);
    expect(index.near('費')).toEqual([]);
  });

  it('names the edit', () => {
    expect(oneEdit(Array.from('支縁'), Array.from('支援'))).toEqual({ kind: 'substituted', at: 1, typed: '縁', meant: '援' });
    expect(oneEdit(Array.from('受け入れ'), Array.from('受入れ'))).toEqual({ kind: 'inserted', at: 1, typed: 'け', meant: 'け' });
    expect(oneEdit(Array.from('受入れ'), Array.from('受け入れ'))).toEqual({ kind: 'deleted', at: 1, typed: 'け', meant: 'け' });
    expect(oneEdit(Array.from('支援'), Array.from('支援'))).toBeNull();
    expect(oneEdit(Array.from('支縁店'), Array.from('支援'))).toBeNull();
  });
});

describe('typos in questions on the corpus', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await realEngine();
  });
  const typos = (q: string) => engine.expand(q).origins.filter((o) => o.kind === 'typo').map((o) => [o.trigger, o.expansion]);

  it('matches a wrongly converted kanji to the word of the same sound, below the weight of written words', () => {
    const terms = engine.expand('外国人材の受け入れ支縁について知りたい');
    expect(terms.expansions).toContain('支援');
    expect(typos('外国人材の受け入れ支縁について知りたい')).toEqual([
      ['受け入れ', '受入れ'],
      ['支縁', '支援'],
    ]);
    expect(terms.words.filter((w) => ['支援', '受入れ'].includes(w.term))).toEqual([
      { term: '受入れ', weight: 0.8 },
      { term: '支援', weight: 0.8 },
    ]);
    expect(typos('省エネ診段を受けたいのですが問い合わせ先は？')).toEqual([['診段', '診断']]);
    expect(typos('積層造計の研究開発事業の予算は？')).toEqual([['造計', '造形']]);
    expect(typos('サイバーセキュリテイ対策の支援の問い合わせ先')).toEqual([['サイバーセキュリテイ', 'サイバーセキュリティ']]);
  });

  it('gives nothing for an unknown word with no near neighbour, or one another kanji makes another word of', () => {
    expect(typos('ジャガイモの補助金')).toEqual([]);
    // 内党 is not 内外 mistyped: 党 does not sound as 外.
    expect(typos('団体内党後援会')).toEqual([]);
    expect(typos('人種の構成')).toEqual([]);
  });

  it('answers despite one wrong character', async () => {
    const answerer = createExtractiveAnswerer(engine);
    const ask = (question: string) => answerer.answer({ question, history: [], mode: 'answer' });
    const staff = await ask('外国人材の受け入れ支縁について知りたい');
    expect(staff.answerable).toBe(true);
    expect(staff.citations[0]!.program.title).toBe('製造業における外国人材受入れ支援事業');
    const audit = await ask('省エネ診段を受けたいのですが問い合わせ先は？');
    expect(audit.answerable).toBe(true);
    expect(audit.citations[0]!.program.title).toBe('中小企業等に対する省エネルギー診断事業費補助金');
    expect(audit.answer).toContain('03-3501-9726');
    expect((await ask('診段の問い合わせ先')).answerable).toBe(true);
  });
});
