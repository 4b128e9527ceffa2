import type { Contact, Item, Program, Section, Unplaced } from '../catalog.js';
import { isBudgetLine, parseBudget } from './budget.js';
import { parseContacts, phoneIn } from './contacts.js';
import { extractFacts } from './facts.js';
import { programId } from './program-id.js';
import { authorityOf, createProgram } from './program.js';

const SECTION = /^(事業の内容|事業目的・概要|成果目標|条件|事業イメージ)/;
const PAREN_ITEM = /^[-・]?\s*\((\d+)\)\s*(.*)$/;
const CIRCLED_ITEM = /^[-・]?\s*([①-⑳])\s*(.*)$/;
const BULLET = /^\s*[-・●■]\s*/;
const PERIOD = [
  /(?:(?:平成|令和)\d+年度|\d{4}年)から(?:(?:平成|令和)\d+年度|\d{4}年)までの\d+年間/,
  /(?:平成|令和)\d+年度までの事業/,
];
// Matched after NFKC, which turns ㎡ into m2.
const FIGURE = /\d[\d,.]*\/\d+|\d[\d,.]*\s*(?:件|%|万kl|万k|億円|万m2|m2|倍|名|人)/g;

export interface ParsedDocument {
  programs: Program[];
  unplaced: Unplaced[];
}

const bare = (line: string) => line.replace(/\*+/g, '').trim();
const flat = (line: string) => bare(line).normalize('NFKC').replace(/\s+/g, '');

/** True when the text reads like a ministry's program summaries: budget lines with titles above them. */
export function isProgramDocument(text: string): boolean {
  return text.split(/\r?\n/).some(isBudgetLine);
}

/**
 * Parses program summaries laid out as in a budget-request PDF converted to text: a title, a contact
 * block before or after the 概算要求額 line, then sections (事業目的・概要, 成果目標, 条件, 事業イメージ)
 * with sub-items (1)…(n) and ①…. Every non-blank line ends in a program or in `unplaced`.
 */
export function parseProgramDocument(document: string, text: string): ParsedDocument {
  const lines = text.split(/\r?\n/);
  const unplaced: Unplaced[] = [];
  const budgetLines = lines.flatMap((l, i) => (isBudgetLine(l) ? [i] : []));
  const starts = budgetLines.map((b, k) => titleLine(lines, b, k === 0 ? -1 : budgetLines[k - 1]!));

  const first = starts.find((s) => s !== null) ?? lines.length;
  for (let i = 0; i < first; i++) {
    if (bare(lines[i]!)) unplaced.push({ document, line: i + 1, text: bare(lines[i]!), reason: 'before the first program' });
  }
  const programs: Program[] = [];
  budgetLines.forEach((b, k) => {
    const start = starts[k];
    if (start === null || start === undefined) {
      unplaced.push({ document, line: b + 1, text: bare(lines[b]!), reason: 'budget line without a program title' });
      return;
    }
    const next = starts.slice(k + 1).find((s) => s !== null);
    const end = (next ?? lines.length) - 1;
    programs.push(parseProgram(document, lines, start, b, end, unplaced));
  });
  return { programs, unplaced };
}

/** The title stands above the budget line, possibly with contact blocks in between. */
function titleLine(lines: string[], budget: number, floor: number): number | null {
  let i = budget - 1;
  while (i > floor) {
    while (i > floor && !bare(lines[i]!)) i--;
    if (i <= floor) return null;
    let top = i;
    while (top - 1 > floor && bare(lines[top - 1]!)) top--;
    const block = lines.slice(top, i + 1);
    if (!block.some((l) => phoneIn(l))) return top;
    i = top - 1;
  }
  return null;
}

function parseProgram(document: string, lines: string[], start: number, budgetAt: number, end: number, unplaced: Unplaced[]): Program {
  let titleEnd = start;
  while (titleEnd + 1 < budgetAt && bare(lines[titleEnd + 1]!)) titleEnd++;
  const title = lines.slice(start, titleEnd + 1).map(bare).join(' ').replace(/(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])/g, '');
  const budget = parseBudget(lines[budgetAt]!)!;

  let body = budgetAt + 1;
  while (body <= end && !SECTION.test(flat(lines[body]!))) body++;

  const contacts: Contact[] = [];
  const header = [...range(titleEnd + 1, budgetAt - 1), ...range(budgetAt + 1, body - 1)];
  for (const block of blocks(lines, header)) {
    const found = parseContacts(block.map((i) => lines[i]!));
    if (found) contacts.push(...found);
    else if (block.every((i) => bare(lines[i]!).startsWith('※'))) budget.notes.push(...block.map((i) => bare(lines[i]!)));
    else for (const i of block) unplaced.push({ document, line: i + 1, text: bare(lines[i]!), reason: 'not a contact, budget or note line' });
  }

  budget.source = { document, lines: [start + 1, lastNonBlank(lines, start, body - 1) + 1] };
  const sections = parseSections(document, lines, body, end);
  const goals = sections.filter((s) => s.name.startsWith('成果目標'));
  const all = sections.map(sectionText).join('\n');
  const period = PERIOD.map((re) => re.exec(all.normalize('NFKC'))?.[0]).find(Boolean) ?? null;
  const targets = goals.flatMap((s) => sectionText(s).normalize('NFKC').match(FIGURE) ?? []).map((f) => f.replace(/\s+/g, ''));

  return createProgram({
    id: programId(document, title),
    kind: 'program',
    title,
    authority: authorityOf(contacts.map((c) => c.office)),
    budget,
    contacts,
    facts: [...extractFacts(sections), ...(period ? [{ label: '期間', text: period, source: sections.find((sec) => sectionText(sec).normalize('NFKC').includes(period))?.source ?? budget.source }] : [])],
    period,
    targets,
    sections,
    source: { document, lines: [start + 1, lastNonBlank(lines, start, end) + 1] },
  });
}

type Lined = { source: { document: string; lines: [number, number] } };
type OpenItem = Item & Lined & { circled: boolean };
type OpenSection = Omit<Section, 'items'> & Lined & { items: OpenItem[] };

function parseSections(document: string, lines: string[], from: number, to: number): Section[] {
  const sections: OpenSection[] = [];
  let section: OpenSection | null = null;
  let item: OpenItem | null = null;
  const source = (i: number) => ({ document, lines: [i + 1, i + 1] as [number, number] });
  const extend = (s: Lined, i: number) => (s.source.lines[1] = i + 1);
  const append = (target: { text: string }, line: string) => {
    target.text = target.text ? `${target.text}\n${line}` : line;
  };

  for (let i = from; i <= to; i++) {
    const line = bare(lines[i]!);
    if (!line) continue;
    if (SECTION.test(flat(line))) {
      section = { name: line, text: '', items: [], source: source(i) };
      sections.push(section);
      item = null;
      continue;
    }
    section = section!;
    const paren = PAREN_ITEM.exec(line.normalize('NFKC'));
    const circled = paren ? null : CIRCLED_ITEM.exec(line);
    if (paren || circled) {
      const key = paren ? `(${paren[1]})` : circled![1]!;
      const label = (paren ? paren[2]! : circled![2]!).trim();
      const number = paren ? Number(paren[1]) : key.charCodeAt(0) - '①'.charCodeAt(0) + 1;
      item = { key, number, label, text: circled ? label : '', source: source(i), circled: Boolean(circled) };
      section.items.push(item);
      extend(section, i);
      continue;
    }
    if (item && item.circled && BULLET.test(line)) item = null;
    const text = line.replace(BULLET, '').trim();
    if (item) {
      append(item, text);
      extend(item, i);
    } else {
      append(section, text);
    }
    extend(section, i);
  }
  return sections.map((s) => ({ ...s, items: s.items.map(({ circled: _, ...rest }) => rest) }));
}

/** A section's own text and its items' text, for figures and periods. */
export function sectionText(section: Section): string {
  return [section.text, ...section.items.map((i) => `${i.label}\n${i.text}`)].join('\n');
}

function* blocks(lines: string[], indices: number[]): Generator<number[]> {
  let block: number[] = [];
  for (const i of indices) {
    if (bare(lines[i]!)) block.push(i);
    else if (block.length) {
      yield block;
      block = [];
    }
  }
  if (block.length) yield block;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

function lastNonBlank(lines: string[], from: number, to: number): number {
  let i = to;
  while (i > from && !bare(lines[i]!)) i--;
  return i;
}
