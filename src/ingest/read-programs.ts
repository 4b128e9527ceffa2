import { createHash, type Hash } from 'node:crypto';
import { FORMAT_VERSION } from '../vectors/artifact.js';
import { readCatalog } from './catalog-file.js';
import { recordProgram } from './catalog-program.js';
import { parseGenericDocument } from './generic-document.js';
import { isProgramDocument, parseProgramDocument } from './program-document.js';
import { filePrograms, packFilePrograms, readerCodeHash, unpackFilePrograms, type FilePrograms } from './program-files.js';
import type { Corpus, CorpusProblem } from './read-corpus.js';
import type { TableCache } from './tables.js';

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

/** Every file's programs, in corpus order, and the problems of the corpus and of each file. */
export interface ReadPrograms {
  files: FilePrograms[];
  problems: CorpusProblem[];
  /** The names under which the files' programs are kept (`TableCache`). */
  cached: string[];
}

/**
 * Every file of the corpus through the reader of its layout, each giving programs of the one model:
 * catalogs a program per record, PDF and HTML pages and text documents a program each, the seed's
 * budget-request layout a program per summary. A file read by an earlier ingest, unchanged and read by
 * the same code, is taken from `cache` as that ingest left it.
 */
export async function readPrograms(corpus: Corpus, onFile: (read: FileRead) => void = () => {}, cache: TableCache | null = null): Promise<ReadPrograms> {
  const files: FilePrograms[] = [];
  const cached: string[] = [];
  const problems = [...corpus.problems];
  const of = corpus.catalogs.length + corpus.files.length + corpus.documents.length;
  const code = await readerCodeHash();
  let at = 0;
  const read = async (path: string, content: (hash: Hash) => void, parse: (name: string) => Promise<FilePrograms>) => {
    const t0 = performance.now();
    const hash = createHash('sha256').update(`${FORMAT_VERSION}\u0000${code}\u0000${path}\u0000`);
    content(hash);
    const name = `programs-${hash.digest('hex').slice(0, 32)}.bin`;
    const kept = cache ? await cache.read(name) : null;
    let file: FilePrograms | null = null;
    if (kept) {
      try {
        file = unpackFilePrograms(kept);
      } catch {
        file = null;
      }
    }
    if (!file) {
      file = await parse(name);
      await cache?.write(name, packFilePrograms(file));
    }
    cached.push(name);
    files.push(file);
    problems.push(...file.problems);
    onFile({ ...file.read, programs: file.entries.length, problems: file.problems.length, ms: performance.now() - t0, at: ++at, of });
  };
  for (const file of corpus.catalogs) {
    // The file as the last ingest kept it: its unchanged records' programs are taken from it.
    const latest = `latest-${createHash('sha256').update(file.path).digest('hex').slice(0, 32)}.txt`;
    await read(file.path, (h) => h.update(file.bytes).update(`\u0000${file.fieldMap ?? '\u0001'}`), async (name) => {
      const r = readCatalog(file.path, file.bytes, file.fieldMap);
      const before = cache ? await cache.read(latest).then((b) => (b ? cache.read(new TextDecoder().decode(b)) : null)) : null;
      let previous: FilePrograms | null = null;
      try {
        previous = before ? unpackFilePrograms(before) : null;
      } catch {
        previous = null;
      }
      const sources = r.records.map(({ index: _i, line: _l, ...fields }, n) => ({
        key: createHash('sha1').update(`${code}\u0000`).update(JSON.stringify(fields)).digest('hex'),
        make: () => recordProgram(file.path, r.records[n]!),
      }));
      await cache?.write(latest, new TextEncoder().encode(name));
      return filePrograms(sources, r.problems, [], { document: file.path, reader: 'catalog' }, previous);
    });
    cached.push(latest);
  }
  for (const file of corpus.files) {
    await read(file.path, (h) => h.update(file.bytes), async () => {
      // The PDF and HTML readers (pdf.js, parse5) are loaded only for a file of theirs to read.
      if (/\.pdf$/i.test(file.path)) {
        const { readPdfDocument } = await import('./pdf-document.js');
        const r = await readPdfDocument(file.path, file.bytes);
        return filePrograms(r.program ? [r.program] : [], r.problems, [], { document: file.path, reader: 'pdf', pages: r.pages });
      }
      const { readHtmlDocument } = await import('./html-document.js');
      const r = readHtmlDocument(file.path, file.bytes);
      return filePrograms(r.program ? [r.program] : [], r.problems, [], { document: file.path, reader: 'html' });
    });
  }
  for (const doc of corpus.documents) {
    await read(doc.path, (h) => h.update(doc.text), async () => {
      if (isProgramDocument(doc.text)) {
        const parsed = parseProgramDocument(doc.path, doc.text);
        const issues = parsed.programs.length ? [] : [{ document: doc.path, reason: 'budget lines found but no program could be read' }];
        return filePrograms(parsed.programs, issues, parsed.unplaced, { document: doc.path, reader: 'program-document' });
      }
      const generic = parseGenericDocument(doc.path, doc.text);
      return filePrograms(generic ? [generic] : [], generic ? [] : [{ document: doc.path, reason: 'no paragraphs to index' }], [], { document: doc.path, reader: 'document' });
    });
  }
  return { files, problems, cached };
}
