import type { Analyzer } from '../text/analyzer.js';
import { MASKS } from './mask.js';

export interface Topic {
  /** The noun the questions share. */
  label: string;
  count: number;
  /** Up to three of the questions, in the order given. */
  examples: string[];
}

/** The topic of questions that share no telling noun. */
export const OTHER_TOPIC = 'その他';

const MASK_TEXT = new RegExp(Object.values(MASKS).map((m) => m.replace(/[[\]]/g, '\\$&')).join('|'), 'g');
// A noun says something of a topic when it has letters and is more than one kana (not a number, a symbol).
const TELLING = /^(?![\p{Script=Hiragana}\p{Script=Katakana}ー]$)(?=.*\p{L})/u;

/**
 * Similar questions grouped under the noun that best tells them apart, with the product's own analysis:
 * each question goes to its noun with the highest (questions using it) × `weight` (the corpus's idf,
 * so words every program uses, 制度 or 支援, rarely win). Largest topics first.
 *
 * @example groupTopics(['ペットの医療費の補助は？', 'ペット保険の助成'], analyzer, idf)[0] // { label: 'ペット', count: 2, … }
 */
export function groupTopics(questions: string[], analyzer: Analyzer, weight: (noun: string) => number): Topic[] {
  const nounsOf = questions.map((q) => [...new Set(analyzer.analyze(q.replace(MASK_TEXT, ' ')).nouns.filter((n) => TELLING.test(n)))]);
  const used = new Map<string, number>();
  for (const nouns of nounsOf) for (const n of nouns) used.set(n, (used.get(n) ?? 0) + 1);
  const score = (n: string) => used.get(n)! * weight(n);
  const topics = new Map<string, Topic>();
  questions.forEach((q, i) => {
    const best = nounsOf[i]!.reduce<string | null>((a, n) => (a === null || score(n) > score(a) || (score(n) === score(a) && n.length > a.length) ? n : a), null);
    const label = best ?? OTHER_TOPIC;
    const topic = topics.get(label) ?? { label, count: 0, examples: [] };
    topic.count++;
    if (topic.examples.length < 3 && !topic.examples.includes(q)) topic.examples.push(q);
    topics.set(label, topic);
  });
  return [...topics.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
