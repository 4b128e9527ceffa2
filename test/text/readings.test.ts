import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/adapter/node/load-index.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { ANALYZER_ID } from '../../src/text/analyzer.js';
import { createKanaReader, kanaRuns, soundsAlike, toKatakana, type ReadingTable } from '../../src/text/readings.js';
import { spelledOut } from '../../src/text/spelling.js';
import { realEngine } from '../helpers.js';

describe('the readings table ingest builds from the corpus', () => {
  let engine: SearchEngine;
  let table: ReadingTable;
  beforeAll(async () => {
    const real = await realEngine();
    engine = real;
    table = (await loadIndex(real.indexDir, { analyzer: ANALYZER_ID })).readings;
  });

  it('maps the katakana reading of each word the corpus uses to that word, as indexed', () => {
    expect(table.words['シエン']).toEqual(['支援']);
    expect(table.words['ショウエネ']).toEqual(['省エネ']);
    expect(table.words['セキソウ']).toEqual(['積層']);
    // A conjugated form reads as the verb's base form; a katakana word IPADIC lacks reads as written.
    expect(table.words['ウケ']).toEqual(['受ける']);
    expect(table.words['サイバーセキュリティ']).toEqual(['サイバーセキュリティ']);
    // The corpus never writes 問い合わせ: no reading brings it in.
    expect(table.words['トイアワセ']).toBeUndefined();
  });

  it('holds the readings of the words the analyser drops, and of kanji written alone', () => {
    for (const r of ['ヲ', 'ノ', 'ハ', 'デス', 'カ', 'ドコ', 'アリ', 'マス', 'タイ']) expect(table.skip, r).toContain(r);
    expect(table.skip).not.toContain('シエン');
    expect(table.kanji['縁']).toEqual(['エニシ', 'エン', 'フチ', 'ユカリ', 'ヨ', 'ヨスガ']);
    expect(table.kanji['援']).toBeUndefined();
  });

  it('segments a kana run into corpus words, reading particles and the analyser\'s other words past', () => {
    const read = createKanaReader(table);
    expect(read('せきそうぞうけいのといあわせさきはどこですか', ['といあわせ'])).toEqual({
      words: [
        { written: 'せきそう', words: ['積層'] },
        { written: 'ぞうけい', words: ['造形'] },
        { written: 'さき', words: ['先'] },
      ],
      unread: 0,
      longChars: 8,
      longWords: 2,
    });
    expect(read('しょうえねしんだんをうけたい')?.words).toEqual([
      { written: 'しょうえね', words: ['省エネ'] },
      { written: 'しんだん', words: ['診断'] },
      { written: 'うけ', words: ['受ける'] },
    ]);
    // Only two-kana homophones (アメリ・カン → 間, は・どう → 同) read nothing.
    expect(read('アメリカン')).toBeNull();
    expect(read('はどうなる')).toBeNull();
  });

  it('tells a kanji converted wrongly by its sound', () => {
    const readingsOf = (w: string) => Object.entries(table.words).filter(([, ws]) => ws.includes(w)).map(([r]) => r);
    expect(soundsAlike(table, readingsOf, '支援', 1, '縁')).toBe(true);
    expect(soundsAlike(table, readingsOf, '診断', 1, '段')).toBe(true);
    expect(soundsAlike(table, readingsOf, '社会', 1, '公')).toBe(false);
  });

  it('expands a question typed in kana with the words it reads as, below the weight of written words', () => {
    const terms = engine.expand('ショウエネシンダンヲウケタイ');
    expect(terms.own).toEqual(['省エネ', '診断', '受ける']);
    expect(terms.words).toEqual([
      { term: '省エネ', weight: 0.8 },
      { term: '診断', weight: 0.8 },
      { term: '受ける', weight: 0.8 },
    ]);
    expect(terms.origins.map((o) => [o.trigger, o.expansion, o.kind])).toEqual([
      ['ショウエネ', '省エネ', 'reading'],
      ['シンダン', '診断', 'reading'],
      ['ウケ', '受ける', 'reading'],
    ]);
    expect(engine.expand('さいばーせきゅりてぃたいさくのしえんはありますか').own).toEqual(['サイバーセキュリティ', '対策', '支援']);
  });

  it('leaves kana the analyser reads alone: okurigana, particles, a katakana word', () => {
    expect(engine.expand('省エネ診断を受けたいのですが').origins.filter((o) => o.kind === 'reading')).toEqual([]);
    expect(engine.expand('ネイティブ・アメリカンは石油を何に使ったか').origins.filter((o) => o.kind === 'reading')).toEqual([]);
  });

  it('answers questions typed in kana with the program they are about, not a refusal', async () => {
    const answerer = createExtractiveAnswerer(engine);
    const ask = (question: string) => answerer.answer({ question, history: [], mode: 'answer' });
    const contact = await ask('せきそうぞうけいのといあわせさきはどこですか');
    expect(contact.answerable).toBe(true);
    expect(contact.citations[0]!.program.title).toBe('積層造形部品開発の効率化のための基盤技術開発事業');
    expect(contact.answer).toContain('03-3501-1063');
    expect((await ask('さいばーせきゅりてぃたいさくのしえんはありますか')).citations[0]!.program.title).toBe('中小企業サイバーセキュリティ対策支援促進事業');
    expect((await ask('ショウエネシンダンヲウケタイ')).citations[0]!.program.title).toBe('中小企業等に対する省エネルギー診断事業費補助金');
  });

  it('reads what a kana or misspelt question asks for as the words it reads as: よさん asks the budget', async () => {
    expect(spelledOut('りしほきゅうのじょせいじぎょうのよさんは', engine.expand('りしほきゅうのじょせいじぎょうのよさんは'))).toBe('利子補給の助成事業の予算は');
    expect(spelledOut('省エネ診段の補助率は？', engine.expand('省エネ診段の補助率は？'))).toBe('省エネ診断の補助率は?');
    // Nothing read: the question as it is, spaces and all.
    expect(spelledOut('What is the budget?', engine.expand('What is the budget?'))).toBe('What is the budget?');
    const answerer = createExtractiveAnswerer(engine);
    const budget = await answerer.answer({ question: 'サイバーセキュリティタイサクノヨサンハ', history: [], mode: 'answer' });
    expect(budget.citations[0]!.program.title).toBe('中小企業サイバーセキュリティ対策支援促進事業');
    expect(budget.answer).toContain('5.0億円');
  });
});

describe('kana helpers', () => {
  it('turns hiragana into katakana and finds runs of one kana script', () => {
    expect(toKatakana('さいばーせきゅりてぃ')).toBe('サイバーセキュリティ');
    expect(kanaRuns('省エネしんだんをうけたい')).toEqual(['エネ', 'しんだんをうけたい']);
  });
});
