import { execFile } from 'node:child_process';
import { copyFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FileRead } from '../../src/ingest/read-programs.js';
import { INGEST_ARGS, ROOT, SHARED, tempDir } from '../helpers.js';

const run = promisify(execFile);

export interface IngestFigures {
  files: { document: string; pages: number; ms: number; 'pages/s': string }[];
  total: { pages: number; 'read ms': number; 'pages/s': string; 'ingest ms': number; 'peak RSS MB': number };
}

/** `npm run ingest` as a user runs it over the five PDFs of ../shared/pdf: each file's reading, the whole build, peak memory. */
export async function ingestBench(): Promise<IngestFigures> {
  const dir = await tempDir('madoguchi-ingest-');
  try {
    const pdfs = (await readdir(join(SHARED, 'pdf'))).filter((f) => f.endsWith('.pdf'));
    for (const f of pdfs) await copyFile(join(SHARED, 'pdf', f), join(dir, f));
    const env = { ...process.env, CORPUS_DIR: dir, INDEX_DIR: join(dir, 'index') };
    const { stdout } = await run(process.execPath, INGEST_ARGS, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    const reads = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as FileRead);
    const summary = /in (\d+) ms, peak memory (\d+) MB/.exec(stdout)!;
    const rate = (pages: number, ms: number) => (pages / (ms / 1000)).toFixed(1);
    const pages = reads.reduce((s, r) => s + (r.pages ?? 0), 0);
    const readMs = reads.reduce((s, r) => s + r.ms, 0);
    return {
      files: reads.map((r) => ({ document: r.document, pages: r.pages ?? 0, ms: r.ms, 'pages/s': rate(r.pages ?? 0, r.ms) })),
      total: { pages, 'read ms': readMs, 'pages/s': rate(pages, readMs), 'ingest ms': Number(summary[1]), 'peak RSS MB': Number(summary[2]) },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
