import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalog, type CatalogProblem } from '../../src/ingest/catalog-file.js';

const shared = (path: string) => readFileSync(new URL(`../../../shared/${path}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Codes, lines and records of the problems: what the tests hold the reader to, not its prose. */
const coded = (problems: CatalogProblem[]) => problems.map(({ reason: _reason, ...rest }) => rest);

const MAP = JSON.stringify({ id: 'id', title: 'title' });

describe('readCatalog on ミラサポplus supports.json (no field map)', () => {
  const { records, problems } = readCatalog('mirasapo/supports.json', shared('corpora/mirasapo/supports.json'), null);

  it('reads every program by the built-in map', () => {
    expect(records).toHaveLength(1112);
    expect(problems).toEqual([]);
  });

  it('maps the ものづくり補助金 record field by field', () => {
    const r = records.find((x) => x.id === '26')!;
    expect({ ...r, contact: r.contact?.split('\n')[0], sections: r.sections.map((s) => s.name) }).toEqual({
      index: 0,
      line: null,
      id: '26',
      title: 'ものづくり・商業・サービス生産性向上促進補助金',
      authority: '中小企業庁',
      region: [],
      url: 'http://portal.monodukuri-hojo.jp/denshi.html',
      contact: 'ものづくり補助金事務局サポートセンター（ものづくり・商業・サービス補助金事務局内）',
      keywords: ['もの補助', 'ものづくり補助金', '生産性', '物作り', '新製品', '設備投資'],
      sections: ['概要', '対象者', '内容', '利用方法', '参考'],
    });
    expect(r.contact).toBe(
      'ものづくり補助金事務局サポートセンター（ものづくり・商業・サービス補助金事務局内）\n受付時間：10:00～17:00（土日祝日および12/29～1/3を除く）\n電話番号：050-8880-4053',
    );
    expect(r.sections.find((s) => s.name === '参考')?.text).toBe(
      '[ものづくり補助事業公式ホームページ「ものづくり補助金総合サイト」](http://portal.monodukuri-hojo.jp/)',
    );
  });

  it('keeps prefectures as the region, one string each', () => {
    const shizuoka = records.filter((x) => x.region.includes('静岡県'));
    expect(shizuoka).toHaveLength(171);
    expect(records.find((x) => x.id === '1116')).toMatchObject({ title: '社会福祉施設等施設整備費補助金', authority: '静岡県', region: ['静岡県'] });
    expect(records.find((x) => x.id === '500')?.region).toEqual(['山形県', '長野県', '岐阜県', '島根県', '福岡県', '佐賀県', '熊本県', '大分県', '鹿児島県']);
  });
});

describe('readCatalog on RS FY2025 (JSONL with its field map)', () => {
  const { records, problems } = readCatalog('rs/rs2025.jsonl', shared('corpora/rs/rs2025.jsonl'), shared('corpora/rs/rs2025.fields.json').toString('utf8'));

  it('reads every line as a record', () => {
    expect(records).toHaveLength(5794);
    expect(problems).toEqual([]);
    expect(records.at(-1)).toMatchObject({ index: 5793, line: 5794 });
  });

  it('joins ministry and bureau as the authority and leaves the sheet line marks as written', () => {
    const r = records.find((x) => x.id === '1')!;
    expect({ ...r, sections: r.sections.map((s) => s.name) }).toEqual({
      index: 0,
      line: 1,
      id: '1',
      title: '内閣人事局経費(研修事業)',
      authority: '内閣官房 内閣人事局',
      region: [],
      url: 'https://www.cas.go.jp/jp/gaiyou/jimu/jinjikyoku/jinji_g.html',
      contact: null,
      keywords: [],
      sections: ['事業の目的', '現状・課題', '事業の概要'],
    });
    expect(r.sections[0]!.text.startsWith('内閣人事局では、全府省職員を対象として、政府全体を通じた成果向上及び人材育成を狙いとした研修を実施している。/研修を通じて、/・')).toBe(true);
  });
});

describe('readCatalog on JSON', () => {
  it('finds the records at a dot path and applies paths, lists and a[].b', () => {
    const file = { meta: { n: 2 }, data: { programs: [
      { no: 7, name: ' 省エネ診断 ', org: { ministry: '経済産業省', bureau: '資源エネルギー庁' }, areas: [{ pref: '静岡県' }, { pref: '愛知県' }], tags: ['省エネ', 3], a: '', b: 'B の本文' },
      { no: 8, name: '事業承継', org: { ministry: '中小企業庁' }, areas: [], tags: [] },
    ] } };
    const map = { records: 'data.programs', id: 'no', title: 'name', authority: ['org.ministry', 'org.bureau'], region: 'areas[].pref', keywords: 'tags', sections: { A: 'a', B: 'b' } };
    const { records, problems } = readCatalog('x/programs.json', utf8(JSON.stringify(file)), JSON.stringify(map));
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { index: 0, line: null, id: '7', title: '省エネ診断', authority: '経済産業省 資源エネルギー庁', region: ['静岡県', '愛知県'], url: null, contact: null, keywords: ['省エネ', '3'], sections: [{ name: 'B', text: 'B の本文' }] },
      { index: 1, line: null, id: '8', title: '事業承継', authority: '中小企業庁', region: [], url: null, contact: null, keywords: [], sections: [] },
    ]);
  });

  it('reads a top-level array without "records"', () => {
    const { records, problems } = readCatalog('list.json', utf8('[{"id": 1, "title": "一"}, {"id": 2, "title": "二", "summary": "概要文"}]'), JSON.stringify({ id: 'id', title: 'title', sections: { 概要: 'summary' } }));
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.index, r.id, r.title, r.sections])).toEqual([
      [0, '1', '一', []],
      [1, '2', '二', [{ name: '概要', text: '概要文' }]],
    ]);
  });

  it('reports an object without a records path, and a file that is not JSON at its line', () => {
    expect(coded(readCatalog('obj.json', utf8('{"items": []}'), MAP).problems)).toEqual([{ code: 'NO_RECORDS', document: 'obj.json' }]);
    const bad = readCatalog('bad.json', utf8('[\n{"id": 1, "title": "一"},\n{"id": 2 "title": "二"}\n]'), MAP);
    expect(bad.records).toEqual([]);
    expect(coded(bad.problems)).toEqual([{ code: 'SYNTAX', document: 'bad.json', line: 3 }]);
    expect(bad.problems[0]!.reason).toContain('position');
  });
});

describe('readCatalog on JSONL', () => {
  it('reports a bad line by number and keeps the others, skipping blank lines', () => {
    const text = '{"id": 1, "title": "一"}\n{"id": 2, "title": "二"}\n{"id": 3, "title": \n\n{"id": 4, "title": "四"}\n';
    const { records, problems } = readCatalog('a.jsonl', utf8(text), MAP);
    expect(records.map((r) => [r.index, r.line, r.id])).toEqual([[0, 1, '1'], [1, 2, '2'], [3, 5, '4']]);
    expect(coded(problems)).toEqual([{ code: 'SYNTAX', document: 'a.jsonl', line: 3 }]);
  });
});

describe('readCatalog on CSV', () => {
  const CSV_MAP = JSON.stringify({ id: 'id', title: 'title', contact: '連絡先' });

  it('strips a UTF-8 BOM from the first header', () => {
    const { records, problems } = readCatalog('a.csv', utf8('\uFEFFid,title,連絡先\n1,省エネ診断,省エネルギー課 03-3501-9726\n'), CSV_MAP);
    expect(problems).toEqual([]);
    expect(records).toEqual([{ index: 0, line: 2, id: '1', title: '省エネ診断', authority: null, region: [], url: null, contact: '省エネルギー課 03-3501-9726', keywords: [], sections: [] }]);
  });

  it('decodes Shift_JIS (CP932) as Excel writes it', () => {
    // 補 95E2, 助 8F95, 金 8BE0, ① 8740 (an NEC extension only CP932 has)
    const kanji = [0x95, 0xe2, 0x8f, 0x95, 0x8b, 0xe0, 0x87, 0x40];
    const bytes = new Uint8Array([...utf8('id,title,note\r\n1,'), ...kanji, ...utf8(',\r\n')]);
    expect(new TextDecoder('shift_jis').decode(new Uint8Array(kanji))).toBe('補助金①');
    const { records, problems } = readCatalog('sjis.csv', bytes, JSON.stringify({ id: 'id', title: 'title' }));
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.line, r.id, r.title])).toEqual([[2, '1', '補助金①']]);
  });

  it('keeps a line break inside a quoted field and counts lines from where each record starts', () => {
    const text = 'id,title,連絡先\r\n1,"補助金, 一般枠","事務局\r\n電話 03-1234-5678"\r\n\r\n2,"""特別"" 枠",\r\n';
    const { records, problems } = readCatalog('q.csv', utf8(text), CSV_MAP);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.index, r.line, r.title, r.contact])).toEqual([
      [0, 2, '補助金, 一般枠', '事務局\r\n電話 03-1234-5678'],
      [1, 5, '"特別" 枠', null],
    ]);
  });

  it('reports a row with the wrong column count by line and keeps the rest', () => {
    const { records, problems } = readCatalog('c.csv', utf8('id,title\n1,一\n2,二,余分\n3,三\n'), CSV_MAP);
    expect(records.map((r) => [r.index, r.line, r.id])).toEqual([[0, 2, '1'], [2, 4, '3']]);
    expect(coded(problems)).toEqual([
      { code: 'COLUMN_COUNT', document: 'c.csv', line: 3 },
      { code: 'PATH_UNMATCHED', document: 'c.csv' },
    ]);
  });

  it('keeps the rows before an unclosed quote', () => {
    const { records, problems } = readCatalog('u.csv', utf8('id,title\n1,一\n2,"二\n3,三\n'), JSON.stringify({ id: 'id', title: 'title' }));
    expect(records.map((r) => r.id)).toEqual(['1']);
    expect(coded(problems)).toEqual([{ code: 'SYNTAX', document: 'u.csv', line: 3 }]);
  });
});

describe('readCatalog on bad field maps and records', () => {
  const rows = utf8('{"id": 1, "title": "一"}\n{"id": 2, "title": "二"}\n');

  it('names the expected NAME.fields.json when there is none', () => {
    for (const path of ['rs/other.jsonl', 'lists/programs.json', 'lists/programs.csv']) {
      const read = readCatalog(path, path.endsWith('.json') ? utf8('[{"id": 1, "title": "一"}]') : rows, null);
      expect(read.records).toEqual([]);
      expect(coded(read.problems)).toEqual([{ code: 'FIELD_MAP_MISSING', document: path }]);
      expect(read.problems[0]!.reason).toContain(path.replace(/\.\w+$/, '.fields.json'));
    }
  });

  it('refuses a map that is not JSON or lacks id or title', () => {
    for (const map of ['{"id": "id", "title": ', '["id"]', '{"id": "id"}', '{"title": "title", "id": 5}']) {
      const read = readCatalog('a.jsonl', rows, map);
      expect(read.records).toEqual([]);
      expect(read.problems.map((p) => p.code)).toContain('FIELD_MAP_INVALID');
    }
  });

  it('reports unknown keys and malformed optional paths, and reads with the rest', () => {
    const map = JSON.stringify({ id: 'id', title: 'title', authority: 3, region: ['ok', 4], keyword: 'k', records: 'items', sections: { 概要: '' } });
    const read = readCatalog('a.jsonl', rows, map);
    expect(read.records.map((r) => r.id)).toEqual(['1', '2']);
    expect(read.problems.map((p) => p.code)).toEqual(Array(5).fill('FIELD_MAP_INVALID'));
    expect(read.problems.map((p) => p.reason).join('\n')).toMatch(/"keyword"[\s\S]*"authority"[\s\S]*"region"[\s\S]*"sections\.概要"[\s\S]*"records"/);
  });

  it('warns once for a path that matches nothing, and reads nothing when that is the title', () => {
    const many = readCatalog('a.jsonl', rows, JSON.stringify({ id: 'id', title: 'title', url: 'link' }));
    expect(many.records).toHaveLength(2);
    expect(coded(many.problems)).toEqual([{ code: 'PATH_UNMATCHED', document: 'a.jsonl' }]);
    expect(many.problems[0]!.reason).toContain('"link"');
    const none = readCatalog('a.jsonl', rows, JSON.stringify({ id: 'id', title: 'name' }));
    expect(none.records).toEqual([]);
    expect(coded(none.problems)).toEqual([{ code: 'PATH_UNMATCHED', document: 'a.jsonl' }]);
  });

  it('names a record without title or id, and the later of two with one id', () => {
    const text = '{"id": 1, "title": "一"}\n{"id": 2, "title": "  "}\n{"title": "三"}\n{"id": 1, "title": "四"}\n{"id": 5, "title": "五"}\n';
    const read = readCatalog('a.jsonl', utf8(text), MAP);
    expect(read.records.map((r) => [r.line, r.id, r.title])).toEqual([[1, '1', '一'], [5, '5', '五']]);
    expect(coded(read.problems)).toEqual([
      { code: 'MISSING_FIELD', document: 'a.jsonl', line: 2, record: '2' },
      { code: 'MISSING_FIELD', document: 'a.jsonl', line: 3, record: '[2]' },
      { code: 'DUPLICATE_ID', document: 'a.jsonl', line: 4, record: '1' },
    ]);
    const json = readCatalog('a.json', utf8('[{"id": 1}, {"id": 2, "title": "二"}]'), MAP);
    expect(coded(json.problems)).toEqual([{ code: 'MISSING_FIELD', document: 'a.json', record: '1' }]);
  });
});

describe('readCatalog on what is not a catalog', () => {
  it('gives one problem and no records for binary junk', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const invalid = new Uint8Array([0x81, 0x20, 0xff, 0xfd, 0x80]);
    for (const bytes of [png, invalid]) {
      expect(coded(readCatalog('junk.csv', bytes, MAP).problems)).toEqual([{ code: 'BINARY', document: 'junk.csv' }]);
      expect(readCatalog('junk.csv', bytes, MAP).records).toEqual([]);
    }
  });

  it('reads UTF-16 by its BOM, and reports an empty file or another extension', () => {
    const text = 'id,title\n1,省エネ診断\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    expect(readCatalog('w.csv', le, MAP).records.map((r) => r.title)).toEqual(['省エネ診断']);
    expect(coded(readCatalog('e.jsonl', utf8(' \n'), MAP).problems)).toEqual([{ code: 'EMPTY', document: 'e.jsonl' }]);
    expect(coded(readCatalog('a.xml', utf8('<a/>'), MAP).problems)).toEqual([{ code: 'UNSUPPORTED', document: 'a.xml' }]);
  });
});
