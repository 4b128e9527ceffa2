import type { Contact, Source } from '../catalog.js';

export type Mode = 'answer' | 'draft';

/** The contract's limits on what a client may ask: every front end (HTTP, OpenAI-compatible, MCP) uses them. */
export const MAX_QUESTION = 2000;
export const MAX_HISTORY = 20;
export const MAX_TURN = 8000;

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export interface AskRequest {
  question: string;
  history: Turn[];
  mode: Mode;
  /** A prefecture: only its programs and nationwide ones are answered with. A prefecture the question names does the same. */
  region?: string;
}

export interface Citation {
  n: number;
  program: { id: string; title: string };
  section: string;
  snippet: string;
  contacts: Contact[];
  source: Source;
}

/** The contract's answer: `[n]` markers in `answer` resolve to `citations[n-1]`. */
export interface AskResponse {
  answer: string;
  answerable: boolean;
  mode: Mode;
  generator: 'extractive' | 'llm';
  citations: Citation[];
}

export interface Answerer {
  answer(request: AskRequest): Promise<AskResponse>;
}
