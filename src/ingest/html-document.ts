import type { Program } from '../catalog.js';
import { decodeHtml, type HtmlProblem } from './html-decode.js';
import { readLines, type HtmlItem } from './html-lines.js';
import { buildSections } from './html-sections.js';
import { collapse } from './html-text.js';
import { findAll, mainContent, parseHtml, titleText, type Node } from './html-tree.js';
import { programId } from './program-id.js';
import { createProgram } from './program.js';

export interface HtmlRead {
  program: Program | null;
  problems: { document: string; reason: string; code: string }[];
}

// "IT導入補助金2025｜中小企業庁", "… | 経済産業省", "… - 厚生労働省": the page's name before the site's.
const SITE_SUFFIX = /\s*[｜|]\s*|\s+[-–—]\s+/;

/**
 * Reads an HTML page into the one program model: the text of its main content (navigation, header and
 * footer, scripts, hidden parts, cookie banners and breadcrumbs left out) as one section per heading,
 * titled by its first `<h1>`, else its `<title>`, else its file name; contacts from its 問い合わせ先
 * section or paragraphs, facts from labelled lines, table rows and sections. Broken markup is read as a
 * browser reads it; an empty, binary, oversized or textless page gives a problem, never a throw.
 *
 * @param path relative to the corpus: the program's id and sources name it.
 * @example readHtmlDocument('meti/it-hojo.html', bytes)
 *   // { program: { title: 'IT導入補助金2025', contacts: [{ office: 'サービス等生産性向上IT導入支援事業 コールセンター', phone: '0570-666-376', … }], … }, problems: [] }
 */
export function readHtmlDocument(path: string, bytes: Uint8Array): HtmlRead {
  try {
    return read(path, bytes);
  } catch (error) {
    // parse5 reads any string; this is for what nobody foresaw, so that one page never stops an ingest.
    return failed(path, { code: 'UNREADABLE', reason: `could not read the page: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function read(path: string, bytes: Uint8Array): HtmlRead {
  const decoded = decodeHtml(bytes);
  if ('code' in decoded) return failed(path, decoded);
  const document = parseHtml(decoded.text);
  const items = contentItems(document);
  const title = titleOf(items, document, path);
  const { sections, facts, contacts } = buildSections(items, title, path);
  if (!sections.length) {
    return failed(path, { code: 'NO_TEXT', reason: "no text in the page's main content (only navigation, scripts, headings or markup)" });
  }
  const program = createProgram({
    id: programId(path, title),
    kind: contacts.length ? 'program' : 'document',
    title,
    contacts,
    facts,
    sections,
    source: { document: path, lines: [1, lastLine(decoded.text)] },
  });
  return { program, problems: [] };
}

/** The main content's headings and lines; the whole body's when the landmark found holds no text. */
function contentItems(document: Node): HtmlItem[] {
  const roots = mainContent(document);
  const items = readLines(roots);
  if (items.some((i) => i.kind === 'line')) return items;
  const body = findAll(document, (e) => e.tagName === 'body');
  return roots.every((r, i) => r === body[i]) && roots.length === body.length ? items : readLines(body);
}

function titleOf(items: HtmlItem[], document: Node, path: string): string {
  const h1 = items.find((i) => i.kind === 'heading' && i.level === 1);
  if (h1) return h1.text;
  const title = collapse(titleText(document));
  const name = title.split(SITE_SUFFIX)[0]!.trim();
  return name || title || path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
}

function lastLine(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function failed(document: string, problem: HtmlProblem): HtmlRead {
  return { program: null, problems: [{ document, ...problem }] };
}
