import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const EXTENSIONS = /\.(txt|md|markdown)$/i;

export interface CorpusDocument {
  /** Path relative to the corpus folder, with forward slashes. */
  path: string;
  text: string;
  encoding: string;
}

export interface CorpusProblem {
  document: string;
  reason: string;
}

export interface Corpus {
  documents: CorpusDocument[];
  problems: CorpusProblem[];
  /** sha256 over every readable document's path and text. */
  hash: string;
}

/**
 * Reads every .txt/.md file under `dir`. Empty, binary, oversized or undecodable files are reported
 * by name and skipped; the rest is read. UTF-8 first, then UTF-16 by its BOM, then Shift_JIS.
 */
export async function readCorpus(dir: string): Promise<Corpus> {
  const documents: CorpusDocument[] = [];
  const problems: CorpusProblem[] = [];
  for (const file of (await listFiles(dir)).sort()) {
    const path = relative(dir, file).split(sep).join('/');
    if (!EXTENSIONS.test(path)) {
      problems.push({ document: path, reason: 'skipped: only .txt and .md files are documents' });
      continue;
    }
    const size = (await stat(file)).size;
    if (size > MAX_DOCUMENT_BYTES) {
      problems.push({ document: path, reason: `too large: ${(size / 1048576).toFixed(1)} MB, the limit is ${MAX_DOCUMENT_BYTES / 1048576} MB` });
      continue;
    }
    const decoded = decode(await readFile(file));
    if ('problem' in decoded) problems.push({ document: path, reason: decoded.problem });
    else documents.push({ path, ...decoded });
  }
  const hash = createHash('sha256');
  for (const d of documents) hash.update(`${d.path}\0${d.text}\0`);
  return { documents, problems, hash: hash.digest('hex') };
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
