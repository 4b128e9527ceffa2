import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const JSQUAD = join(import.meta.dirname, '../../../shared/bench/jsquad-valid-v1.3.json');

export interface Jsquad {
  /** Paragraph bodies (without the "title [SEP] " prefix) and their article titles. */
  paragraphs: { title: string; text: string }[];
  questions: { question: string; paragraph: number }[];
}

interface SquadFile {
  data: { title: string; paragraphs: { context: string; qas: { question: string }[] }[] }[];
}

export function loadJsquad(file = JSQUAD): Jsquad {
  const data = (JSON.parse(readFileSync(file, 'utf8')) as SquadFile).data;
  const out: Jsquad = { paragraphs: [], questions: [] };
  for (const article of data) {
    for (const p of article.paragraphs) {
      const [title, ...body] = p.context.split(' [SEP] ');
      const paragraph = out.paragraphs.length;
      out.paragraphs.push({ title: title!.trim(), text: body.join(' [SEP] ').replace(/\s*\n\s*/g, ' ').trim() });
      for (const q of p.qas) out.questions.push({ question: q.question, paragraph });
    }
  }
  return out;
}

/**
 * Writes the paragraphs as generic Markdown documents (one file per article, a paragraph per block) and
 * returns, per file, the paragraph that starts at each line: how a cited source maps back to a paragraph.
 */
export async function writeJsquadCorpus(jsquad: Jsquad, dir: string): Promise<Map<string, Map<number, number>>> {
  await mkdir(dir, { recursive: true });
  const byTitle = new Map<string, number[]>();
  jsquad.paragraphs.forEach((p, i) => byTitle.set(p.title, [...(byTitle.get(p.title) ?? []), i]));
  const lineMap = new Map<string, Map<number, number>>();
  let n = 0;
  for (const [title, ids] of byTitle) {
    const file = `${String(n++).padStart(3, '0')}.md`;
    const lines = [`# ${title}`, ''];
    const starts = new Map<number, number>();
    for (const id of ids) {
      starts.set(lines.length + 1, id);
      lines.push(jsquad.paragraphs[id]!.text, '');
    }
    await writeFile(join(dir, file), lines.join('\n'));
    lineMap.set(file, starts);
  }
  return lineMap;
}
