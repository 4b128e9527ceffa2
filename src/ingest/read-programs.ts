import type { Program, Unplaced } from '../catalog.js';
import { readCatalog } from './catalog-file.js';
import { recordProgram } from './catalog-program.js';
import { parseGenericDocument } from './generic-document.js';
import { readHtmlDocument } from './html-document.js';
import { readPdfDocument } from './pdf-document.js';
import { isProgramDocument, parseProgramDocument } from './program-document.js';
import type { Corpus, CorpusProblem } from './read-corpus.js';

/** What one file gave: reported as each file is read (`npm run ingest` shows it). */
export interface FileRead {
  document: string;
  reader: 'catalog' | 'pdf' | 'html' | 'program-document' | 'document';
  programs: number;
  problems: number;
  /** A PDF's page count. */
  pages?: number;
  ms: number;
  /** 1-based position among the corpus's files, and their number. */
  at: number;
  of: number;
}

export interface ReadPrograms {
  programs: Program[];
  unplaced: Unplaced[];
  problems: CorpusProblem[];
}

/**
 * Every file of the corpus through the reader of its layout, each giving programs of the one model:
 * catalogs a program per record, PDF and HTML pages and text documents a program each, the seed's
 * budget-request layout a program per summary.
 */
export async function readPrograms(corpus: Corpus, onFile: (read: FileRead) => void = () => {}): Promise<ReadPrograms> {
  const programs: Program[] = [];
  const unplaced: Unplaced[] = [];
  const problems = [...corpus.problems];
  const of = corpus.catalogs.length + corpus.files.length + corpus.documents.length;
  let at = 0;
  const done = (document: string, reader: FileRead['reader'], found: Program[], issues: CorpusProblem[], t0: number, pages?: number) => {
    programs.push(...found);
    problems.push(...issues);
    onFile({ document, reader, programs: found.length, problems: issues.length, ...(pages === undefined ? {} : { pages }), ms: performance.now() - t0, at: ++at, of });
  };
  for (const file of corpus.catalogs) {
    const t0 = performance.now();
    const read = readCatalog(file.path, file.bytes, file.fieldMap);
    done(file.path, 'catalog', read.records.map((r) => recordProgram(file.path, r)), read.problems, t0);
  }
  for (const file of corpus.files) {
    const t0 = performance.now();
    if (/\.pdf$/i.test(file.path)) {
      const read = await readPdfDocument(file.path, file.bytes);
      done(file.path, 'pdf', read.program ? [read.program] : [], read.problems, t0, read.pages);
    } else {
      const read = readHtmlDocument(file.path, file.bytes);
      done(file.path, 'html', read.program ? [read.program] : [], read.problems, t0);
    }
  }
  for (const doc of corpus.documents) {
    const t0 = performance.now();
    if (isProgramDocument(doc.text)) {
      const parsed = parseProgramDocument(doc.path, doc.text);
      unplaced.push(...parsed.unplaced);
      const issues = parsed.programs.length ? [] : [{ document: doc.path, reason: 'budget lines found but no program could be read' }];
      done(doc.path, 'program-document', parsed.programs, issues, t0);
    } else {
      const generic = parseGenericDocument(doc.path, doc.text);
      done(doc.path, 'document', generic ? [generic] : [], generic ? [] : [{ document: doc.path, reason: 'no paragraphs to index' }], t0);
    }
  }
  return { programs, unplaced, problems };
}
