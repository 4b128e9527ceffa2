import type { Contact } from '../catalog.js';
import { findNumbers, foldSameLength, type WrittenNumber } from './phones.js';

/** A line as written and folded (see foldSameLength): patterns run on `f`, names are cut from `raw`. */
type Line = { raw: string; f: string };
interface Tidy {
  text: string;
  /** The whole text was one bracket, as in "＜国内企業の方＞": a qualifier of the office before it. */
  qualifier: boolean;
  /** The bullet or numbering the line opened with ('#' for numbering); lines of one kind are siblings. */
  kind: string;
}
type Extras = Pick<Contact, 'url' | 'email' | 'hours'>;

const LEAD = /^[\s"、,/]*(?:(?:[*•●○〇◎◆◇■□・･☆★-]|\(\d{1,2}\)|[①-⑳]|\d{1,2}(?:~\d{1,2})?\s*\.(?!\d)|\d{1,2}\s(?=\D))[\s、,]*)*/;
/**
 * A heading or the start of a line that introduces whom to ask (お問い合わせ先, 【問合せ先】, 連絡先：, 担当課):
 * the documents' readers take what follows it as contact text.
 */
export const CONTACT_INTRO = /^[\s【［\[■●◆◇○・*]*(?:お?問い?合わ?せ(?:先|窓口)?|連絡先|担当(?:課|部署|窓口)?|相談窓口)(?:[】］\]\s:：]|$)/u;
const PHONE_WORD = '(?:お?問い?合わ?せ)?(?:電\\s*話(?:番号)?|TEL|℡|☎|代表(?:電話)?|直通|ダイヤルイン)';
const PHONE_LEAD = new RegExp(`^${PHONE_WORD}(?![a-z])\\s*:?\\s*`, 'i');
/** A short "担当者:", "組織名:" or "①のお問い合わせ先:" before the name itself. */
const LABEL_LEAD = /^[^:()<>【】]{1,12}:\s*(?=\S)/;
const TRAIL = new RegExp(`(?:[\\s:/、,・"]|(?<![^\\s(])(?:${PHONE_WORD}|URL|E-?mail|Mail|メール))+$`, 'i');
const BRACKET_LEAD = /^[【<]([^】>]*)[】>]\s*(?=\S)/;
const ADDRESS = /^〒|^(?:住所|所在地|郵便番号)|丁目|\d番|\d号|\d階|[市区町村郡]\S*\d+-\d+/;
const CONTACT_LABEL =
  /^(?:お?問い?合わ?せ)?(?:電\s*話(?:番号)?|TEL|℡|☎|F\s*A\s*X|ファッ?[クッ]ス|E-?mai?l?|Mail|Eメール|Eﾒｰﾙ|(?:電子)?メール(?:アドレス)?|URL|Web受付|(?:WEBページ|ウェブサイト)?アドレス|住所|所在地|郵便番号|代表|直通|ダイヤルイン|ナビダイ[ヤア]ル|フリーダイ[ヤア]ル|IP電話用?)(?:番号)?(?![ぁ-んァ-ヶ一-龠a-z])/i;
const TOPIC = /(?:について|に関する(?:こと|ご?質問|お?問い?合わ?せ|ご?相談)|お?問い?合わ?せ(?:先|窓口)?|ご相談)$/;
const PROSE = /ください|下さい|で検索|。$|(?:ます|です)[。)]*$/;
const HOURS_KEY = /(?:相談)?受付時間|開館時間|休館日|お?問い?合わ?せ時間|相談時間|相談日|実施日時/;
const TIME = /\d{1,2}:\d{2}|\d{1,2}時|24時間/;
const TIME_RANGE = /\d{1,2}:\d{2}\s*[~〜-]|\d{1,2}時(?:\d{1,2}分)?\s*[~〜か]|24時間/;
const EXTENSION_LINE = /^\(?内線\)?\s*:?\s*(\d{2,6})$/;
// With the label before them, so that "URL：" or "E-mail：" is not left behind as an office name.
const URL = /(?:(?:URL|Web受付|(?:WEBページ|WＥＢページ|ウェブサイト)アドレス)\s*[:：]?\s*)?((?:https?:\/\/|www\.)[\x21-\x7e]+)/gi;
const EMAIL = /(?:(?:E-?mai?l?|Mail|[EＥ]メール|Eﾒｰﾙ|(?:電子)?メール(?:アドレス)?|アドレス)\s*[:：︓]?\s*)?([\w.+-]+(?:@|\(at?\)|■)[\w-]+(?:\.[\w-]+)+)/gi;

/**
 * Reads the free text of a 問い合わせ先 field into contacts: one per office and phone (a FAX number is never a
 * phone), an office named without a phone getting `phone: null`; URL, e-mail and hours lines join the office
 * they follow. Headings (【…】, ＜…＞, ###, "…について") name a contact only when its own lines name none.
 *
 * @example parseInquiry('静岡県地域医療課\n(054)221-2407')
 *   // [{ office: '静岡県地域医療課', phone: '054-221-2407', scope: null }]
 */
export function parseInquiry(text: string): Contact[] {
  const out: Contact[] = [];
  let pending: { text: string; kind: string; cont: boolean }[] = []; // office lines waiting for their phone
  let extras: Extras = {}; // what came before the phone it belongs to
  let cur: Contact[] = []; // the contacts that a following URL or e-mail line belongs to
  let hoursTo: Contact[] | null = null; // where the previous line's hours went, so the next hours line continues them
  let heading = '';
  let base = ''; // the group's office, for later lines that name only a branch ("北海道 電話：…")
  let prose = '';
  let block = 0; // first contact under the current heading: hours written below a list cover the list
  let lastPhone: string | null = null;

  const emit = (office: string, phone: string | null, extension?: string): Contact => {
    const c: Contact = { office, phone, scope: null, ...(extension ? { extension } : {}), ...extras };
    out.push(c);
    prose = '';
    return c;
  };
  const flush = () => {
    if (!pending.length && !extras.url && !extras.email && !extras.hours) return;
    const office = pending.map((p) => p.text).join(' ') || heading || prose;
    if (!pending.length) heading = '';
    cur = [emit(office, null)];
    [pending, extras] = [[], {}];
  };
  const attach = (key: 'url' | 'email', value: string) => {
    if (pending.length || !cur.length) extras[key] ??= value;
    else for (const c of cur) c[key] ??= value;
  };
  const addHours = (hours: string, continued: Contact[] | null) => {
    if (continued) {
      for (const c of continued) c.hours = `${c.hours} ${hours}`;
      return continued;
    }
    const listed = out.slice(block).filter((c) => c.phone && !c.hours);
    const open = pending.length ? [] : listed.length ? listed : cur.filter((c) => !c.hours);
    if (!open.length) extras.hours = extras.hours ? `${extras.hours} ${hours}` : hours;
    for (const c of open) c.hours = hours;
    return open.length ? open : null;
  };

  const phoneLine = (l: Line, numbers: WrittenNumber[]) => {
    const phones = numbers.filter((n) => !n.fax);
    const labels = phones.map((p) => tidy(cut(l, p.from, p.index)));
    const named = labels[0]!.text && !labels[0]!.qualifier;
    // "● 県立高等学校" then "● 教育庁財務課 電話:…": a sibling that names itself closes the office before it.
    if (named && pending[0] && (extras.url || extras.email || (labels[0]!.kind && labels[0]!.kind === pending[0].kind))) flush();
    // "・国民生活事業…" lines under a contact describe it, not the next office that names itself.
    if (named && pending.every((p) => p.cont)) pending = [];
    const fresh = pending.length > 0;
    const lineBase = fresh ? pending.map((p) => p.text).join(' ') : base;
    if (fresh) base = lineBase;
    pending = [];
    const made = phones.map((p, i) => {
      const { text, qualifier } = labels[i]!;
      const joins = qualifier || text.length <= 8 || (fresh && i === 0);
      const office = !text ? lineBase || heading || prose : joins ? join(lineBase || (qualifier ? heading : ''), text) : text;
      const c = emit(office, p.phone, p.extension);
      if (p.note && TIME.test(foldSameLength(p.note))) c.hours = collapse(p.note);
      return c;
    });
    if (!lineBase) heading = '';
    extras = {};
    const tail = cut(l, numbers.at(-1)!.end);
    const notes = numbers.filter((n) => n.fax && n.note && TIME.test(foldSameLength(n.note))).map((n) => n.note!);
    const hours = TIME.test(tail.f) ? hoursText(tail) : notes[0] && collapse(notes[0]);
    if (hours) for (const c of made) c.hours ??= hours;
    lastPhone = made.at(-1)!.phone;
    cur = made;
  };

  const take = (source: string) => {
    const { raw, urls, emails } = takeLinks(source);
    const l: Line = { raw, f: foldSameLength(raw) };
    const numbers = findNumbers(raw);
    const bare = l.f.replace(LEAD, '');
    const continued = hoursTo;
    hoursTo = null;
    if (numbers.some((n) => !n.fax)) phoneLine(l, numbers);
    else if (numbers.length) {
      // a FAX line
    } else if (!l.f.trim()) {
      if (!urls.length && !emails.length) base = '';
    } else if (/^\s*#*\s*※/.test(l.f)) {
      // a note about the contacts, not one of them
    } else if (EXTENSION_LINE.test(bare) && lastPhone) {
      cur = [emit(pending.map((p) => p.text).join(' ') || base, lastPhone, EXTENSION_LINE.exec(bare)![1])];
      [pending, extras] = [[], {}];
    } else if (HOURS_KEY.test(bare) || TIME_RANGE.test(bare)) {
      hoursTo = addHours(hoursText(l), continued);
    } else if (!CONTACT_LABEL.test(bare)) {
      const t = tidy(l);
      const hashed = /^\s*#/.test(l.f);
      // "（…課内）" under an office belongs to it; alone, it heads what follows.
      const aside = t.qualifier && /^\s*\(/.test(bare) && pending.length > 0;
      // A line that carries a link names the linked office, whatever it looks like.
      if (!aside && !urls.length && (hashed || t.qualifier || TOPIC.test(t.text))) {
        flush();
        [heading, base, cur] = [tidy(cut(l, l.f.search(/[^\s#]/))).text, '', []];
        // A topic line ("…について") heads one office; a 【】, ＜＞ or ### heading starts a new list.
        if (hashed || /^[【<]/.test(bare.trim())) block = out.length;
      } else if (PROSE.test(l.f.trim())) {
        flush();
        prose ||= t.text;
      } else if (t.text) {
        const first = pending[0];
        const cont = /^\s*[・･]/.test(l.f) && (cur.length > 0 || (first !== undefined && pending.every((p) => p.cont)));
        if (first && (extras.url || extras.email || extras.hours || (t.kind && t.kind === first.kind && !cont))) flush();
        const text = aside ? collapse(l.raw.slice(l.f.length - bare.length)) : t.text;
        pending.push({ text, kind: t.kind, cont });
        cur = [];
      }
    }
    for (const url of urls) attach('url', url);
    for (const email of emails) attach('email', email);
  };

  for (const line of text.replace(/\r/g, '').split('\n')) take(line);
  flush();
  if (!out.length && text.trim()) emit(heading || prose, null);
  return out;
}

/** Takes a line's links and e-mail addresses out, blanking them in place; a Markdown link keeps its text. */
function takeLinks(source: string): { raw: string; urls: string[]; emails: string[] } {
  const urls: string[] = [];
  const emails: string[] = [];
  const keep = (list: string[], value: string, replacement: string) => {
    list.push(value);
    return replacement;
  };
  const raw = source
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => keep(urls, url, /^(?:https?:|www\.)/.test(label) ? '' : label))
    .replace(/\*\*/g, '')
    .replace(URL, (m, url: string) => keep(urls, url.replace(/[.,]+$/, '').replace(/\)$/, (p) => (url.includes('(') ? p : '')), ' '.repeat(m.length)))
    .replace(EMAIL, (m, email: string) => keep(emails, email, ' '.repeat(m.length)));
  return { raw, urls, emails };
}

function cut(l: Line, from: number, to = l.f.length): Line {
  return { raw: l.raw.slice(from, to), f: l.f.slice(from, to) };
}

/** An office name out of a line or a phone's label: without bullets, phone words, colons, addresses or notes. */
function tidy(l: Line): Tidy {
  const lead = LEAD.exec(l.f)![0].replace(/[\s"、,/]/g, '');
  const kind = lead ? (/^[\d(①-⑳]/.test(lead) ? '#' : lead[0]!) : '';
  for (const re of [LEAD, PHONE_LEAD, LABEL_LEAD]) l = cut(l, re.exec(l.f)?.[0].length ?? 0);
  const trail = l.f.search(TRAIL);
  if (trail >= 0) l = cut(l, 0, trail);
  for (let m = BRACKET_LEAD.exec(l.f); m; m = BRACKET_LEAD.exec(l.f)) {
    const rest = cut(l, m[0].length);
    l = isAddress(rest.f) ? cut(l, 1, m[1]!.length + 1) : rest;
  }
  const open = unclosed(l.f);
  if (open === 0) return { text: '', qualifier: false, kind };
  if (open > 0) {
    const inner = tidy(cut(l, open + 1));
    return inner.text ? { ...inner, kind } : { ...tidy(cut(l, 0, open)), kind };
  }
  const qualifier = /^(?:<[^<>]*>|【[^【】]*】|\([^()]*\))$/.test(l.f);
  if (qualifier) l = cut(l, 1, l.f.length - 1);
  return { text: isAddress(l.f) ? '' : collapse(l.raw), qualifier, kind };
}

/** "〒…", "…1丁目1番1号" or "県庁舎本館14階"; a floor in brackets after an office name does not count. */
function isAddress(f: string): boolean {
  return ADDRESS.test(f.replace(/\([^()]*\)/g, ''));
}

/** Where the last bracket left open starts, or -1. */
function unclosed(f: string): number {
  const open: number[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '(') open.push(i);
    else if (f[i] === ')') open.pop();
  }
  return open.at(-1) ?? -1;
}

/** Hours as written on one line, without the bullet or the one bracket around them. */
function hoursText(l: Line): string {
  l = cut(l, LEAD.exec(l.f)![0].length, l.f.trimEnd().length);
  const inner = l.f.slice(1, -1);
  const wrapped = /^(?:\(.*\)|【.*】)$/.test(l.f) && unclosed(inner) < 0 && !/[【】]/.test(inner);
  return collapse(wrapped ? l.raw.slice(1, -1) : l.raw);
}

function collapse(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').replace(/ (?=[)）])/g, '').trim();
}

function join(a: string, b: string): string {
  return a && b ? `${a} ${b}` : a || b;
}
