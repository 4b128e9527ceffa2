import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/catalog.js';
import { isProgramDocument, parseProgramDocument, type ParsedDocument } from '../../src/ingest/program-document.js';
import { CORPUS, DOCUMENT, expectedPrograms, type ExpectedProgram } from '../helpers.js';

const amount = (n: number | null, isNew: boolean) => (isNew ? '新規' : `${n!.toFixed(1)}億円`);

describe('parseProgramDocument on the corpus document', () => {
  let parsed: ParsedDocument;
  let expected: ExpectedProgram[];
  const byTitle = (title: string): Program => parsed.programs.find((p) => p.title === title)!;

  beforeAll(async () => {
    const text = await readFile(join(CORPUS, DOCUMENT), 'utf8');
    parsed = parseProgramDocument(DOCUMENT, text);
    expected = await expectedPrograms();
  });

  it('finds the twelve programs of programs.json, in order, with exact titles, amounts, offices and phones', () => {
    expect(parsed.programs.map((p) => ({
      title: p.title,
      budget: `${p.budget!.requested.toFixed(1)}億円`,
      previous: amount(p.budget!.previous, p.budget!.isNew),
      contacts: p.contacts.map((c) => (c.scope ? { scope: c.scope, office: c.office, phone: c.phone } : { office: c.office, phone: c.phone })),
    }))).toEqual(expected);
  });

  it('places every line: nothing unplaced', () => {
    expect(parsed.unplaced).toEqual([]);
  });

  it('keeps the budget line as written and its note', () => {
    const p = byTitle('省エネルギー投資促進に向けた支援補助金');
    expect(p.budget).toEqual({
      fiscalYear: '令和2年度',
      requested: 595.3,
      previous: 551.8,
      isNew: false,
      text: '令和2年度概算要求額 595.3億円（551.8億円）',
      notes: ['※（）内のうち臨時・特別の措置120.4億円。'],
      source: { document: DOCUMENT, lines: [95, 104] },
    });
  });

  it('recognises 新規 with the amount bolded apart from it', () => {
    expect(byTitle('現地進出支援強化事業').budget).toMatchObject({ requested: 19, previous: null, isNew: true, text: '令和2年度概算要求額 19.0億円 (新規)' });
  });

  it('reads contacts standing after the budget line with their sub-item scopes', () => {
    expect(byTitle('技術協力活用型・新興国市場開拓事業').contacts).toEqual([
      { office: '貿易経済協力局 技術・人材協力課', phone: '03-3501-1937', scope: '(1)～(4)' },
      { office: '通商政策局 アジア大洋州課', phone: '03-3501-1953', scope: '(5)' },
      { office: '貿易経済協力局 貿易振興課', phone: '03-3501-6759', scope: '(6)' },
    ]);
  });

  it('reads a contact block standing before the budget line, joined across lines', () => {
    const p = byTitle('省エネルギー設備投資に係る利子補給金助成事業費補助金');
    expect(p.contacts).toEqual([{ office: '資源エネルギー庁 省エネルギー・新エネルギー部 省エネルギー課', phone: '03-3501-9726', scope: null }]);
    expect(p.source.lines![0]).toBe(220);
  });

  it('gives [] where the document names no contact', () => {
    expect(byTitle('小規模事業者対策推進事業').contacts).toEqual([]);
    expect(byTitle('戦略的国際標準化加速事業').contacts).toEqual([]);
  });

  it('reads sections and numbered sub-items with their text and lines', () => {
    const p = byTitle('技術協力活用型・新興国市場開拓事業');
    expect(p.sections.map((s) => s.name)).toEqual(['事業の内容', '事業目的・概要', '成果目標', '条件（対象者、対象行為、補助率等）', '事業イメージ']);
    const image = p.sections.at(-1)!;
    expect(image.items.map((i) => `${i.key} ${i.label}`)).toEqual([
      '(1) 研修・専門家派遣事業',
      '(2) 制度・事業環境整備事業',
      '(3) 国際化促進インターンシップ事業',
      '(4) 社会課題解決型国際共同開発事業',
      '(5) 看護師・介護福祉士候補者日本語研修事業',
      '(6) インフラ海外展開支援事業',
    ]);
    expect(image.items[4]).toEqual({
      key: '(5)',
      number: 5,
      label: '看護師・介護福祉士候補者日本語研修事業',
      text: '経済連携協定に基づく約束を着実に履行するため、看護師・介護福祉士の円滑な受入れに向けた日本語研修を行います。',
      source: { document: DOCUMENT, lines: [404, 406] },
    });
  });

  it('reads circled sub-items with their continuation lines', () => {
    const overview = byTitle('省エネルギー投資促進に向けた支援補助金').sections[1]!;
    expect(overview.text).toBe('工場・事業場、住宅、ビルにおける省エネ関連投資を促進することで、エネルギー消費効率の改善を促し、徹底した省エネを推進します。');
    expect(overview.items.map((i) => i.key)).toEqual(['①', '②', '③', '④']);
    expect(overview.items[2]!.text).toBe(
      'ネット・ゼロ・エネルギー・ビル（ZEB：ゼブ）の実証支援\nZEBの設計ノウハウが確立されていない民間の大規模建築物（新築：1万m²以上、既築：2千m²以上）について、先進的な技術等の組み合わせによるZEB化の実証を支援し、その成果の横展開を図ります。',
    );
    expect(overview.items[2]!.source.lines).toEqual([115, 116]);
  });

  it('extracts the period and target figures where stated', () => {
    expect(byTitle('小規模事業者対策推進事業').period).toBe('平成31年度から令和5年度までの5年間');
    expect(byTitle('戦略的国際標準化加速事業')).toMatchObject({ period: '平成24年度から令和4年度までの11年間', targets: ['800件', '448件'] });
    expect(byTitle('製造業における外国人材受入れ支援事業').period).toBe('2019年から2023年までの5年間');
    expect(byTitle('省エネルギー設備投資に係る利子補給金助成事業費補助金').targets).toEqual(['150件']);
    expect(byTitle('積層造形部品開発の効率化のための基盤技術開発事業').targets).toEqual(['1/5']);
    expect(byTitle('原子力発電施設等の周辺地域における大規模開発地区への企業立地を促進する補助金').targets).toEqual(['2万m2']);
  });

  it('gives each program a stable id and its source line range', () => {
    const ids = parsed.programs.map((p) => p.id);
    expect(new Set(ids).size).toBe(12);
    expect(ids.every((id) => /^p-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(byTitle('小規模事業者対策推進事業').source).toEqual({ document: DOCUMENT, lines: [3, 47] });
    expect(byTitle('製造業における外国人材受入れ支援事業').source).toEqual({ document: DOCUMENT, lines: [556, 595] });
  });
});

describe('parseProgramDocument on other layouts', () => {
  it('reports what it cannot place instead of dropping it', () => {
    const text = ['前置きの行', '', 'テスト事業', '', '令和3年度概算要求額 1.0億円（新規）', '', 'よく分からない行', '', '事業目的・概要', '', '- 目的です。'].join('\n');
    const { programs, unplaced } = parseProgramDocument('x.txt', text);
    expect(programs.map((p) => p.title)).toEqual(['テスト事業']);
    expect(unplaced).toEqual([
      { document: 'x.txt', line: 1, text: '前置きの行', reason: 'before the first program' },
      { document: 'x.txt', line: 7, text: 'よく分からない行', reason: 'not a contact, budget or note line' },
    ]);
  });

  it('reads a phone on the same line as its office', () => {
    const text = ['テスト事業', '令和3年度概算要求額 2.5億円（2.0億円）', '担当：中小企業庁 経営支援課 03-1234-5678', '事業目的・概要', '- 目的です。'].join('\n');
    expect(parseProgramDocument('y.txt', text).programs[0]!.contacts).toEqual([{ office: '中小企業庁 経営支援課', phone: '03-1234-5678', scope: null }]);
  });

  it('tells program documents from others', () => {
    expect(isProgramDocument('令和2年度概算要求額 **59.2億円（50.3億円）**')).toBe(true);
    expect(isProgramDocument('# 見出し\n\n本文です。')).toBe(false);
  });
});
