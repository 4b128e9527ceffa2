import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import { parseEdictLine } from '../../src/ingest/edict.js';
import { englishWords, isEnglish, lemma, packTerms, translateEnglish, unpackTerms, type EnglishTable } from '../../src/text/english.js';
import { edictForms, englishTableFrom, glossKeys, indexEdict } from '../../src/text/english-table.js';
import type { SynonymTable } from '../../src/text/synonyms.js';
import { describeWithEdict } from '../edict.js';
import { realEngine } from '../helpers.js';

describe('lemma', () => {
  it('folds plurals, -ing and -ed to one form, putting back a silent e', () => {
    const cases = {
      subsidies: 'subsidy', loans: 'loan', businesses: 'business', taxes: 'tax', houses: 'house', startups: 'startup', status: 'status',
      hiring: 'hire', hired: 'hire', hire: 'hire', financing: 'finance', manufacturing: 'manufacture', running: 'run', starting: 'start',
      training: 'train', saving: 'save', savings: 'save', changing: 'change', needed: 'need', applied: 'apply', selling: 'sell', adding: 'add', ups: 'up', bus: 'bus', its: 'it',
      women: 'woman', news: 'news', labour: 'labor', organisation: 'organization', "company's": 'company', "employees'": 'employee',
    };
    expect(Object.fromEntries(Object.keys(cases).map((w) => [w, lemma(w)]))).toEqual(cases);
  });

  it('splits words at hyphens and drops articles', () => {
    expect(englishWords('An energy-saving R&D of the start-ups')).toEqual(['energy', 'save', 'r&d', 'of', 'start', 'up']);
    expect(englishWords('start-up')).toEqual(englishWords('start-ups'));
  });

  it('tells English questions from Japanese ones with Latin words', () => {
    expect(isEnglish('Which office handles the cybersecurity program?')).toBe(true);
    expect(isEnglish('UNAVEM IIは何の略')).toBe(false);
    expect(isEnglish('03-3501-1253')).toBe(false);
  });
});

describe('packTerms', () => {
  it('keeps terms and weights in one string, and reads them back', () => {
    expect(packTerms([['融資', 0.25], ['ローン', 0.23]])).toBe('融資 0.25 ローン 0.23');
    expect(unpackTerms('融資 0.25 ローン 0.23')).toEqual([['融資', 0.25], ['ローン', 0.23]]);
  });
});

describe('glossKeys', () => {
  it('keys a gloss without and with its parenthesis, a verb without "to"', () => {
    expect(glossKeys('free (of charge)')).toEqual([['free', false], ['free of charge', true]]);
    expect(glossKeys('(hospital) nurse')).toEqual([['nurse', false], ['hospital nurse', true]]);
    expect(glossKeys('to hire')).toEqual([['hire', false]]);
    expect(glossKeys('training (esp. in-service)')).toEqual([['train', false]]);
  });

  it('does not key elliptic, long or stopword-only glosses', () => {
    expect(glossKeys('pretending to ...')).toEqual([]);
    expect(glossKeys('person who starts a new business in a town')).toEqual([]);
    expect(glossKeys('help')).toEqual([]);
  });
});

describe('translateEnglish', () => {
  const table: EnglishTable = { loan: '融資 0.24', 'trade fair': '見本市 0.56', trade: '貿易 0.4', it: 'it 0.5' };

  it('matches the longest phrase first, each word once, and keeps acronyms and unknown words', () => {
    expect(translateEnglish('Loans for trade fairs and ZEH farmers', table)).toEqual({
      matches: [
        { phrase: 'loan', terms: [['融資', 0.24]] },
        { phrase: 'trade fair', terms: [['見本市', 0.56]] },
      ],
      acronyms: ['ZEH'],
      unknown: ['farmer'],
    });
  });

  it('looks a phrase up with any of the nouns English uses for a company, and reads against as no subject', () => {
    const found = translateEnglish('Funding for small firms against cyber attacks', { 'small business': '中小企業 0.6', 'cyber attack': 'サイバー攻撃 0.5' });
    expect(found.matches).toEqual([
      { phrase: 'small business', terms: [['中小企業', 0.6]] },
      { phrase: 'cyber attack', terms: [['サイバー攻撃', 0.5]] },
    ]);
    expect(found.unknown).toEqual(['fund']);
    expect(translateEnglish('small enterprises', { 'small company': '中小企業 0.6' }).matches.map((m) => m.phrase)).toEqual(['small company']);
  });

  it('looks a stopword up only when written as an acronym, and the first table that has a phrase gives it', () => {
    expect(translateEnglish('is it free', table).matches).toEqual([]);
    expect(translateEnglish('IT tools', table).matches).toEqual([{ phrase: 'it', terms: [['it', 0.5]] }]);
    expect(translateEnglish('loans', { loan: '貸付 0.6' }, table).matches).toEqual([{ phrase: 'loan', terms: [['貸付', 0.6]] }]);
  });
});

describe('englishTableFrom, on EDICT entries', () => {
  // Lines of /usr/share/edict/edict: 貸付 and 貸付け are one word (the same senses), 融資 another.
  const entries = [
    '融資 [ゆうし] /(n,vs) financing/loan/(P)/',
    '貸付 [かしつけ] /(n,vs) loan/(P)/',
    '貸付け [かしつけ] /(n,vs) loan/',
    'ローン /(n) (1) loan/(n) (2) roan/(n) (3) lawn (i.e. short grass)/(n) (4) lawn (type of cotton cloth)/(P)/',
    '見本市 [みほんいち] /(n) trade fair/(P)/',
    '沢山 [たくさん] /(adj-no,adj-na,n,n-adv) (1) (uk) a lot/lots/plenty/many/a large number/much/(P)/',
  ].map((l) => parseEdictLine(l)!);

  it("keeps the corpus's headwords, weighed by gloss, specificity and the corpus's use", () => {
    const idf = new Map([['融資', 2], ['貸付', 3]]);
    expect(englishTableFrom(indexEdict(entries), new Set(['融資', '貸付', '見本市', 'たくさん']), (t) => idf.get(t) ?? null)).toEqual({
      // Three words share "loan" (貸付 and 貸付け are one): each gets 1/(1 + log2(3)/2) of it; 融資 names
      // it second, 貸付 is used less (idf 3 against 2): 0.56 × 0.84 and 0.56 × 0.83.
      loan: '貸付 0.47 融資 0.46',
      finance: '融資 1',
      // 見本市 and たくさん have no idf here (the corpus does not use them): 0.75 of what their glosses give.
      'trade fair': '見本市 0.75',
      plenty: 'たくさん 0.54',
      'large number': 'たくさん 0.42',
    });
  });

  it('looks for the headword, and for the reading of a word usually written in kana', () => {
    expect(entries.map(edictForms)).toEqual([['融資'], ['貸付'], ['貸付け'], ['ローン'], ['見本市'], ['沢山', 'たくさん']]);
  });
});

describeWithEdict('the English table of the seed corpus', () => {
  let engine: Awaited<ReturnType<typeof realEngine>>;
  let table: EnglishTable;
  beforeAll(async () => {
    engine = await realEngine();
    const current = (await readFile(join(engine.indexDir, 'CURRENT'), 'utf8')).trim();
    table = (JSON.parse(await readFile(join(engine.indexDir, current, 'synonyms.json'), 'utf8')) as SynonymTable).en;
  });

  it('translates English words into the words the programs use', () => {
    expect(table['trade fair']).toBe('見本市 0.56');
    expect(table.export).toBe('輸出 0.5');
    expect(table.loan).toBe('融資 0.25 ローン 0.23');
    expect(unpackTerms(table.equipment!)[0]).toEqual(['設備', 0.32]);
    expect(table['energy save']).toBe('省エネルギー 0.48');
  });

  it('answers an English question with the program it asks about, or refuses one no program covers', async () => {
    const answerer = createExtractiveAnswerer(engine);
    const ask = (question: string) => answerer.answer({ question, history: [], mode: 'answer' });
    const exporting = await ask('Is there support for exporting overseas?');
    expect(exporting.citations[0]!.program.title).toBe('現地進出支援強化事業');
    expect(exporting.answer).toMatch(/^The program that matches is 「現地進出支援強化事業」\[1\]\. From the document: /);
    const printing = await ask('Who can I ask about 3D printing of metal parts?');
    expect(printing.citations[0]!.program.title).toBe('積層造形部品開発の効率化のための基盤技術開発事業');
    const cyber = await ask('Is there funding for small firms to protect against cyber attacks?');
    expect(cyber.citations[0]!.program.title).toBe('中小企業サイバーセキュリティ対策支援促進事業');
    expect((await ask('Assistance after a natural disaster')).answerable).toBe(false);
  });
});
