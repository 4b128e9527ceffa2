import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** A catalog holds many programs: a ministry's year of them is about 14 MB. */
export const MAX_CATALOG_BYTES = 64 * 1024 * 1024;
const DOCUMENT = /\.(txt|md|markdown)$/i;
const CATALOG = /\.(json|jsonl|csv)$/i;
/** Documents their own reader decodes: PDF, and HTML by its declared charset. */
const PUBLISHED = /\.(pdf|html?)$/i;
/** A catalog's field map, read with the catalog beside it rather than as a catalog of its own. */
const FIELD_MAP = /\.fields\.json$/i;

export interface CorpusDocument {
  /** Path relative to the corpus folder, with forward slashes. */
  path: string;
  text: string;
  encoding: string;
}

/** A catalog file as found: its bytes, decoded by the catalog reader, and the text of its field map. */
export interface CorpusCatalog {
  path: string;
  bytes: Uint8Array;
  /** The text of `NAME.fields.json` beside it; null where there is none. */
  fieldMap: string | null;
}

/** What could not be read, by file and, where known, line or record. */
export interface CorpusProblem {
  document: string;
  reason: string;
  /** A reader's code for it (PDF_ENCRYPTED, COLUMN_COUNT …), where it gives one. */
  code?: string;
  line?: number;
  record?: string;
}

/** A PDF or HTML document as found: its reader decodes it. */
export interface CorpusFile {
  path: string;
  bytes: Uint8Array;
}

export interface Corpus {
  documents: CorpusDocument[];
  catalogs: CorpusCatalog[];
  /** PDF and HTML documents. */
  files: CorpusFile[];
  problems: CorpusProblem[];
  /** sha256 over every readable file's path and content. */
  hash: string;
}

/**
 * Reads every .txt/.md/.pdf/.html document and every .json/.jsonl/.csv catalog under `dir`. Empty, binary,
 * oversized or undecodable text documents are reported by name and skipped; the rest is read. Text is decoded
 * here (UTF-8 first, then UTF-16 by its BOM, then Shift_JIS); PDF and HTML by their readers, catalogs by
 * theirs, with their field map.
 */
export async function readCorpus(dir: string): Promise<Corpus> {
  const documents: CorpusDocument[] = [];
  const catalogs: CorpusCatalog[] = [];
  const published: CorpusFile[] = [];
  const problems: CorpusProblem[] = [];
  const files = (await listFiles(dir)).sort();
  const paths = new Set(files.map((f) => relative(dir, f).split(sep).join('/')));
  for (const file of files) {
    const path = relative(dir, file).split(sep).join('/');
    const catalog = CATALOG.test(path);
    const binary = catalog || PUBLISHED.test(path);
    if (FIELD_MAP.test(path)) {
      if (!paths.has(path.replace(FIELD_MAP, '.json')) && !paths.has(path.replace(FIELD_MAP, '.jsonl')) && !paths.has(path.replace(FIELD_MAP, '.csv'))) {
        problems.push({ document: path, reason: 'a field map without its catalog (NAME.json, NAME.jsonl or NAME.csv beside it)' });
      }
      continue;
    }
    if (!binary && !DOCUMENT.test(path)) {
      problems.push({ document: path, reason: 'skipped: documents are .txt, .md, .pdf and .html files, catalogs .json, .jsonl and .csv' });
      continue;
    }
    const size = (await stat(file)).size;
    const limit = binary ? MAX_CATALOG_BYTES : MAX_DOCUMENT_BYTES;
    if (size > limit) {
      problems.push({ document: path, reason: `too large: ${(size / 1048576).toFixed(1)} MB, the limit is ${limit / 1048576} MB` });
      continue;
    }
    if (size === 0) {
      problems.push({ document: path, reason: 'empty file' });
      continue;
    }
    if (catalog) {
      const mapPath = file.replace(CATALOG, '.fields.json');
      catalogs.push({ path, bytes: await readFile(file), fieldMap: paths.has(relative(dir, mapPath).split(sep).join('/')) ? await readFile(mapPath, 'utf8') : null });
      continue;
    }
    if (binary) {
      published.push({ path, bytes: await readFile(file) });
      continue;
    }
    const decoded = decode(await readFile(file));
    if ('problem' in decoded) problems.push({ document: path, reason: decoded.problem });
    else documents.push({ path, ...decoded });
  }
  const hash = createHash('sha256');
  for (const d of documents) hash.update(`${d.path}\0${d.text}\0`);
  for (const c of catalogs) hash.update(`${c.path}\0`).update(c.bytes).update(`\0${c.fieldMap ?? ''}\0`);
  for (const f of published) hash.update(`${f.path}\0`).update(f.bytes).update('\0');
  return { documents, catalogs, files: published, problems, hash: hash.digest('hex') };
}

/** Only what `readCorpus` hashes, without parsing: to tell whether an index is stale. */
export async function corpusHash(dir: string): Promise<string> {
  return (await readCorpus(dir)).hash;
}

function decode(bytes: Buffer): { text: string; encoding: string } | { problem: string } {
  if (bytes.length === 0) return { problem: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  if (bytes.includes(0)) return { problem: 'binary file (contains NUL bytes)' };
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      return finish(new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes), encoding);
    } catch {
      // try the next encoding
    }
  }
  return { problem: 'not UTF-8, UTF-16 or Shift_JIS text' };
}

function finish(text: string, encoding: string): { text: string; encoding: string } | { problem: string } {
  return text.trim() ? { text, encoding } : { problem: 'no text (only white space)' };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
