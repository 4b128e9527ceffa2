import type { Fact, Source } from '../catalog.js';

/** A section's name and text as its reader found them; `source` is what its facts cite. */
export interface FactSection {
  name: string;
  text: string;
  source: Source;
}

/**
 * The label words a fact can stand under, by what they state. Each kind lists the spellings the catalogs use
 * for the same figure (a 上限額 is written 補助上限額, 上限額, 限度額, 補助上限 …); a fact keeps the one its
 * document wrote.
 *
 * @example FACT_LABELS.rate // ['補助率', '助成率']
 */
export const FACT_LABELS = {
  rate: ['補助率', '助成率'],
  amount: [
    '補助上限額', '上限額', '補助限度額', '支給額', '助成額', '補助額', '貸付限度額', '融資限度額', '貸付金額', '融資額',
    '補助上限', '補助金額', '補助金上限額', '助成上限額', '助成限度額', '限度額', '上限', '貸付限度', '融資金額', '融資上限', '交付額', '貸付上限額', '借入限度額',
  ],
  interest: ['貸付利率', '利率', '金利', '融資利率', '貸付金利', '貸付利子'],
  term: ['貸付期間', '返済期間', '据置期間', '融資期間', '償還期間', '償還期限'],
  target: ['対象者', '補助対象者', '対象', '貸付対象者'],
  expenses: ['対象経費', '補助対象経費', '助成対象経費', '対象となる経費'],
  period: ['期間', '実施期間', '事業期間', '補助期間', '事業実施期間', '対象期間'],
  application: ['申請期間', '公募期間', '受付期間', '申請期限', '締切', '締切日', '募集期間', '最終申請期限', '申請時期', '公募時期', '募集時期'],
} as const satisfies Record<string, readonly string[]>;

export type FactKind = keyof typeof FACT_LABELS;

const KIND = new Map<string, FactKind>(
  Object.entries(FACT_LABELS).flatMap(([kind, labels]) => labels.map((label) => [label, kind as FactKind] as const)),
);

/**
 * What a fact's label states, so that a question about 補助上限額 finds a document's 上限額.
 *
 * @example factKind('貸付限度額') // 'amount'
 */
export function factKind(label: string): FactKind | null {
  return KIND.get(label) ?? null;
}

// Decoration before a label: Markdown headings and emphasis, heading marks, bullets, opening brackets, and
// a heading number such as (1), （２）, ①, 1． or `3　`
const LEAD = /^[\s#*＊■□●○◯◆◇▼▽◎・･•\-【＜<《[]*(?:(?:[（(][0-9０-９]{1,2}[)）]|[①-⑳]|[0-9０-９]{1,2}[.．])\s*|[0-9０-９]{1,2}\s+)?[【＜<《[]*/u;
const NAME = /^[^\s：:／・】＞>》\]*＊（()）、。]+/u;
// 補助率等, 補助率(額), 償還期限（据置期間）: the label word with a qualifier the fact does not need.
const QUALIFIER = /^(?:等|[（(][^）)]{1,20}[）)])/u;
const CLOSE = /^(?:[】＞>》\]◆]|\*\*)+/u;
const SEPARATOR = /^\s*(?:[：:／]|・{2,})\s*|^\s+/u;
// 【通常枠】補助上限額：…: a sub-heading written on the label's own line.
const SUBHEADING = /^\s*(?:\*\*)?[【＜《][^】＞》]{1,30}[】＞》](?:\*\*)?/u;

interface LabelLine {
  labels: string[];
  /** The value written on the label's own line; '' when it follows on the next lines. */
  rest: string;
}

/**
 * A line that is a label: `**■補助率**`, `【補助額】`, `### 貸付期間・据置期間`, `補助率：3分の2`,
 * `貸付限度額　7,200万円`, `【通常枠】補助率：3分の2`. A label word running on into prose
 * (補助率を引き上げ…) is not one, nor is a heading naming anything besides labels (助成内容・対象).
 */
function readLabelLine(line: string): LabelLine | null {
  if (/^\s*\|/u.test(line)) return readTableRow(line);
  return readLabels(line.replace(LEAD, '')) ?? readLabels(line.replace(SUBHEADING, '').replace(LEAD, ''));
}

function readLabels(text: string): LabelLine | null {
  let s = text;
  const labels: string[] = [];
  for (;;) {
    const written = NAME.exec(s)?.[0];
    if (!written) return null;
    const name = written.endsWith('等') && !KIND.has(written) ? written.slice(0, -1) : written;
    if (!KIND.has(name)) return null;
    s = s.slice(written.length);
    s = s.slice(QUALIFIER.exec(s)?.[0].length ?? 0);
    labels.push(name);
    // 補助率・上限額 names two labels; ・・・ separates a value, and so does a ／ not followed by a label.
    const joiner = /^[・／]/u.exec(s)?.[0];
    if (!joiner || s.startsWith('・・')) break;
    const next = NAME.exec(s.slice(1))?.[0];
    if (joiner === '／' && !(next && KIND.has(next))) break;
    s = s.slice(1);
  }
  const closed = CLOSE.exec(s)?.[0] ?? '';
  s = s.slice(closed.length);
  const separator = SEPARATOR.exec(s)?.[0];
  if (separator !== undefined) s = s.slice(separator.length);
  else if (s && !closed) return null;
  return { labels, rest: cleanLine(s) };
}

/** `| 貸付限度額| 別枠7,200万円| 別枠10億円|`: a Markdown table row whose first cell is a label. */
function readTableRow(line: string): LabelLine | null {
  const [head = '', ...cells] = line.trim().replace(/^\||\|$/gu, '').split('|');
  const found = readLabels(head.replace(LEAD, '').trim());
  if (!found || found.rest) return null;
  const values = cells.map((c) => c.replace(/<br\s*\/?>/giu, '\n').replace(/\*\*/g, '').trim()).filter(Boolean);
  return { labels: found.labels, rest: values.join(' | ') };
}

// `償還期間:12年　据置期間:4年`: a further label with a colon, after a space, starts a further fact.
const NEXT_PAIR = new RegExp(
  `(\\s+)(?=(?:${[...KIND.keys()].sort((x, y) => y.length - x.length).join('|')})(?:${QUALIFIER.source.slice(1)})?[：:])`,
  'u',
);

/** The label/value pairs written on one line, in order. */
function pairsOn(found: LabelLine): LabelLine[] {
  const [first = '', ...split] = found.rest.split(NEXT_PAIR);
  const pairs = [{ ...found, rest: first }];
  for (let k = 0; k + 1 < split.length; k += 2) {
    const pair = readLabels(split[k + 1]!);
    if (pair) pairs.push(pair);
    else pairs[pairs.length - 1]!.rest += split[k]! + split[k + 1]!;
  }
  return pairs;
}

/** A line that opens something else: a Markdown heading, a ■ heading, a 【sub-heading】 alone, `3　融資率`, a rule. */
function isHeading(line: string): boolean {
  const s = line.trim();
  return (
    /^#/u.test(s) ||
    /^[■□◆◇▼▽]/u.test(s) ||
    /^(?:\*\*)?[【＜<《][^】＞>》]*[】＞>》](?:\*\*)?$/u.test(s) ||
    /^[0-9０-９]{1,2}\s+[^\s0-9０-９]{1,12}$/u.test(s) ||
    /^[-‐─━=_*]{3,}$/u.test(s)
  );
}

/** A value line as written, without emphasis marks, surrounding space or a leading bullet. */
function cleanLine(line: string): string {
  return line
    .replace(/\*\*/g, '')
    .trim()
    .replace(/^(?:[・･•|｜]|[*-](?=\s))\s*/u, '')
    .trim();
}

/** The value on the lines below a label: up to a blank line, the next label or a heading. */
function valueBelow(lines: string[], at: number, labels: string[]): string {
  const value: string[] = [];
  let j = at + 1;
  while (j < lines.length && !lines[j]!.trim()) j++;
  for (; j < lines.length && lines[j]!.trim() && !isHeading(lines[j]!); j++) {
    const next = readLabelLine(lines[j]!);
    // ＜償還期間・据置期間＞ over `償還期間:12年　据置期間:4年` lines heads them rather than stating a value.
    if (next?.labels.some((l) => labels.includes(l))) return '';
    if (next) break;
    const line = cleanLine(lines[j]!);
    // An image stands for a table or figure the text does not carry.
    if (line && !/^!\[[^\]]*\]\([^)]*\)$/u.test(line)) value.push(line);
  }
  return value.join('\n');
}

/** A table row: cells between pipes (Markdown) or joined by ` | ` (a PDF's table, `pdf-layout.ts`). */
const TABLE_ROW = /^\s*\||\s\|\s/u;

/** What a figure's value holds besides a number: 定額, 随時, 金融機関所定 … (a row of column headers holds none of it). */
const FIGURE_WORDS: Partial<Record<FactKind, RegExp>> = {
  rate: /定額|定率|全額|分の/u,
  amount: /定額|全額|円/u,
  interest: /利率|利子|利息|金利|所定|固定|変動/u,
  term: /年|月|所定|約定/u,
  period: /年|月|随時|通年/u,
  application: /年|月|日|随時|通年|常時|未定/u,
};

/**
 * Whether a table row's value states the figure its label names: a number or the words such values are
 * written in. A row of column headers (`①申請期間 | 主な確認事項`, `支給額 | 総額 | 回数`) states none.
 */
function statesFigure(label: string, text: string): boolean {
  const words = FIGURE_WORDS[factKind(label) ?? 'target'];
  return !words || /[0-9０-９]/u.test(text) || words.test(text);
}

/**
 * Facts a program's sections state under their own label: a label line with its value on the same line or
 * on the lines that follow (up to a blank line, the next label or a heading), and a whole section whose name
 * is a label. Facts keep document order; the same label under several sub-headings (【通常枠】 …) gives
 * several facts, the first being the headline figure.
 *
 * @example extractFacts([{ name: '内容', text: '**■補助率**\n  2分の1～3分の2（※）', source: { document: 'supports.json', record: '26' } }])
 *   // [{ label: '補助率', text: '2分の1～3分の2（※）', source: { document: 'supports.json', record: '26' } }]
 */
export function extractFacts(sections: FactSection[]): Fact[] {
  const facts: Fact[] = [];
  for (const section of sections) {
    const { source } = section;
    const named = readLabelLine(section.name);
    const whole = section.text.trim();
    if (named && !named.rest && whole) for (const label of named.labels) if (whole !== label) facts.push({ label, text: whole, source });

    const lines = section.text.split(/\r?\n/);
    lines.forEach((line, i) => {
      const found = readLabelLine(line);
      if (!found) return;
      const pairs = found.rest ? pairsOn(found) : [{ labels: found.labels, rest: valueBelow(lines, i, found.labels) }];
      const row = TABLE_ROW.test(line);
      for (const { labels, rest } of pairs) {
        const text = rest.trim();
        for (const label of labels) if (text && text !== label && (!row || statesFigure(label, text))) facts.push({ label, text, source });
      }
    });
  }
  return facts;
}
