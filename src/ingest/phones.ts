/** A number as a contact text writes it; `fax` marks one written after a FAX label, which is never a phone. */
export interface WrittenNumber {
  /** Dashed, ASCII digits, the digits exactly as written: "054-221-2407". */
  phone: string;
  fax: boolean;
  /** 内線 as written: "(内線2145)", "(5506)" or "内線 2145" right after the number. */
  extension?: string;
  /** The bracketed remark right after the number, unless it was the extension: "直通", "平日9:00～17:00". */
  note?: string;
  /** Where this number's own label starts: after the previous number and its remark, or 0. */
  from: number;
  index: number;
  /** After the number and its remark. */
  end: number;
}

// Every way the catalogs bracket and dash a number: (054)221-2407, (03)-3502-8111, 03(5470)1525, 03)3581-1101
// (a typo kept by the source), 03-3501-1697, 0120-565653 and an undashed run.
const NUMBER =
  /(?<![\d+-])(?:\((0\d{1,4})\)\s?-?\s?(\d{1,4})-(\d{1,5})|(0\d{1,4})[-()](\d{1,4})[-)](\d{1,5})|(0\d{1,4})-(\d{5,8})|(0\d{9,10}))(?!\d)/g;
const FAX_LABEL = /(?:F\s*A\s*X|ファッ?[クッ]ス)[^\d]{0,6}$/i;
// One level of nesting, as in "(受付時間:9:00～21:00(土日・祝日含む))".
const REMARK = /^\s*\(((?:[^()]|\([^()]*\))*)\)/;
const EXTENSION = /^\s*(?:\(\s*(?:内線\s*:?\s*)?(\d{2,6}(?:\s*[、,~〜-]\s*\d{2,6})*)\s*\)|内線\s*:?\s*(\d{2,6}))/d;
const HOLDS_NUMBER = /0\d{1,4}[-()]\d/;
const WIDE = /[\uff01-\uff5e]/g;
const DASH = /[‐‑‒–—―−]/g;

/**
 * Folds full-width ASCII, the ideographic space, every dash and the vertical colon to their ASCII form
 * without changing the text's length, so an index found in the folded text slices the text as written.
 * The long-vowel mark folds only between digits (054ｰ221ｰ3760), where it stands for a dash.
 *
 * @example foldSameLength('ＴＥＬ：０９２ー６４３') // 'TEL:092-643'
 */
export function foldSameLength(text: string): string {
  return text
    .replace(WIDE, ascii)
    .replace(/\u3000/g, ' ')
    .replace(DASH, '-')
    .replace(/\ufe13/g, ':')
    .replace(/(?<=\d)[ーｰ](?=\d)/g, '-');
}

function ascii(c: string): string {
  return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
}

/**
 * Every phone or FAX number in one line, in order. A number is 10 or 11 digits starting with 0; postal codes,
 * dates and times are not numbers here.
 *
 * @example findNumbers('TEL：092-643-3433　FAX：092-643-3436').map((n) => [n.phone, n.fax])
 *   // [['092-643-3433', false], ['092-643-3436', true]]
 */
export function findNumbers(line: string): WrittenNumber[] {
  const f = foldSameLength(line);
  const found: WrittenNumber[] = [];
  let from = 0;
  for (const m of f.matchAll(NUMBER)) {
    const groups = m.slice(1).filter((g): g is string => g !== undefined);
    if (m.index < from || !/^\d{10,11}$/.test(groups.join(''))) continue;
    const number: WrittenNumber = { phone: groups.join('-'), fax: FAX_LABEL.test(f.slice(from, m.index)), from, index: m.index, end: m.index + m[0].length };
    const rest = f.slice(number.end);
    const extension = EXTENSION.exec(rest);
    // A bracket that holds another number is that number's label, not this one's remark.
    let remark = extension ? null : REMARK.exec(rest);
    if (remark && HOLDS_NUMBER.test(remark[1]!)) remark = null;
    const at = extension?.indices?.[1] ?? extension?.indices?.[2];
    if (at) number.extension = line.slice(number.end + at[0], number.end + at[1]).replace(/[０-９]/g, ascii);
    if (remark) number.note = line.slice(number.end, number.end + remark[0].length).trim().slice(1, -1).trim();
    number.end += (extension ?? remark)?.[0].length ?? 0;
    found.push(number);
    from = number.end;
  }
  return found;
}

/**
 * The phone numbers in one line, FAX numbers left out.
 *
 * @example findPhones('電話:(03)3581-1101(内線2145)')
 *   // [{ phone: '03-3581-1101', fax: false, extension: '2145', from: 0, index: 3, end: 24 }]
 */
export function findPhones(line: string): WrittenNumber[] {
  return findNumbers(line).filter((n) => !n.fax);
}
