import type { Budget } from '../catalog.js';

const BUDGET = /^(.*?年度)?\s*概算要求額\s*([\d,.]+)\s*億円\s*\(\s*(?:([\d,.]+)\s*億円|(新規))\s*\)/;

const clean = (line: string) => line.replace(/\*+/g, '').replace(/\s+/g, ' ').trim();

/** True for a line such as `令和2年度概算要求額 **59.2億円（50.3億円）**`. */
export function isBudgetLine(line: string): boolean {
  return BUDGET.test(clean(line).normalize('NFKC'));
}

/**
 * Reads a budget line: amounts in 億円 as numbers, 新規 as `previous: null`, the text as written.
 *
 * @example parseBudget('令和2年度概算要求額 **19.0億円** (新規)')
 *   // { fiscalYear: '令和2年度', requested: 19, previous: null, isNew: true, text: '令和2年度概算要求額 19.0億円 (新規)', notes: [] }
 */
export function parseBudget(line: string): Budget | null {
  const text = clean(line);
  const m = BUDGET.exec(text.normalize('NFKC'));
  if (!m) return null;
  const amount = (s: string) => Number(s.replace(/,/g, ''));
  return {
    fiscalYear: m[1]?.trim() || null,
    requested: amount(m[2]!),
    previous: m[3] ? amount(m[3]) : null,
    isNew: Boolean(m[4]),
    text,
    notes: [],
  };
}
