import type { Contact, Fact, Section } from '../catalog.js';
import { extractFacts } from './facts.js';
import type { HtmlItem, HtmlLine } from './html-lines.js';
import { renderLinks } from './html-text.js';
import { parseInquiry } from './inquiry.js';

/** A heading or a paragraph's first words that introduce whom to ask (このページに関するお問い合わせ, 【担当】 …). */
export const CONTACT_LABEL =
  /^[\s【［\[■●◆◇○・*]*(?:(?:この|本)(?:ページ|記事|件|事業|制度)?に(?:関する|ついての))?(?:お?問い?合わ?せ(?:先|窓口)?|連絡先|担当(?:課|部署|窓口|者)?|相談窓口)(?:[】］\]\s:：・（(]|$)/;

/** Sections are cut at line boundaries near this many characters, so that a passage stays quotable. */
const MAX_CHARS = 600;

interface Rendered {
  text: string;
  /** What facts read: a table row as a Markdown row (| 補助率 | 1/2以内 |), which extractFacts reads by its first cell. */
  fact: string;
  /** What parseInquiry reads: a table row's cells on lines of their own. */
  inquiry: string;
  first: number;
  last: number;
  contact: boolean;
  /** Contact lines of one run share it: a paragraph, or all that follows a label standing alone. */
  run: number;
}

interface Group {
  name: string;
  lines: HtmlLine[];
  /** Under a contact heading: the heading itself (labelled) or one of its sub-headings. */
  contact: boolean;
  labelled: boolean;
}

export interface HtmlSections {
  sections: Section[];
  facts: Fact[];
  contacts: Contact[];
}

/**
 * A page's lines as sections, one per heading (the text before the first named after the page's title),
 * cut near 600 characters; contacts from the sections under a 問い合わせ先 heading and from paragraphs
 * opening with such a label, where links keep their URL; facts from every section.
 */
export function buildSections(items: HtmlItem[], title: string, document: string): HtmlSections {
  const out: HtmlSections = { sections: [], facts: [], contacts: [] };
  let group: Group = { name: title, lines: [], contact: false, labelled: false };
  let contactLevel: number | null = null;
  for (const item of items) {
    if (item.kind === 'line') {
      group.lines.push(item);
      continue;
    }
    addGroup(out, group, document);
    if (contactLevel !== null && item.level <= contactLevel) contactLevel = null;
    const labelled = CONTACT_LABEL.test(item.text);
    if (labelled && contactLevel === null) contactLevel = item.level;
    group = { name: item.text, lines: [], contact: contactLevel !== null, labelled };
  }
  addGroup(out, group, document);
  const seen = new Set<string>();
  // The same office given in a section and again in a paragraph of another is one contact.
  out.contacts = out.contacts.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return out;
}

function addGroup(out: HtmlSections, group: Group, document: string): void {
  const lines = render(group);
  if (!lines.length) return;
  out.contacts.push(...contactsOf(group, lines));
  for (const chunk of split(lines)) {
    const text = chunk.map((l) => l.text).join('\n');
    const fact = chunk.map((l) => l.fact).join('\n');
    const source = { document, lines: [chunk[0]!.first, chunk.at(-1)!.last] as [number, number] };
    out.sections.push({ name: group.name, text, items: [], source });
    // A section named by a label (補助率・補助上限額) states its whole text: the text, not its Markdown form.
    const facts = extractFacts([{ name: group.name, text: fact, source }]);
    out.facts.push(...facts.map((f) => (f.text === fact.trim() ? { ...f, text } : f)));
  }
}

/** The group's lines with their links rendered, each marked whether it belongs to a contact. */
function render(group: Group): Rendered[] {
  const out: Rendered[] = [];
  // Under a contact heading everything is one run; elsewhere each labelled paragraph is one.
  let [para, inContact, run] = [-1, group.contact, group.contact ? 0 : -1];
  for (const l of group.lines) {
    if (l.para !== para) {
      para = l.para;
      const plain = renderLinks(l.text, false);
      inContact = run >= 0 || CONTACT_LABEL.test(plain);
      // A label alone on its line (<p><strong>お問い合わせ先</strong></p>) heads what follows it.
      if (run < 0 && inContact && !plain.replace(CONTACT_LABEL, '').trim()) run = para;
    }
    const text = renderLinks(l.text, inContact);
    if (!text) continue;
    const cells = l.cells?.map((c) => renderLinks(c, inContact));
    const first = l.first || l.last;
    out.push({
      text,
      fact: cells ? `| ${cells.join(' | ')} |` : text,
      inquiry: cells ? cells.join('\n') : text,
      first,
      last: l.last || first,
      contact: inContact,
      run: run >= 0 ? run : para,
    });
  }
  return out;
}

function contactsOf(group: Group, lines: Rendered[]): Contact[] {
  const runs: string[][] = [];
  lines.forEach((l, i) => {
    if (!l.contact) return;
    const before = lines[i - 1];
    if (before?.contact && before.run === l.run) runs.at(-1)!.push(l.inquiry);
    else runs.push([l.inquiry]);
  });
  // A sub-heading under 問い合わせ先 (中小企業庁 経営支援課) names the office its lines give the phone of.
  const lead = group.contact && !group.labelled ? `${group.name}\n` : '';
  return runs.flatMap((run) => parseInquiry(lead + run.join('\n').replace(CONTACT_LABEL, '')).map(tidy));
}

/** A link's URL, taken out by parseInquiry, leaves its brackets behind in the office name. */
function tidy(c: Contact): Contact {
  return { ...c, office: c.office.replace(/[（(]\s*[）)]/g, '').replace(/\s+/g, ' ').trim() };
}

/** Lines packed into chunks of about MAX_CHARS; a longer line is cut after a sentence. */
function split(lines: Rendered[]): Rendered[][] {
  const chunks: Rendered[][] = [];
  let [chunk, size] = [[] as Rendered[], 0];
  for (const l of lines.flatMap(pieces)) {
    if (chunk.length && size + 1 + l.text.length > MAX_CHARS) {
      chunks.push(chunk);
      [chunk, size] = [[], 0];
    }
    size += (chunk.length ? 1 : 0) + l.text.length;
    chunk.push(l);
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

function pieces(l: Rendered): Rendered[] {
  const out: Rendered[] = [];
  let rest = l.text;
  while (rest.length > MAX_CHARS) {
    const window = rest.slice(0, MAX_CHARS);
    const sentence = window.lastIndexOf('。') + 1;
    const cut = sentence > MAX_CHARS / 2 ? sentence : window.lastIndexOf(' ') > MAX_CHARS / 2 ? window.lastIndexOf(' ') : MAX_CHARS;
    out.push({ ...l, text: rest.slice(0, cut).trim(), fact: rest.slice(0, cut).trim() });
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest === l.text ? l : { ...l, text: rest, fact: rest });
  return out;
}
