import { copyFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SUPPORTS = join(import.meta.dirname, '../../../shared/corpora/mirasapo/supports.json');
export const MIRASAPO_DEV = join(import.meta.dirname, '../../../shared/eval/mirasapo-dev.jsonl');

export interface Mirasapo {
  /** One document per program: title, summary, target, body, usage and keywords, a line each. */
  programs: { title: string; text: string }[];
  /** The dev set's "need" rows: a question and the acceptable titles of the program it asks for. */
  needs: { question: string; programs: string[] }[];
}

interface Support {
  title: string;
  summary?: string;
  target?: string;
  body?: string;
  usage?: string;
  keywords: string[];
}

interface DevRow {
  kind: string;
  question: string;
  programs?: string[];
}

export function loadMirasapo(supports = SUPPORTS, dev = MIRASAPO_DEV): Mirasapo {
  const items = (JSON.parse(readFileSync(supports, 'utf8')) as { items: Support[] }).items;
  const rows = readFileSync(dev, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DevRow);
  return {
    programs: items.map((p) => ({
      title: p.title,
      text: [p.title, p.summary, p.target, p.body, p.usage, ...p.keywords].filter(Boolean).join('\n'),
    })),
    needs: rows.filter((r) => r.kind === 'need').map((r) => ({ question: r.question, programs: r.programs ?? [] })),
  };
}

/** Copies supports.json into `dir` as published: ingest reads it as a catalog without a field map. */
export async function writeMirasapoCorpus(dir: string, supports = SUPPORTS): Promise<void> {
  await mkdir(dir, { recursive: true });
  await copyFile(supports, join(dir, 'supports.json'));
}

// The reference scorer's comparison (../shared/eval/score.mjs `sameTitle`), so the figures agree with it.
const norm = (s: string) => s.normalize('NFKC').replace(/[\s*,、]/g, '');

/** Equal once normalised, or one title includes the other (a program cited by its short name). */
export function sameTitle(a: string, b: string): boolean {
  const x = norm(a), y = norm(b);
  return x.length > 0 && y.length > 0 && (x === y || x.includes(y) || y.includes(x));
}
