import { CONTACT_SECTION, type Program, type Section, type Source } from '../catalog.js';
import type { CatalogRecord } from './catalog-file.js';
import { extractFacts } from './facts.js';
import { parseInquiry } from './inquiry.js';
import { programId } from './program-id.js';
import { createProgram } from './program.js';


/**
 * A catalog record → the program model: its sections as written (Markdown emphasis dropped), contacts read
 * from its inquiry text, facts from its labelled lines; every part cites the record.
 *
 * @example recordProgram('supports.json', record).source // { document: 'supports.json', record: '26' }
 */
export function recordProgram(document: string, record: CatalogRecord): Program {
  const source: Source = { document, record: record.id };
  const sections: Section[] = record.sections.map((s) => ({ name: s.name, text: plain(s.text), items: [], source }));
  // The contact parser reads Markdown links itself, as offices with their URL.
  const contact = record.contact?.trim() ? plain(record.contact, false) : null;
  if (contact) sections.push({ name: CONTACT_SECTION, text: contact, items: [], source });
  return createProgram({
    id: programId(document, `record:${record.id}`),
    kind: 'program',
    title: record.title.trim(),
    authority: record.authority,
    region: record.region,
    url: record.url,
    contacts: contact ? parseInquiry(contact) : [],
    facts: extractFacts(sections.filter((s) => s.name !== CONTACT_SECTION)),
    keywords: record.keywords,
    sections,
    source,
  });
}

/**
 * Text as a reader sees it: without Markdown emphasis and heading marks, links (unless `links` is false) as
 * 「text（URL）」, lines trimmed, blank runs kept as one blank line.
 */
function plain(text: string, links = true): string {
  return (links ? text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, label: string, url: string) => (label.trim() === url ? url : `${label.trim()}（${url}）`)) : text)
    .replace(/\*\*/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^#{1,6}\s+/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
