import type { Contact, Section } from '../catalog.js';
import { CONTACT_INTRO, parseInquiry } from './inquiry.js';
import type { PdfLine } from './pdf-layout.js';
import { findNumbers } from './phones.js';

/** A heading that names whom to ask: お問い合わせ先, 【問合せ先】, 年収の壁突破・総合相談窓口, 連絡先. */
const CONTACT_HEADING = /お?問い?合わ?せ|連絡先|相談窓口|コールセンター|担当(?:課|部署|窓口)/u;
/** Near a phone number standing on its own, these say it is one to call. */
const CALL_WORD = /お?問い?合わ?せ|コールセンター|ダイヤル|相談窓口|窓口/u;
/** How many lines a labelled contact runs on after its label, and how near a call word must be to a lone number. */
const LABEL_LINES = 4;
const NEAR = 3;

/**
 * The contact offices a PDF names: its 問い合わせ先 / 連絡先 / 相談窓口 sections, the lines a label opens
 * anywhere else, and a phone number standing alone near a line that says to call it. Only contacts that
 * give a way to reach them (phone, e-mail or URL) are kept, once each: a leaflet's prose
 * (「最寄りのハローワークまでお問い合わせください」) names no contact.
 *
 * @example contactsOf(sections, lines) // [{ office: '総務省統計局…人口推計係', phone: '03-5273-1009', … }]
 */
export function contactsOf(sections: Section[], pages: PdfLine[][]): Contact[] {
  const found: Contact[] = [];
  for (const s of sections) {
    if (s.name.length <= 30 && CONTACT_HEADING.test(s.name)) found.push(...parse(`${s.name.replace(CONTACT_INTRO, '')}\n${s.text}`));
  }
  for (const page of pages) {
    page.forEach((line, i) => {
      if (CONTACT_INTRO.test(line.text)) {
        const rest = [line.text.replace(CONTACT_INTRO, ''), ...page.slice(i + 1, i + LABEL_LINES).map((l) => l.text)];
        found.push(...parse(rest.join('\n')));
      }
      const phones = findNumbers(line.text).filter((n) => !n.fax);
      if (phones.length && isLone(line.text) && page.slice(Math.max(0, i - NEAR), i + NEAR + 1).some((l) => CALL_WORD.test(l.text))) {
        const around = page.slice(Math.max(0, i - 1), i + 2).map((l) => l.text);
        const own = parse(around.join('\n')).filter((c) => phones.some((p) => p.phone === c.phone));
        found.push(...(own.length ? own : phones.map((p) => ({ office: '', phone: p.phone, scope: null }))));
      }
    });
  }
  const reachable = unique(found.filter((c) => c.phone || c.email || c.url));
  // Links under a contact that has a phone are the office's pages, not further offices.
  return reachable.some((c) => c.phone) ? reachable.filter((c) => c.phone) : reachable;
}

function parse(text: string): Contact[] {
  // 「キャリアアップ助成金 | 検索」 is a search-box banner, not an office.
  return parseInquiry(text.replace(/ \| 検索$/gmu, '').replace(/ \| /g, '  '));
}

/** A line that is little more than its number (and its hours). */
function isLone(text: string): boolean {
  const rest = text.replace(/[0-9０-９()（）\-－‐ー―:：~～〜\s|]/gu, '');
  return rest.length <= 24;
}

/** Once per phone (or office without one), with what each mention adds; a named office beats a bare number. */
function unique(contacts: Contact[]): Contact[] {
  const out: Contact[] = [];
  for (const c of contacts) {
    const same = out.findIndex((o) => (c.phone ? o.phone === c.phone : !o.phone && o.office === c.office && o.email === c.email && o.url === c.url));
    if (same < 0) {
      out.push({ ...c });
      continue;
    }
    const kept = out[same]!;
    if (!kept.office && c.office) kept.office = c.office;
    // The same office given twice, once with its e-mail address: one contact with both.
    for (const key of ['email', 'url', 'hours', 'extension'] as const) if (!kept[key] && c[key]) kept[key] = c[key];
  }
  return out;
}
