import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Program, Unplaced } from '../catalog.js';
import { chunkPrograms } from '../text/chunk.js';
import { packParts, unpackParts, viewOf } from '../vectors/pack.js';
import type { ChunkText } from './analyse-segment.js';
import type { CorpusProblem } from './read-corpus.js';
import type { FileRead } from './read-programs.js';

/** What the index needs of a program without reading it again: what it is, its chunks' count and their texts' digest. */
export interface ProgramEntry {
  id: string;
  title: string;
  kind: Program['kind'];
  document: string;
  chunks: number;
  /** sha256 of its chunks as the analysis reads them (`chunkTexts`): what a segment's key is made of. */
  digest: string;
}

/** One corpus file read: its programs (as entries and as JSON) and what the reader reported. */
export interface FilePrograms {
  entries: ProgramEntry[];
  /** Each program's `ProgramSource.key`. */
  keys: string[];
  /** The programs' JSON (`JSON.stringify`), joined by commas: the file's part of the catalog. */
  json: Uint8Array;
  /** Where program i's JSON starts in `json`; `starts[n]` is one past the end (as if a comma followed). */
  starts: Uint32Array;
  problems: CorpusProblem[];
  unplaced: Unplaced[];
  read: Pick<FileRead, 'document' | 'reader' | 'pages'>;
}

const FORMAT = 'madoguchi-file-programs/2';

/** A program to keep: made, or (`key` found in `previous`) the earlier one of the same key, as it was kept. */
export interface ProgramSource {
  /** What the program is made from (a catalog record's fields); '' where there is no telling. */
  key: string;
  make: () => Program;
}

/**
 * A file's programs, as `FilePrograms`. Where `previous` (the same file as an earlier ingest kept it)
 * holds a program of the same key, its JSON and entry are taken as they are: a changed catalog record
 * costs its own reading, not the file's.
 */
export function filePrograms(programs: readonly (Program | ProgramSource)[], problems: CorpusProblem[], unplaced: Unplaced[], read: FilePrograms['read'], previous: FilePrograms | null = null): FilePrograms {
  const encoder = new TextEncoder();
  const earlier = new Map<string, number>();
  previous?.keys.forEach((k, i) => k && earlier.set(k, i));
  const keys: string[] = [];
  const entries: ProgramEntry[] = [];
  const texts = programs.map((item) => {
    const source = 'make' in item ? item : null;
    const key = source?.key ?? '';
    keys.push(key);
    const at = key ? earlier.get(key) : undefined;
    if (previous && at !== undefined) {
      entries.push(previous.entries[at]!);
      return previous.json.subarray(previous.starts[at], previous.starts[at + 1]! - 1);
    }
    const p = source ? source.make() : (item as Program);
    entries.push(entryOf(p));
    return encoder.encode(JSON.stringify(p));
  });
  const starts = new Uint32Array(texts.length + 1);
  const json = new Uint8Array(texts.reduce((n, t) => n + t.length + 1, 0) - (texts.length ? 1 : 0));
  let at = 0;
  texts.forEach((t, i) => {
    starts[i] = at;
    json.set(t, at);
    at += t.length;
    if (i + 1 < texts.length) json[at] = 0x2c;
    at++;
  });
  starts[texts.length] = at;
  return { entries, keys, json, starts, problems, unplaced, read };
}

function entryOf(p: Program): ProgramEntry {
  const chunks = chunkTexts(p);
  const digest = createHash('sha256');
  for (const c of chunks) digest.update(`${c.title}\u0001${c.section ?? ''}\u0001${c.text}\u0002`);
  return { id: p.id, title: p.title, kind: p.kind, document: p.source.document, chunks: chunks.length, digest: digest.digest('hex') };
}

/** Program i of a file, parsed back from its JSON. */
export function programAt(file: FilePrograms, i: number): Program {
  return JSON.parse(new TextDecoder().decode(file.json.subarray(file.starts[i], file.starts[i + 1]! - 1))) as Program;
}

/** A program's chunks as the analysis reads them: its title, its section (null when it is the title) and its text. */
export function chunkTexts(program: Program): ChunkText[] {
  return chunkPrograms([program]).map((c) => ({ title: c.programTitle, section: c.section === c.programTitle ? null : c.section, text: c.text }));
}

export function packFilePrograms(f: FilePrograms): Uint8Array {
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const entries = f.entries.map((e, i) => [e.id, e.title, e.kind, e.document, e.chunks, e.digest, f.keys[i]]);
  return packParts(FORMAT, { json: f.json, starts: bytes(f.starts), entries: new TextEncoder().encode(JSON.stringify(entries)) }, { problems: f.problems, unplaced: f.unplaced, read: f.read });
}

/** Throws INDEX_CORRUPT where the bytes are not such a file. */
export function unpackFilePrograms(bytes: Uint8Array): FilePrograms {
  const { meta, parts } = unpackParts(FORMAT, bytes, 'cached programs');
  const rows = JSON.parse(new TextDecoder().decode(parts.entries)) as [string, string, Program['kind'], string, number, string, string][];
  const entries = rows.map(([id, title, kind, document, chunks, digest]) => ({ id, title, kind, document, chunks, digest }));
  return { entries, keys: rows.map((r) => r[6]), json: parts.json!, starts: viewOf(parts.starts!, Uint32Array), problems: meta.problems as CorpusProblem[], unplaced: meta.unplaced as Unplaced[], read: meta.read as FilePrograms['read'] };
}

let source: Promise<string> | undefined;

/**
 * sha256 of the code that turns a file into programs and chunks (`src/ingest`, `src/text`, `src/catalog.ts`):
 * a file's cached programs are reused only when it and this code are unchanged. Where the code cannot be
 * read, a value of its own each run: nothing is reused.
 */
export function readerCodeHash(): Promise<string> {
  source ??= (async () => {
    const src = new URL('..', import.meta.url).pathname;
    const hash = createHash('sha256');
    try {
      for (const dir of ['ingest', 'text']) {
        for (const name of (await readdir(join(src, dir))).filter((n) => n.endsWith('.ts')).sort()) hash.update(`${dir}/${name}\u0000`).update(await readFile(join(src, dir, name)));
      }
      hash.update(await readFile(join(src, 'catalog.ts')));
    } catch {
      hash.update(`${process.pid} ${Date.now()} ${Math.random()}`);
    }
    return hash.digest('hex');
  })();
  return source;
}

/** Every file's programs, parsed back, in corpus order. */
export function programsOf(files: readonly FilePrograms[]): Program[] {
  return files.flatMap((file) => file.entries.map((_, i) => programAt(file, i)));
}
