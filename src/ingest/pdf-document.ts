import type { Fact, Program } from '../catalog.js';
import { extractFacts } from './facts.js';
import { contactsOf } from './pdf-contacts.js';
import { layoutPage, type PdfLine } from './pdf-layout.js';
import { titleOf, toSections } from './pdf-sections.js';
import { readPdfPages, type PdfProblemCode } from './pdf-text.js';
import { programId } from './program-id.js';
import { createProgram } from './program.js';

export interface PdfRead {
  program: Program | null;
  problems: { document: string; reason: string; code: PdfProblemCode }[];
  pages: number;
}

/** A line at the top or bottom of this share of the pages, the same but for its digits, is a running header or footer. */
const RUNNING_SHARE = 0.5;

/**
 * Reads a PDF into the one program model: its text in reading order (columns, table rows, letter-spaced and
 * vertical headings undone), without running headers, footers and page numbers, in sections under its
 * headings with the pages each spans. Contacts come from its 問い合わせ先 sections and lines, facts from its
 * labelled lines; a PDF naming a contact describes a program. An empty, encrypted, corrupt or image-only PDF
 * gives one coded problem and no program; nothing here throws for bad input.
 *
 * @param path relative to the corpus: the program's id and every source name it.
 * @example const { program } = await readPdfDocument('pdf/leaflet.pdf', new Uint8Array(await readFile(file)));
 */
export async function readPdfDocument(path: string, bytes: Uint8Array): Promise<PdfRead> {
  const read = await readPdfPages(bytes);
  if ('code' in read) return { program: null, problems: [{ document: path, reason: read.reason, code: read.code }], pages: read.pages };
  const pages = dropRunning(read.pages.map(layoutPage));
  const { count } = read;
  const title = titleOf(pages[0] ?? []) ?? path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const sections = toSections(path, pages, title);
  if (!sections.length) return { program: null, problems: [{ document: path, reason: 'no text layer: needs OCR', code: 'PDF_NO_TEXT' }], pages: count };
  const contacts = contactsOf(sections, pages);
  const program = createProgram({
    id: programId(path, title),
    kind: contacts.length ? 'program' : 'document',
    title,
    contacts,
    facts: extractFacts(sections).flatMap(tableFact),
    sections,
    source: { document: path, pages: [1, count] },
  });
  return { program, problems: [], pages: count };
}

/**
 * Without the lines that stand at the top or bottom of most pages, the same but for their digits
 * (「- 3 -」, 「（Ｒ７.４.1）」, a leaflet's issuer and form number).
 */
function dropRunning(pages: PdfLine[][]): PdfLine[][] {
  const key = (l: PdfLine) => l.text.replace(/[0-9０-９]+/gu, '#').replace(/\s+/gu, '');
  const seen = new Map<string, Set<number>>();
  pages.forEach((page, p) => {
    for (const line of page) if (line.margin) seen.set(key(line), (seen.get(key(line)) ?? new Set()).add(p));
  });
  const least = Math.max(2, Math.ceil(pages.filter((p) => p.length).length * RUNNING_SHARE));
  const running = new Set([...seen].filter(([, on]) => on.size >= least).map(([k]) => k));
  return pages.map((page) => page.filter((l) => !(l.margin && running.has(key(l)))));
}

/** A figure as a table states it: a number with its unit. */
const FIGURE = /[0-9０-９][0-9０-９,.，．]*\s*(?:万|億|千)?(?:円|%|％|人|件|倍|割|分の|か月|ヶ月|カ月|年|日|時間)/u;

/**
 * A label opening a table row (支給額 | 80万円 | 40万円) states the row's other cells; a row of column
 * headings (対象者 | 企業規模 | 措置) states no figure and is no fact.
 */
function tableFact(fact: Fact): Fact[] {
  if (!fact.text.startsWith('|')) return [fact];
  const text = fact.text.replace(/^\|\s*/u, '');
  return FIGURE.test(text) ? [{ ...fact, text }] : [];
}
