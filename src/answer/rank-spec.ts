/** One side of a range of budget requests, in 億円. */
export interface Bound {
  value: number;
  inclusive: boolean;
}

/**
 * A ranking or comparison over the catalog's budget requests, read from a question: which programs
 * qualify (bounds, new or continuing, change from the previous year), in which order, and how many.
 */
export interface Ranking {
  /** 'desc' for the largest first. */
  order: 'desc' | 'asc';
  /** What is ordered: the amount requested, or its change from the previous year. */
  by: 'amount' | 'change';
  /** How many to give (1 for 一番大きい); null for every program that qualifies. */
  count: number | null;
  /** The place asked for (2 for 2番目に大きい): the program there, count being 1. */
  nth: number | null;
  min: Bound | null;
  max: Bound | null;
  status: 'new' | 'continuing' | null;
  /** The requested amount against the previous year's; a new program has none, so never qualifies. */
  change: 'up' | 'down' | 'same' | null;
}

/**
 * The words of ranking, as the analyser gives them: they say how to order the catalog, not what it is
 * about, so they are neither a topic nor a sign of one the documents lack.
 */
export const RANKING_WORDS = new Set([
  '一番', 'いちばん', '最も', 'もっとも', '大きい', '小さい', '多い', '少ない', '高い', '低い', '安い', '最大', '最小', '最多', '最少', '最高', '最低',
  '順', '順に', '順番', '番目', '位', '上位', '下位', 'トップ', 'ワースト', 'ベスト', 'ランキング', '並べる', '昇順', '降順',
  '未満', '超', '超える', '上回る', '下回る', '満つ', '満たない', '億', '万', '円', '億円', '万円',
  '前年度', '前年', '年度', '令和', '平成', '増える', '減る', '増加', '減少', '増額', '減額', '伸びる', '同額', '据え置き', '横ばい', '変わる', '継続', '既存',
  'largest', 'biggest', 'highest', 'smallest', 'lowest', 'most', 'least', 'top', 'bottom', 'rank', 'ranking', 'ranked', 'order',
  'increase', 'increased', 'decrease', 'decreased', 'rose', 'fell', 'previous', 'previou', 'year', 'st', 'nd', 'rd', 'th',
]);

// Matched after NFKC: full-width digits are ASCII by then; kanji numerals are read by `numeral`.
const N = '[0-9.,〇零一二三四五六七八九十百千]+';
const AMOUNT = `(${N})(?:億(?:(${N})万)?|(万))円?`;
const BOUND = new RegExp(`${AMOUNT}\\s*(以上|以下|以内|未満|に満たない|を?超え?|を?上回|を?下回|より(?:多|大き|高|上)|より(?:少な|小さ|低|下))`, 'g');
const RANGE = new RegExp(`${AMOUNT}\\s*(?:から|~|-)\\s*${AMOUNT}`);
const COUNT = new RegExp(`(?:上位|下位|トップ|ワースト|ベスト|\\btop|\\bbottom)\\s*(${N})|(${N})\\s*(?:つ|件|事業|個|programs?\\b|位\\s*(?:まで|以内))`, 'i');
// 上位3位, 3位まで are a count; 2番目, 第3位 a place.
const NTH = new RegExp(`(?<!上位|下位|トップ|ワースト|ベスト|[0-9])(${N})\\s*(?:番目|位(?!\\s*(?:まで|以内)))|第\\s*(${N})\\s*位|\\b(\\d+)(?:st|nd|rd|th)\\b`, 'i');

// 一番予算が大きい: the measure may stand between the adverb and the adjective.
const MOST = /(一番|いちばん|最も|もっとも|番目に)[^。、?？]{0,6}?(大き|多|高)|最大|最多|最高|\b(largest|biggest|highest|most)\b/i;
const LEAST = /(一番|いちばん|最も|もっとも|番目に)[^。、?？]{0,6}?(小さ|少な|低|安)|最小|最少|最低|\b(smallest|lowest|least)\b/i;
const DESC = /(大き|多|高)い順|上位|トップ|ベスト|降順|ランキング|\btop\b/i;
const ASC = /(小さ|少な|低|安)い順|下位|ワースト|昇順|\bbottom\b/i;
/** トップ, ワースト without a number: the one program. */
const ONE = /トップ|ワースト|ベスト|首位/;
const MOST_CHANGED = /(一番|いちばん|最も|もっとも)(増|減|伸び)/;
const BY_CHANGE = new RegExp(`${MOST_CHANGED.source}|(増加|減少|増額|減額|伸び)(額|幅|分)?(が|の)(一番|いちばん|最も|もっとも)?(大き|多|小さ|少な)`);
const UP = /増え|増加|増額|伸び|上回っ|\b(increased?|rose|grew|higher than)\b/i;
const DOWN = /減っ|減少|減額|減ら|下回っ|\b(decreased?|fell|cut|lower than)\b/i;
const SAME = /同額|据え?置|横ばい|前年度?と(同じ|変わら)|\bunchanged\b/i;
/** 増加 alone (雇用の増加につながる) is a program's aim; a change of budget is against a year or of an amount. */
const CHANGE_CONTEXT = /前年|昨年|去年|増額|減額|据え?置|横ばい|(予算|額|要求)(が|は|の)?(増|減|伸)|\b(previous|last) year\b/i;
const CONTINUING = /継続|既存|新規(以外|でない|ではない|を除)/;
const NEW = /新規|\bnew\b/i;
/** Words that only ever rank (上位3つ, ランキング): the catalog's one figure, the budget, is what they rank. */
const RANKS = /上位|下位|トップ|ワースト|ベスト|ランキング|\b(top|bottom)\b/i;
/** Otherwise a ranking of the programs is a ranking of their budgets only when the question speaks of money. */
const MONEY = /予算|概算|要求額|金額|事業費|億円|万円|前年|増額|減額|(増加|減少)(額|幅)|新規|継続|規模|\b(budget|amount|funding|request)/i;
/** Amounts one applicant receives (補助上限額は最大…) are a program's own figure, not the catalog's. */
const PER_APPLICANT = /上限|限度|補助率|補助額|助成額|交付額|貸付額|融資額/;
/** A question that asks for programs (…の事業は, どれ): a comparison alone may ask about one program. */
const ASKS_FOR_PROGRAMS = /どれ|どの|どんな|何件|いくつ|一覧|教えて|挙げ|リスト|並べ|すべて|全て|全部|あります|\b(which|list|what are)\b/i;
const QUALIFIED_PROGRAMS = /(増え|増加し|増額され|伸び|減っ|減少し|減額され|未満|以上|以下|以内|超え?る?|上回る|下回る|同額|据え置き|まで|の間|円)[^。?？]{0,8}(事業|制度|補助金|支援策|もの|programs?)/i;

/**
 * The ranking a question asks for over the catalog's budget requests; null when it asks for none.
 *
 * @example parseRanking('新規のうち予算が一番大きい事業は') // { order: 'desc', by: 'amount', count: 1, nth: null, min: null, max: null, status: 'new', change: null }
 */
export function parseRanking(question: string): Ranking | null {
  const q = question.normalize('NFKC');
  const { min, max } = bounds(q);
  const byChange = BY_CHANGE.test(q);
  const most = MOST.test(q);
  const least = LEAST.test(q);
  const place = NTH.exec(q);
  const nth = place ? whole(place[1] ?? place[2] ?? place[3]!) : null;
  const ordered = most || least || DESC.test(q) || ASC.test(q) || byChange || nth !== null;
  const compared = byChange || CHANGE_CONTEXT.test(q);
  const change = !compared ? null : SAME.test(q) ? 'same' : DOWN.test(q) ? 'down' : UP.test(q) || byChange ? 'up' : null;
  const bounded = min !== null || max !== null;
  if ((!ordered && !bounded && !change) || PER_APPLICANT.test(q)) return null;
  if (!MONEY.test(q) && !bounded && !RANKS.test(q)) return null;
  if (!ordered && !ASKS_FOR_PROGRAMS.test(q) && !QUALIFIED_PROGRAMS.test(q)) return null;

  const m = COUNT.exec(q);
  const written = m ? whole(m[1] ?? m[2]!) : null;
  const count = nth ? 1 : (written ?? (most || least || MOST_CHANGED.test(q) || ONE.test(q) ? 1 : null));
  const asc = byChange ? least : (least || ASC.test(q)) && !most;
  const status = CONTINUING.test(q) ? 'continuing' : NEW.test(q) ? 'new' : null;
  return { order: asc ? 'asc' : 'desc', by: byChange ? 'change' : 'amount', count, nth, min, max, status, change };
}

/** A count or place as written: a positive whole number, else null. */
function whole(text: string): number | null {
  const n = numeral(text);
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

function bounds(q: string): { min: Bound | null; max: Bound | null } {
  let min: Bound | null = null;
  let max: Bound | null = null;
  const range = RANGE.exec(q);
  if (range) {
    const [from, to] = [amount(range[1]!, range[2], range[3]), amount(range[4]!, range[5], range[6])];
    if (from !== null && to !== null) return { min: { value: from, inclusive: true }, max: { value: to, inclusive: true } };
  }
  for (const m of q.matchAll(BOUND)) {
    const value = amount(m[1]!, m[2], m[3]);
    if (value === null) continue;
    const op = m[4]!;
    if (/以上|超|上回|より(多|大き|高|上)/.test(op)) min = { value, inclusive: op === '以上' };
    else max = { value, inclusive: op === '以下' || op === '以内' };
  }
  return { min, max };
}

/** A written amount in 億円: 10億, 1億5千万, 5000万. */
function amount(oku: string, man: string | undefined, manOnly: string | undefined): number | null {
  const a = numeral(oku);
  if (a === null) return null;
  if (manOnly) return a / 10_000;
  const b = man ? numeral(man) : 0;
  return b === null ? null : a + b / 10_000;
}

const DIGITS = '〇一二三四五六七八九';
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Arabic or kanji numerals (十, 二十五, 5千, 1,000) as a number; null when they are not one. */
function numeral(text: string): number | null {
  const s = text.replace(/,/g, '').replace(/零/g, '〇');
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let digits = '';
  for (const ch of s) {
    if (/\d/.test(ch)) digits += ch;
    else if (DIGITS.includes(ch)) digits += String(DIGITS.indexOf(ch));
    else if (UNITS[ch]) {
      total += (digits ? Number(digits) : 1) * UNITS[ch]!;
      digits = '';
    } else return null;
  }
  const value = total + (digits ? Number(digits) : 0);
  return s.length ? value : null;
}
