/** A run of items on one row with no wide gap inside: a table cell, or a column's share of the row. */
export interface Cell {
  /** The row it stands on, counted from the top of the page. */
  row: number;
  x0: number;
  x1: number;
  /** The baseline of most of its characters. */
  y: number;
  size: number;
  text: string;
  vertical: boolean;
  chars: number;
}

/** A column gutter is at least this wide (in the body's font size). */
const GUTTER = 1.5;
/** Between paragraphs and blocks, not between the lines of one. */
const BLOCK_GAP = 0.8;
/** Cells on one baseline, within this share of their size, belong to one table row. */
const BASELINE = 0.15;

/**
 * Recursive XY-cut over a page's cells: split at a column gutter first (read the left column, then the right),
 * else at the gaps between blocks (read top to bottom), else read the rows as they stand, each row's cells
 * left to right. A gutter between cells that share their baselines is a table's, and its rows stay whole.
 */
export function readingOrder(cells: Cell[], depth = 0): Cell[][] {
  if (cells.length > 1 && depth < 16) {
    const columns = columnCut(cells);
    if (columns) return columns.flatMap((side) => readingOrder(side, depth + 1));
    const blocks = blockCut(cells);
    if (blocks.length > 1) return blocks.flatMap((block) => readingOrder(block, depth + 1));
  }
  const rows = new Map<number, Cell[]>();
  for (const c of [...cells].sort((a, b) => a.row - b.row || a.x0 - b.x0)) rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
  return [...rows.values()];
}

function columnCut(cells: Cell[]): [Cell[], Cell[]] | null {
  const body = median(cells.map((c) => c.size));
  const spans = [...cells].sort((a, b) => a.x0 - b.x0);
  const gutters: [number, number][] = [];
  let reach = spans[0]!.x1;
  for (const c of spans.slice(1)) {
    if (c.x0 - reach >= GUTTER * body) gutters.push([reach, c.x0]);
    reach = Math.max(reach, c.x1);
  }
  gutters.sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
  for (const [from, to] of gutters) {
    const left = cells.filter((c) => c.x1 <= from);
    const right = cells.filter((c) => c.x0 >= to);
    const rowsLeft = new Set(left.map((c) => c.row));
    const rowsRight = new Set(right.map((c) => c.row));
    if (rowsLeft.size < 2 || rowsRight.size < 2) continue;
    // Cells of a table row sit on one baseline; lines of two columns rarely do.
    const aligned = [...rowsLeft].filter((r) => left.some((l) => l.row === r && right.some((q) => q.row === r && Math.abs(q.y - l.y) <= BASELINE * Math.min(q.size, l.size))));
    if (aligned.length <= 0.3 * Math.min(rowsLeft.size, rowsRight.size)) return [left, right];
  }
  return null;
}

function blockCut(cells: Cell[]): Cell[][] {
  const body = median(cells.map((c) => c.size));
  const sorted = [...cells].sort((a, b) => a.y - a.size * 0.8 - (b.y - b.size * 0.8));
  const blocks: Cell[][] = [];
  let bottom = -Infinity;
  for (const c of sorted) {
    const top = c.y - c.size * 0.8;
    if (!blocks.length || top - bottom >= BLOCK_GAP * body) blocks.push([]);
    blocks.at(-1)!.push(c);
    bottom = Math.max(bottom, c.y + c.size * 0.2);
  }
  // A row belongs to one block: its cells' bands overlap, so the sweep never separates them.
  return blocks;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
