import type { Program, Section } from '../catalog.js';
import { extractFacts } from './facts.js';
import { CONTACT_INTRO, parseInquiry } from './inquiry.js';
import { programId } from './program-id.js';
import { createProgram } from './program.js';

const HEADING = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;

/**
 * A document in any other layout (plain text, Markdown): one section per paragraph, named after the
 * heading above it; the document's first heading (else its file name) is its title. Contacts come from a
 * 問い合わせ先 / 連絡先 / 担当 section or paragraph, facts from labelled lines; a document naming a contact
 * describes a program.
 */
export function parseGenericDocument(document: string, text: string): Program | null {
  const lines = text.split(/\r?\n/);
  const sections: Section[] = [];
  let heading: string | null = null;
  let title: string | null = null;
  let block: number[] = [];
  const flush = () => {
    if (block.length === 0) return;
    const body = block.map((i) => lines[i]!.trim()).join('\n');
    sections.push({ name: heading ?? '', text: body, items: [], source: { document, lines: [block[0]! + 1, block.at(-1)! + 1] } });
    block = [];
  };
  lines.forEach((line, i) => {
    const h = HEADING.exec(line);
    if (h) {
      flush();
      heading = h[1]!;
      title ??= heading;
    } else if (line.trim()) block.push(i);
    else flush();
  });
  flush();
  if (sections.length === 0) return null;
  const name = title ?? document.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  for (const s of sections) s.name ||= name;
  const contacts = sections.filter((s) => CONTACT_INTRO.test(s.name) || CONTACT_INTRO.test(s.text)).flatMap((s) => parseInquiry(s.text.replace(CONTACT_INTRO, '')));
  const facts = extractFacts(sections);
  return createProgram({
    id: programId(document, name),
    kind: contacts.length ? 'program' : 'document',
    title: name,
    contacts,
    facts,
    sections,
    source: { document, lines: [1, lastLine(lines)] },
  });
}

function lastLine(lines: string[]): number {
  let i = lines.length;
  while (i > 1 && !lines[i - 1]!.trim()) i--;
  return i;
}
