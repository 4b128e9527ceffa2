import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/catalog.js';
import { extractFacts, factKind, type FactSection } from '../../src/ingest/facts.js';

const SUPPORTS = new URL('../../../shared/corpora/mirasapo/supports.json', import.meta.url);
const EVAL = new URL('../../../shared/eval/mirasapo-dev.jsonl', import.meta.url);

interface Support {
  id: string;
  title: string;
  summary?: string | null;
  target?: string | null;
  body?: string | null;
  usage?: string | null;
}

const FIELDS = { 概要: 'summary', 対象者: 'target', 内容: 'body', 利用方法: 'usage' } as const;

function sectionsOf(record: Support): FactSection[] {
  return Object.entries(FIELDS).flatMap(([name, field]) => {
    const text = record[field];
    return text ? [{ name, text, source: { document: 'supports.json', record: record.id } }] : [];
  });
}

/** The facts of one field's real text, as label/text pairs. */
function pairs(name: string, text: string): [string, string][] {
  return extractFacts([{ name, text, source: { document: 'supports.json' } }]).map((f) => [f.label, f.text]);
}

describe('extractFacts on real catalog texts', () => {
  it('reads label lines with the value below and label：value lines under 【枠】 sub-headings, in order (record 26)', () => {
    const body =
      '＜中小企業・小規模事業者等が行う革新的なサービス開発・試作品開発・生産プロセスの改善に必要な設備投資等を支援＞\n\n' +
      '**■補助上限額**\n  750～5,000万円（※）\n\n**■補助率**\n  2分の1～3分の2（※）\n\n' +
      ' ※補助上限額・補助率は、従業員数や申請枠によって異なります。詳細は下部記載のURLより公募要領をご確認ください。\n' +
      '**【通常枠】**\n  補助上限額：最大750～1,250万円\n  補助率：中小企業2分の1、小規模・再生事業者3分の2\n' +
      '**【グローバル市場開拓枠】**\n  補助上限額：3,000万円\n  補助率：中小企業2分の1、小規模事業者3分の2\n' +
      '**【大幅賃上げに係る補助上限額引上の特例】**\n  補助事業終了後、3～5年で大幅な賃上げに取り組む事業者に対し、上記枠の補助上限を100万円～1,000万円、更に上乗せします。';
    const source = { document: 'supports.json', record: '26' };
    expect(extractFacts([{ name: '内容', text: body, source }])).toEqual<Fact[]>([
      { label: '補助上限額', text: '750～5,000万円（※）', source },
      { label: '補助率', text: '2分の1～3分の2（※）', source },
      { label: '補助上限額', text: '最大750～1,250万円', source },
      { label: '補助率', text: '中小企業2分の1、小規模・再生事業者3分の2', source },
      { label: '補助上限額', text: '3,000万円', source },
      { label: '補助率', text: '中小企業2分の1、小規模事業者3分の2', source },
    ]);
  });

  it('joins a multi-line value with its ※ note and keeps 【】 prefixes (records 1986, 1937)', () => {
    expect(pairs('内容', '### ■貸付限度額\n7,200万円 （うち運転資金4,800万円）\n※各種貸付制度とは別枠\n\n### ■貸付利率\n基準利率。')).toEqual([
      ['貸付限度額', '7,200万円 （うち運転資金4,800万円）\n※各種貸付制度とは別枠'],
      ['貸付利率', '基準利率。'],
    ]);
    expect(pairs('内容', '### 経営環境変化対応資金\n#### ■貸付限度額\n【日本公庫（中小企業事業）】7億2,000万円\n【日本公庫（国民生活事業）】4,800万円\n')).toEqual([
      ['貸付限度額', '【日本公庫（中小企業事業）】7億2,000万円\n【日本公庫（国民生活事業）】4,800万円'],
    ]);
  });

  it('strips leading bullets from value lines and stops at the next label (records 2086, 1766)', () => {
    expect(pairs('内容', '### ■補助率\n2分の1\n\n### ■上限額\n* 1企業あたりの上限額:300万円\n* 案件毎の上限額\n特許出願:150万円')).toEqual([
      ['補助率', '2分の1'],
      ['上限額', '1企業あたりの上限額:300万円\n案件毎の上限額\n特許出願:150万円'],
    ]);
    expect(pairs('内容', '○助成率\n中小企業5分の4\u3000大企業3分の2\n○上限額\n出向元・先合わせて1日12,000円\n \n**【出向初期経費】**')).toEqual([
      ['助成率', '中小企業5分の4\u3000大企業3分の2'],
      ['上限額', '出向元・先合わせて1日12,000円'],
    ]);
  });

  it('reads labels aligned with spaces, as flattened tables are (records 2765, 2733)', () => {
    expect(pairs('内容', '■期間\u3000\u3000\u3000\u3000\u3000\u3000５年超（事業再生計画等で求められている期間）\n■償還方法\u3000\u3000\u3000\u3000原則として、期限一括返済\n■金利\u3000\u3000\u3000\u3000\u3000\u3000原則として、配当可能利益に応じた金利設定')).toEqual([
      ['期間', '５年超（事業再生計画等で求められている期間）'],
      ['金利', '原則として、配当可能利益に応じた金利設定'],
    ]);
    expect(pairs('内容', '■ 保証限度額：３，５００万円\n■ 据置期間\u3000：１年以内\n■ 金利\u3000\u3000\u3000：金融機関所定')).toEqual([
      ['据置期間', '１年以内'],
      ['金利', '金融機関所定'],
    ]);
  });

  it('splits two labels on one line and lets a repeated label heading give way to its lines (records 948, 845)', () => {
    expect(pairs('内容', '<償還期間・据置期間>\n【就農研修資金・就農準備資金】\n・15歳以上40歳未満\n\u3000\u3000償還期間:12年\u3000据置期間:4年')).toEqual([
      ['償還期間', '12年'],
      ['据置期間', '4年'],
    ]);
    expect(pairs('内容', '■補助上限額・補助率\n【大規模賃金引上枠】補助上限額(※1)：1億円\u3000補助率：中小企業3分の2、中堅企業2分の1(※2)')).toEqual([
      ['補助上限額', '1億円'],
      ['補助率', '中小企業3分の2、中堅企業2分の1(※2)'],
    ]);
  });

  it('reads a Markdown table row whose first cell is a label (record 1928)', () => {
    expect(pairs('内容', '| \u3000 | 国民生活事業 | 中小企業事業 |\n| -------- | -------- | -------- |\n| 貸付限度額| 別枠7,200万円| 別枠10億円|\n| 担保・保証人 | 無担保・無保証人 | 無担保・無保証人 |')).toEqual([
      ['貸付限度額', '別枠7,200万円 | 別枠10億円'],
    ]);
  });

  it('takes a section named by a label as a fact, and ignores label words in running prose', () => {
    expect(pairs('対象者', '中小企業者等\n')).toEqual([['対象者', '中小企業者等']]);
    expect(pairs('概要', '中小企業者等\n')).toEqual([]);
    expect(pairs('内容', '新型コロナの影響を受けた事業者について、補助率を引き上げます。\n補助上限額・補助率は、従業員数や申請枠によって異なります。\n（補助率：3分の2、2分の1\u3000補助上限額：2,000万円）')).toEqual([]);
    expect(pairs('内容', '### ■補助率\n\n')).toEqual([]);
  });
});

describe('extractFacts over the whole ミラサポplus catalog', () => {
  const records: Support[] = JSON.parse(readFileSync(SUPPORTS, 'utf8')).items;
  const facts = new Map(records.map((r) => [r.id, extractFacts(sectionsOf(r))]));
  const having = (kind: string) => records.filter((r) => facts.get(r.id)!.some((f) => factKind(f.label) === kind)).length;

  it('finds the rates and upper limits the programs state', () => {
    expect(records).toHaveLength(1112);
    expect(having('rate')).toBe(68);
    expect(having('amount')).toBe(145);
    expect(records.filter((r) => facts.get(r.id)!.some((f) => f.label === '補助率')).length).toBe(63);
  });

  it('gives a 補助率 fact to every program whose body has a 補助率 label line', () => {
    // Independent of the reader: 補助率 at the start of a line after layout marks, then a bracket, a colon, a space or the end.
    const labelLine = /^[\s#*■●○◆【＜<《・]*補助率[】＞>》*]*(?:[\s：:]|$)/mu;
    const labelled = records.filter((r) => labelLine.test(r.body ?? ''));
    expect(labelled).toHaveLength(55);
    const missing = labelled.filter((r) => !facts.get(r.id)!.some((f) => f.label === '補助率')).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it('reads the same facts from text without Markdown emphasis and with trimmed lines, as the catalog reader passes it', () => {
    const plain = (t: string) => t.replace(/\*\*/g, '').split('\n').map((l) => l.trim()).join('\n').replace(/\n{3,}/g, '\n\n');
    // Named '' so that only labelled lines count: a section named 対象者 is its text as given, emphasis and all.
    const lineFacts = (r: Support, text: (t: string) => string) => extractFacts(sectionsOf(r).map((s) => ({ ...s, name: '', text: text(s.text) })));
    const differ = records.filter((r) => JSON.stringify(lineFacts(r, (t) => t)) !== JSON.stringify(lineFacts(r, plain)));
    expect(differ.map((r) => r.id)).toEqual([]);
  });

  it('cites the record of every fact and never keeps an empty one', () => {
    for (const [id, list] of facts) for (const f of list) {
      expect(f.source).toEqual({ document: 'supports.json', record: id });
      expect(f.text.trim()).toBe(f.text);
      expect(f.text).not.toBe('');
    }
  });

  it('covers the figures the dev questions ask for (sanity check, printed)', () => {
    const rows = readFileSync(EVAL, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; kind: string; question: string; facts?: string[] });
    const asked = rows.filter((r) => r.kind === 'fact');
    const norm = (s: string) => s.normalize('NFKC').replace(/[\s,]/gu, '');
    const misses = asked.filter((row) => {
      const [, title, label] = /^「(.+)」の(.+)を教えてください$/u.exec(row.question) ?? [];
      const programs = records.filter((r) => r.title === title);
      return !programs.some((r) => facts.get(r.id)!.some((f) => factKind(f.label) === factKind(label ?? '') && (row.facts ?? []).every((e) => norm(f.text).includes(norm(e)))));
    });
    console.log(`fact questions covered: ${asked.length - misses.length}/${asked.length}`, misses.map((m) => m.id));
    expect(asked.length).toBeGreaterThan(0);
    expect(misses.map((m) => m.id)).toEqual([]);
  });
});

describe('extractFacts on table rows as the PDF and HTML readers write them', () => {
  it('reads a label cell and its value cells, without the cell separator', () => {
    const source = { document: 'koubo.pdf', pages: [3, 3] as [number, number] };
    expect(extractFacts([{ name: '補助事業の概要', text: '補助率 | 1/2以内\n補助上限額 | 通常枠 | 5万円以上150万円未満', source }])).toEqual([
      { label: '補助率', text: '1/2以内', source },
      { label: '補助上限額', text: '通常枠 | 5万円以上150万円未満', source },
    ]);
  });

  it('takes no fact from a row of column headers, nor a value that only repeats its label', () => {
    const source = { document: 'pamphlet.pdf', pages: [6, 6] as [number, number] };
    // The rows of キャリアアップ助成金's pamphlet and rulebook (../shared/pdf 04, 05) that head their tables.
    const text = '①申請期間 | 主な確認事項\n１社会保険適用等の取組を行った日 | ・キャリアアップ計画期間内か\n\n支給額 | 支給額 | 総額 | 回数\n\n補助率 | 定額\n貸付利率 | 資本性ローン利率';
    expect(extractFacts([{ name: '支給申請に必要な書類等', text, source }, { name: '申請期間', text: '申請期間', source }])).toEqual([
      { label: '補助率', text: '定額', source },
      { label: '貸付利率', text: '資本性ローン利率', source },
    ]);
  });
});
