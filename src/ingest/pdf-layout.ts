import { readingOrder, type Cell } from './pdf-columns.js';
import { collapseSpacedRun, isCjk, joinSpacedCjk } from './pdf-spacing.js';
import type { PdfItem, PdfPage } from './pdf-text.js';

/** One line of a page in reading order; table cells stay on their row, separated by " | ". */
export interface PdfLine {
  page: number;
  text: string;
  /** The size most of the line's characters have. */
  size: number;
  /** The baseline, from the top of the page. */
  y: number;
  /** Within the page's top or bottom tenth, where running headers, footers and page numbers stand. */
  margin: boolean;
  /** The line's cells left to right, with their sizes: a heading can open a row (助成金の金額 | 正社員化コースの…). */
  cells: { text: string; size: number }[];
}

/** A gap wider than this (in font sizes) between items of a row separates cells or columns. */
const CELL_GAP = 1.2;
const ROW_OVERLAP = 0.5;
/** What a vertical heading is set in: kanji and kana, not bullets, marks or full-width letters. */
const VERTICAL_CHAR = /^[\u3041-\u30FA\u30FC-\u30FF\u3400-\u4DBF\u4E00-\u9FFF々〆]$/u;
const PAGE_NUMBER = /^[-－–—‐‑―\s(（]*(?:p\.?\s*)?[0-9０-９]{1,4}(?:\s*[/／]\s*[0-9０-９]{1,4})?[-－–—‐‑―\s)）]*$/i;

/**
 * A page's lines in reading order: items grouped into rows by their baseline band, rows split into cells at
 * wide gaps, a page split into columns where a gutter runs between cells that do not share baselines (cells of
 * a table row do), and blocks read top to bottom. A vertical heading set one character per line becomes one line.
 */
export function layoutPage(page: PdfPage): PdfLine[] {
  const { items, headings } = mergeVertical(page.items);
  const margin = (y: number) => y < page.height * 0.1 || y > page.height * 0.9;
  const cells = groupRows(items, headings)
    .flatMap((row, i) => splitCells(row, i))
    .filter((c) => !(margin(c.y) && PAGE_NUMBER.test(c.text)));
  return readingOrder(cells).map((row) => toLine(page.number, row, margin));
}

/**
 * Consecutive one-character kanji or kana items at the same x, one above the other: a heading written
 * vertically. A letter-spaced title (厚　生　労　働　省) has neighbours on its rows and is not one.
 */
function mergeVertical(items: PdfItem[]): { items: PdfItem[]; headings: PdfItem[] } {
  const singles = items.filter((i) => !i.vertical && VERTICAL_CHAR.test(i.text.trim())).sort((a, b) => a.x - b.x || a.y - b.y);
  const used = new Set<PdfItem>();
  const chains: PdfItem[][] = [];
  for (const first of singles) {
    if (used.has(first)) continue;
    const chain = [first];
    for (let last = first; ; ) {
      const next = singles.find((n) => !used.has(n) && n !== first && Math.abs(n.x - last.x) <= 0.35 * last.size && n.y > last.y && n.y - last.y <= 2.6 * Math.max(n.size, last.size));
      if (!next) break;
      chain.push(next);
      used.add(next);
      last = next;
    }
    used.add(first);
    if (chain.length >= 3) chains.push(chain);
  }
  const inChain = new Set(chains.flat());
  const crowded = (c: PdfItem) =>
    items.some((o) => !inChain.has(o) && Math.abs(o.y - c.y) < 0.5 * c.size && (o.x > c.x ? o.x - (c.x + c.width) : c.x - (o.x + o.width)) < 4 * c.size && o !== c);
  const vertical = chains.filter((chain) => chain.filter(crowded).length <= chain.length / 3);
  const merged = new Set(vertical.flat());
  const headings = vertical.map((chain) => {
    const size = Math.max(...chain.map((c) => c.size));
    return { text: chain.map((c) => c.text.trim()).join(''), x: chain[0]!.x, y: chain[0]!.y, width: size, size, vertical: true };
  });
  return { items: items.filter((i) => !merged.has(i)), headings };
}

/** Items whose baseline bands overlap by half the smaller one share a row; a vertical heading is a row of its own. */
function groupRows(items: PdfItem[], headings: PdfItem[]): PdfItem[][] {
  const rows: { y: number; size: number; items: PdfItem[] }[] = [];
  for (const item of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    let best: (typeof rows)[number] | undefined;
    let overlap = ROW_OVERLAP;
    for (let i = rows.length - 1; i >= 0 && i >= rows.length - 8; i--) {
      const o = Math.max(...rows[i]!.items.map((other) => bandOverlap(other, item)));
      if (o >= overlap) [best, overlap] = [rows[i]!, o];
    }
    if (best) best.items.push(item);
    else rows.push({ y: item.y, size: item.size, items: [item] });
  }
  rows.push(...headings.map((h) => ({ y: h.y - 0.01, size: h.size, items: [h] })));
  return rows.sort((a, b) => a.y - b.y).map((r) => dedupe(r.items.sort((a, b) => a.x - b.x)));
}

/** How much two items' bands (baseline up to 0.8 of the size) overlap, as a share of the smaller one. */
function bandOverlap(a: PdfItem, b: PdfItem): number {
  const top = Math.max(a.y - a.size * 0.8, b.y - b.size * 0.8);
  return (Math.min(a.y, b.y) - top) / (Math.min(a.size, b.size) * 0.8);
}

/** Simulated bold draws the same run twice, a fraction of a point apart. */
function dedupe(items: PdfItem[]): PdfItem[] {
  return items.filter((it, i) => !items.slice(Math.max(0, i - 3), i).some((p) => p.text === it.text && Math.abs(p.x - it.x) < 0.3 * it.size && Math.abs(p.y - it.y) < 0.3 * it.size));
}

function splitCells(row: PdfItem[], index: number): Cell[] {
  const cells: Cell[] = [];
  let run: PdfItem[] = [];
  let text = '';
  let end = -Infinity;
  const flush = () => {
    if (!run.length) return;
    const main = run.reduce((a, b) => (b.text.length * b.size > a.text.length * a.size ? b : a));
    const chars = run.reduce((n, i) => n + i.text.length, 0);
    cells.push({ row: index, x0: run[0]!.x, x1: end, y: main.y, size: dominantSize(run), text: joinSpacedCjk(text.trim()), vertical: run.some((i) => i.vertical), chars });
    [run, text] = [[], ''];
  };
  for (const item of row) {
    if (run.length) {
      const size = Math.max(item.size, run.at(-1)!.size);
      const gap = item.x - end;
      if (gap > CELL_GAP * size || item.vertical || run.at(-1)!.vertical || headingEnds(run, item, gap)) flush();
      else if (gap > 0.3 * size || (gap > 0.12 * size && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(item.text))) text += ' ';
    }
    if (!run.length) end = -Infinity;
    run.push(item);
    text += collapseSpacedRun(item.text);
    end = Math.max(end, item.x + item.width);
  }
  flush();
  return cells;
}

/** A heading run followed on its row by smaller text (助成金の金額　正社員化コースの１人当たり…); not a superscript. */
function headingEnds(run: PdfItem[], item: PdfItem, gap: number): boolean {
  const last = run.at(-1)!;
  const chars = run.filter((i) => i.size === last.size).reduce((n, i) => n + i.text.trim().length, 0);
  return last.size >= 1.3 * item.size && chars >= 3 && gap >= 0.5 * last.size;
}

function dominantSize(items: { size: number; text: string }[]): number {
  const weight = new Map<number, number>();
  for (const i of items) {
    const s = Math.round(i.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + i.text.replace(/\s/g, '').length);
  }
  return [...weight].reduce((a, b) => (b[1] > a[1] ? b : a), [0, -1])[0];
}

function toLine(page: number, row: Cell[], margin: (y: number) => boolean): PdfLine {
  // A title spaced out letter by letter across the page (厚　生　労　働　省) is one word, not a table row.
  const letters = row.length > 1 && row.every((c) => c.text.length === 1 && isCjk(c.text));
  const text = row.map((c) => c.text).join(letters ? '' : ' | ');
  const main = row.reduce((a, b) => (b.chars * b.size > a.chars * a.size ? b : a));
  const cells = letters ? [{ text, size: row[0]!.size }] : row.map((c) => ({ text: c.text, size: c.size }));
  return { page, text, size: dominantSize(row), y: main.y, margin: margin(main.y), cells };
}
