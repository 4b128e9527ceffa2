import { compact, foldDashes, PHONE } from '../text/normalize.js';
import type { Citation } from './types.js';

const OFFICE = /[\p{Script=Han}\p{Script=Katakana}ー・]+(?:課|室|局|庁)/gu;
/** Words that look like an office but name none. */
const GENERIC = new Set(['担当課', '担当局', '所管課', '関係課', '各局', '各課', '事務局']);

/**
 * Checks a generated answer against its sources: every `[n]` must resolve, and every phone number and
 * office name must appear in a cited source. An answer that fails is not shown.
 *
 * @example checkGrounding('…（03-0000-0000）[1]', citations, texts).ok // false: a phone no source gives
 */
export function checkGrounding(answer: string, citations: Citation[], sourceTexts: string[]): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  const text = foldDashes(answer);
  if (!/\[\d+\]/.test(text)) problems.push('cites nothing');
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const n = Number(m[1]);
    if (n < 1 || n > citations.length) problems.push(`[${n}] cites nothing`);
  }
  const phones = new Set(citations.flatMap((c) => c.contacts.map((x) => x.phone)));
  for (const p of text.match(PHONE) ?? []) if (!phones.has(p)) problems.push(`phone ${p} is in no cited source`);
  const sources = compact([...citations.flatMap((c) => [c.program.title, c.snippet, ...c.contacts.map((x) => x.office)]), ...sourceTexts].join('\n'));
  for (const office of text.match(OFFICE) ?? []) {
    if (!GENERIC.has(office) && !sources.includes(compact(office))) problems.push(`office ${office} is in no cited source`);
  }
  return { ok: problems.length === 0, problems };
}
