import type { Program } from '../catalog.js';
import type { SearchEngine } from '../retrieve/engine.js';
import type { CatalogView } from './catalog-view.js';
import { subjectWords } from './scope.js';
import type { Turn } from './types.js';

const ANAPHORA = /その|それ|この事業|この制度|この補助金|こちら|そちら|同じ事業|上記|前述|そこ|\b(it|that|this program)\b/i;

export interface Resolved {
  /** What to search for. */
  query: string;
  /** The program the conversation is about, when the question leans on the history for it. */
  focus: Program | null;
}

/**
 * Resolves a follow-up ("その問い合わせ先は？", "予算はいくらですか？") against the history: the program in
 * focus carries over; a question with a subject of its own starts a new topic.
 */
export async function resolveFollowUp(engine: SearchEngine, view: CatalogView, question: string, history: Turn[]): Promise<Resolved> {
  if (history.length === 0 || view.named(question).length > 0) return { query: question, focus: null };
  const ownSubject = subjectWords(engine.expand(question));
  if (!ANAPHORA.test(question) && ownSubject.length > 0) return { query: question, focus: null };
  const focus = await programInFocus(engine, view, history);
  return focus ? { query: `${focus.title} ${question}`, focus } : { query: question, focus: null };
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
