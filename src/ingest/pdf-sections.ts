import type { Section } from '../catalog.js';
import type { PdfLine } from './pdf-layout.js';
import { joinSpacedCjk } from './pdf-spacing.js';

/** A passage a search can use: sections are split on line boundaries past this many characters. */
export const SECTION_CHARS = 600;
/** A heading by its size is clearly larger than its page's body text. */
const HEADING_RATIO = 1.25;

/** 【問合せ先】, ■ 支給額, 第２章, 1．概要, 0201 キャリアアップ計画: a short line that opens what follows. */
const LAYOUT_HEADING =
  /^(?:【[^】]{1,24}】$|(?:お?問い?合わ?せ(?:先|窓口)|連絡先|相談窓口)$|[■◆◇□▼▽◎]\s*\S|第[0-9０-９一二三四五六七八九十]+[章節款部編条]|[0-9０-９]{1,4}(?:[．.](?![0-9０-９])|\s+)(?=[^\s0-9０-９.．,，)）]))/u;

/** A line kept in a section, with the page it is on. */
interface Placed {
  text: string;
  page: number;
}

/**
 * Sections under the headings a PDF sets: lines clearly larger than their page's body text, and short
 * layout headings (【…】, ■…, 1．…). Lines before the first heading stand under the document's title; each
 * section keeps the pages it spans and is split into parts of about SECTION_CHARS characters.
 *
 * @example toSections(document, lines, '人口推計')[0].source // { document, pages: [1, 1] }
 */
export function toSections(document: string, pages: PdfLine[][], title: string): Section[] {
  const sections: Section[] = [];
  let name = title;
  // The heading just opened, until its first line of text: headings in a row (a cover page) join into one.
  let heading: Placed | null = null;
  let part: Placed[] = [];
  const flush = () => {
    if (!part.length && heading) part.push(heading);
    const text = part.map((l) => l.text).join('\n').trim();
    if (text) sections.push({ name, text, items: [], source: { document, pages: [part[0]!.page, part.at(-1)!.page] } });
    [part, heading] = [[], null];
  };
  const open = (text: string, page: number) => {
    const named = text.replace(/ \| /g, ' ');
    if (heading && !part.length && name.length + named.length < 80) {
      name = `${name} / ${named}`;
      heading = { text: name, page: heading.page };
    } else {
      flush();
      name = named;
      heading = { text: name, page };
    }
  };
  const add = (line: Placed) => {
    // The heading opens its section's text too: a passage keeps what it is about (最大75万円助成します！).
    if (heading && !part.length) part.push(heading);
    heading = null;
    const length = part.reduce((n, l) => n + l.text.length + 1, 0);
    if (part.length && length + line.text.length > SECTION_CHARS) flush();
    part.push(line);
  };
  for (const page of pages) {
    const body = bodySize(page);
    for (let i = 0; i < page.length; i++) {
      const line = page[i]!;
      const next = page[i + 1];
      const [first, ...rest] = line.cells;
      if (isHeading(line, body, next)) {
        // A heading set over two lines (キャリアアップ / 助成金) is one heading.
        let text = line.text;
        while (short(text) && page[i + 1] && sizeHeading(line, body) && sizeHeading(page[i + 1]!, body) && short(page[i + 1]!.text) && Math.abs(page[i + 1]!.size - line.size) < 0.5) {
          text = joinSpacedCjk(`${text} ${page[++i]!.text}`);
        }
        open(text, line.page);
      } else if (first && rest.length && rest.every((c) => c.size < first.size) && headingText(first.text) && first.size >= HEADING_RATIO * body) {
        open(first.text, line.page);
        add({ text: rest.map((c) => c.text).join(' | '), page: line.page });
      } else add(line);
    }
  }
  flush();
  return sections;
}

/**
 * The document's title: the largest text on its first page, joined over its lines; null where that is no
 * name (a lone figure, a logo letter).
 */
export function titleOf(firstPage: PdfLine[]): string | null {
  const sizes = [...new Set(firstPage.map((l) => l.size))].sort((a, b) => b - a);
  for (const size of sizes.slice(0, 3)) {
    const text = joinSpacedCjk(
      firstPage
        .filter((l) => l.size >= size * 0.95 && l.size <= size * 1.05)
        .map((l) => l.text.replace(/ \| /g, ' '))
        .join(' '),
    );
    if ((text.match(/[\p{L}]/gu) ?? []).length >= 4 && text.length <= 80) return text;
  }
  return null;
}

function isHeading(line: PdfLine, body: number, next: PdfLine | undefined): boolean {
  const text = line.text.trim();
  // A long line in a large font running on into the next line of that size is a paragraph.
  const runsOn = next && [...text].length > 20 && Math.abs(next.size - line.size) < 0.5 && !/[。！？!?）)」』]$/u.test(text);
  if (sizeHeading(line, body)) return !runsOn;
  return [...text].length <= 30 && !text.includes(' | ') && !/[。、，,]/u.test(text) && LAYOUT_HEADING.test(text);
}

function sizeHeading(line: PdfLine, body: number): boolean {
  return line.size >= Math.max(HEADING_RATIO * body, body + 1.5) && headingText(line.text.trim());
}

/** Short, with letters, and not a sentence. */
function headingText(text: string): boolean {
  return [...text].length <= 40 && (text.match(/[\p{L}]/gu) ?? []).length >= 2 && !text.includes('。') && !/[、，,]$/u.test(text);
}

function short(text: string): boolean {
  return [...text].length <= 20 && !/[。、！？!?]/u.test(text);
}

/** The size most of a page's characters are set in. */
function bodySize(page: PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const l of page) weight.set(l.size, (weight.get(l.size) ?? 0) + l.text.length);
  return [...weight].reduce((a, b) => (b[1] > a[1] ? b : a), [0, -1])[0];
}
