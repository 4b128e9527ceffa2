import type { Program } from '../catalog.js';
import type { SearchEngine } from '../retrieve/engine.js';
import type { CatalogView } from './catalog-view.js';
import { splitAsking } from './intent.js';
import { subjectWords } from './scope.js';
import type { Turn } from './types.js';

const ANAPHORA = /その|それ|この事業|この制度|この補助金|こちら|そちら|同じ事業|上記|前述|そこ|\b(it|that|this program)\b/i;

export interface Resolved {
  /** What to search for. */
  query: string;
  /** The program the conversation is about, when the question leans on the history for it. */
  focus: Program | null;
  /** What the question asks for, carried from the last question when it names only a new subject (では、Xの方は？). */
  carried: string;
}

/** A question naming only its subject, asking what was asked last: では、サイバーセキュリティの方は？ */
const ELLIPTIC = /(?:の方|のほう)?は(?:どう(?:ですか|でしょうか)?)?[?？]?$/;

/**
 * Resolves a follow-up ("その問い合わせ先は？", "予算はいくらですか？") against the history: the program in
 * focus carries over; a question with a subject of its own starts a new topic.
 */
export async function resolveFollowUp(engine: SearchEngine, view: CatalogView, question: string, history: Turn[]): Promise<Resolved> {
  const own = { query: question, focus: null, carried: '' };
  if (history.length === 0) return own;
  // What it asks for (前年度の予算) is no subject of its own.
  const { asking, rest } = splitAsking(question);
  const named = view.named(question).length > 0;
  if (named || (!ANAPHORA.test(question) && subjectWords(engine.expand(asking.length > 0 ? rest : question)).length > 0)) {
    // A new subject, asking nothing itself (では、サイバーセキュリティの方は？): what the last question asked.
    if (asking.length > 0 || !ELLIPTIC.test(question.trim())) return own;
    const last = [...history].reverse().find((t) => t.role === 'user');
    const carried = last ? splitAsking(last.content).asking.join(' ') : '';
    return carried ? { query: `${question} ${carried}`, focus: null, carried } : own;
  }
  const focus = await programInFocus(engine, view, history);
  return focus ? { query: `${focus.title} ${question}`, focus, carried: '' } : own;
}

async function programInFocus(engine: SearchEngine, view: CatalogView, history: Turn[]): Promise<Program | null> {
  for (const turn of [...history].reverse()) {
    const named = view.named(turn.content);
    if (named.length > 0) return named[0]!;
    if (turn.role === 'user') {
      const [hit] = await engine.retriever.searchPrograms(turn.content, 1);
      if (hit) return view.program(hit.chunk.programId);
    }
  }
  return null;
}
