import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/catalog.js';
import { readPdfDocument, type PdfRead } from '../../src/ingest/pdf-document.js';
import { layoutPage } from '../../src/ingest/pdf-layout.js';
import { readPdfPages } from '../../src/ingest/pdf-text.js';

const FILES = {
  leaflet: '01_mhlw_careerup_seishainka_leaflet.pdf',
  guide: '02_mhlw_careerup_leaflet_r7-07.pdf',
  pamphlet: '04_mhlw_careerup_tanjikan_pamphlet_r7-07.pdf',
  rulebook: '05_mhlw_careerup_shikyu_youryou_r7-04.pdf',
  census: '06_stat_jinsui_suikei_2024_overview.pdf',
} as const;
type Name = keyof typeof FILES;

const bytesOf = async (file: string) => new Uint8Array(await readFile(new URL(`../../../shared/pdf/${file}`, import.meta.url)));
const CJK = '[\\u3041-\\u30ff\\u3400-\\u9fff\\uff01-\\uff60]';

const read = {} as Record<Name, PdfRead & { ms: number }>;
const program = (name: Name): Program => read[name].program!;
const allText = (name: Name) => program(name).sections.map((s) => s.text).join('\n');

beforeAll(async () => {
  for (const [name, file] of Object.entries(FILES) as [Name, string][]) {
    const bytes = await bytesOf(file);
    const start = performance.now();
    read[name] = { ...(await readPdfDocument(`pdf/${file}`, bytes)), ms: performance.now() - start };
  }
});

describe('readPdfDocument on the real PDFs', () => {
  it('reads every file into one program titled by the largest text on its first page', () => {
    const titles = Object.fromEntries(Object.keys(FILES).map((n) => [n, program(n as Name).title]));
    expect(titles).toEqual({
      leaflet: '「キャリアアップ助成金」を活用して従業員を正社員転換しませんか？',
      guide: 'キャリアアップ助成金のご案内(令和7年度7月)',
      pamphlet: 'キャリアアップ助成金',
      rulebook: '第２各助成金別要領 10 キャリアアップ助成金',
      census: '人口推計',
    });
    const pages = Object.fromEntries(Object.keys(FILES).map((n) => [n, read[n as Name].pages]));
    expect(pages).toEqual({ leaflet: 2, guide: 2, pamphlet: 18, rulebook: 75, census: 34 });
    for (const name of Object.keys(FILES) as Name[]) {
      expect(read[name].problems).toEqual([]);
      expect(program(name).source).toEqual({ document: `pdf/${FILES[name]}`, pages: [1, read[name].pages] });
    }
  });

  it('01: joins the letter-spaced text and keeps the amounts table, one row per line', () => {
    const amounts = program('leaflet').sections.find((s) => s.text.includes('80万円'))!;
    expect(amounts.name).toBe('助成金の金額');
    expect(amounts.source).toEqual({ document: `pdf/${FILES.leaflet}`, pages: [1, 1] });
    expect(amounts.text).toContain('有期雇用労働者 | 無期雇用労働者');
    expect(amounts.text).toContain('中小企業 | 80万円（40万円×２期） | 40万円（20万円×２期）');
    expect(allText('leaflet')).toContain('有期雇用労働者等※を正規雇用労働者に正社員転換した');
    expect(allText('leaflet')).not.toMatch(new RegExp(`${CJK} ${CJK}`, 'u'));
  });

  it('01: reads a two-column page column by column', () => {
    const plan = program('leaflet').sections.find((s) => s.name === '➀キャリアアップ計画')!;
    expect(plan.text).toMatch(/^➀キャリアアップ計画\n正規雇用労働者に転換する前日まで\nに「キャリアアップ計画※」を作成・\n提出していること。/u);
    expect(plan.source.pages).toEqual([2, 2]);
  });

  it('02: joins a vertical heading set one character per line and keeps table rows whole', () => {
    const lines = allText('guide').split('\n');
    expect(lines).toContain('した場合（１人当たり） | ①有期 → 正規 | 80万円 | 40万円 | 60万円 | 30万円');
    expect(program('guide').sections.some((s) => s.name.includes('正社員化支援'))).toBe(true);
    expect(allText('guide')).toContain('処遇改善支援');
  });

  it('04: finds the call centre that stands alone on its page and the 最大75万円 passage', () => {
    expect(program('pamphlet').contacts).toEqual([
      { office: '年収の壁突破・総合相談窓口', phone: '0120-030-045', scope: null, hours: '受付時間平日８:３０～１８：１５' },
    ]);
    expect(program('pamphlet').kind).toBe('program');
    const headline = program('pamphlet').sections.find((s) => s.text.includes('最大75万円'))!;
    expect(headline.text).toContain('労働者１人につき最大75万円助成します！');
    expect(headline.source.pages).toEqual([2, 2]);
  });

  it('05: keeps the whole rulebook as passages of a searchable size, with no contact', () => {
    const sections = program('rulebook').sections;
    expect(sections.reduce((n, s) => n + s.text.length, 0)).toBeGreaterThanOrEqual(90_000);
    expect(program('rulebook').contacts).toEqual([]);
    expect(program('rulebook').kind).toBe('document');
    const longest = Math.max(...sections.map((s) => s.text.length));
    expect(longest).toBeLessThan(1_200);
    const definition = sections.find((s) => s.name === '0203 有期雇用労働者')!;
    expect(definition.text).toMatch(/^0203 有期雇用労働者\n期間の定めのある労働契約を締結する労働者/u);
    expect(definition.source.pages).toEqual([3, 3]);
    expect(read.rulebook.ms).toBeLessThan(10_000);
  });

  it('06: reads the 【問合せ先】 office with its phone and e-mail address', () => {
    expect(program('census').contacts).toEqual([
      { office: '総務省統計局統計調査部国勢統計課人口推計係', phone: '03-5273-1009', scope: null, email: 'c-suikei@soumu.go.jp' },
    ]);
    const inquiry = program('census').sections.find((s) => s.name === '【問合せ先】')!;
    expect(inquiry.source.pages).toEqual([8, 8]);
  });

  it('drops running headers, footers and page numbers', async () => {
    expect(allText('leaflet')).not.toContain('LL071121');
    const rulebookLines = allText('rulebook').split('\n');
    expect(rulebookLines.filter((l) => /^-\s*\d+\s*-$|Ｒ７\.４\.1/u.test(l))).toEqual([]);
    for (const name of Object.keys(FILES) as Name[]) {
      // Lines at the top or bottom of most pages, the same but for their digits, in what pdf.js gives.
      const pages = await readPdfPages(await bytesOf(FILES[name]));
      if ('code' in pages) throw new Error(pages.reason);
      const key = (t: string) => t.replace(/[0-9０-９]+/gu, '#').replace(/\s+/gu, '');
      const seen = new Map<string, Set<number>>();
      for (const page of pages.pages)
        for (const line of layoutPage(page).filter((l) => l.margin)) seen.set(key(line.text), (seen.get(key(line.text)) ?? new Set()).add(page.number));
      const running = [...seen].filter(([, on]) => on.size >= Math.max(2, pages.count / 2)).map(([k]) => k);
      const kept = program(name).sections.flatMap((s) => s.text.split('\n')).filter((l) => running.includes(key(l)));
      expect(kept, name).toEqual([]);
    }
  });
});

/** A PDF written out by hand: objects 1…n with a correct cross-reference table. */
function buildPdf(objects: string[], trailer = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** One page that paints a rectangle and sets no text. */
function imageOnlyPdf(trailer = '', extra: string[] = []): Uint8Array {
  const paint = '0 0 1 rg 10 10 100 100 re f';
  return buildPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>',
      `<< /Length ${paint.length} >>\nstream\n${paint}\nendstream`,
      ...extra,
    ],
    trailer,
  );
}

describe('readPdfDocument on bad input', () => {
  const hex = (bytes: number) => `<${'5a'.repeat(bytes)}>`;
  const cases: [string, () => Promise<Uint8Array>, string][] = [
    ['an empty file', async () => new Uint8Array(), 'EMPTY'],
    ['a truncated PDF', async () => (await bytesOf(FILES.leaflet)).slice(0, 2000), 'PDF_INVALID'],
    ['random bytes', async () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251), 'PDF_INVALID'],
    ['a PDF with no text layer', async () => imageOnlyPdf(), 'PDF_NO_TEXT'],
    [
      'an encrypted PDF',
      async () => imageOnlyPdf(`/Encrypt 5 0 R /ID [${hex(16)} ${hex(16)}] `, [`<< /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -4 >>`]),
      'PDF_ENCRYPTED',
    ],
  ];

  it.each(cases)('%s gives one coded problem and no program', async (_, bytes, code) => {
    const given = await bytes();
    const result = await readPdfDocument('pdf/bad.pdf', given);
    expect(result.program).toBeNull();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ document: 'pdf/bad.pdf', code });
    expect(result.problems[0]!.reason).not.toBe('');
  });

  it('says an image-only PDF needs OCR', async () => {
    expect((await readPdfDocument('scan.pdf', imageOnlyPdf())).problems[0]!.reason).toBe('no text layer: needs OCR');
  });

  it('leaves the caller its bytes', async () => {
    const bytes = await bytesOf(FILES.leaflet);
    await readPdfDocument('pdf/leaflet.pdf', bytes);
    expect(bytes.byteLength).toBe(407278);
  });
});
