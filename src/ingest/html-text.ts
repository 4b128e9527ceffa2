// A link is kept in a line as OPEN text URL href CLOSE until its section says whether its URL is kept:
// private-use characters, which no page text contains.
export const OPEN = '\uE000';
export const URL = '\uE001';
export const CLOSE = '\uE002';
const LINK = /\uE000([^\uE000-\uE002]*)\uE001([^\uE000-\uE002]*)\uE002/g;
const MARKS = /[\uE000-\uE002]/g;
export const KEPT_HREF = /^(?:https?:\/\/\S|mailto:|tel:)/i;

/** Whether a line has text of its own, not only link marks. */
export function hasText(text: string): boolean {
  return text.replace(MARKS, '').trim() !== '';
}

/**
 * A line's text with each link as its text alone, or, where `keepUrls` (a contact section, whose URL and
 * e-mail address are the contact's), as `テキスト（URL）`; a tel: link as the number.
 *
 * @example renderLinks('\uE000公式サイト\uE001https://it-shien.smrj.go.jp/\uE002', true) // '公式サイト（https://it-shien.smrj.go.jp/）'
 */
export function renderLinks(text: string, keepUrls: boolean): string {
  const out = text.replace(LINK, (_, label: string, href: string) => (keepUrls ? linkText(label.trim(), href) : label));
  return collapse(out.replace(MARKS, ''));
}

function linkText(label: string, href: string): string {
  const scheme = /^(mailto|tel):/i.exec(href)?.[1]?.toLowerCase();
  const target = scheme ? safeDecode(href.slice(scheme.length + 1).split('?')[0]!) : href;
  // A tel: link is the phone as written: its own text when that is the number, else the number it dials.
  if (scheme === 'tel') return /\d{2}/.test(label) ? label : target;
  if (!label) return target;
  const bare = (s: string) => s.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return label.includes(target) || bare(label) === bare(target) ? label : `${label}（${target}）`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// A line break between two Japanese characters is where the source was wrapped, not a space (CSS Text 3).
const WRAPPED = /(?<=[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60])[ \t]*[\r\n]\s*(?=[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60])/g;

/** White space collapsed to one space, none where the source wrapped Japanese text. */
export function collapse(text: string): string {
  return (text.includes('\n') ? text.replace(WRAPPED, '') : text).replace(/\s+/g, ' ').trim();
}

