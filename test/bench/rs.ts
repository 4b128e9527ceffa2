import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SHARED } from '../helpers.js';

/** 行政事業レビュー, FY2024 and FY2025 (../shared/corpora/rs): every national program of a year, one JSON record per line. */
export const RS_DIR = join(SHARED, 'corpora', 'rs');
export const RS_YEARS = ['rs2025', 'rs2024'] as const;

export interface RsProgram {
  id: string;
  title: string;
  /** The text fields the field map reads (purpose, current issues, overview), one after another. */
  text: string;
}

export async function rsPrograms(file: string): Promise<RsProgram[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((line) => {
    const r = JSON.parse(line) as Record<string, unknown>;
    const text = ['purpose', 'currentIssues', 'overview'].map((f) => String(r[f] ?? '')).join('\n');
    return { id: `${r.review_year}-${r.projectId}`, title: String(r.projectName ?? ''), text };
  });
}

/**
 * Questions a business owner might type about programs of the corpus: for every 97th program, its name
 * and "について教えて", and the same with the first words of its purpose. Deterministic.
 */
export async function rsQuestions(file: string): Promise<string[]> {
  const programs = await rsPrograms(file);
  const out: string[] = [];
  for (let i = 0; i < programs.length; i += 97) {
    const p = programs[i]!;
    out.push(`${p.title}について教えて`);
    const purpose = p.text.split(/[。\n/]/)[0]!.slice(0, 40);
    if (purpose) out.push(`${purpose}を支援する事業はありますか`);
  }
  return out;
}
