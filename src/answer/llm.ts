import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { Source } from '../catalog.js';
import type { SearchEngine } from '../retrieve/engine.js';
import { checkGrounding } from './check.js';
import { sectionLabel } from './citations.js';
import { contactList } from './phrases.js';
import { MAX_QUESTION, type Answerer, type AskRequest, type AskResponse, type Citation, type Turn } from './types.js';

/** The prompt files of `prompts/`, read by the runtime adapter (the app opens no files). */
export interface Prompts {
  system: string;
  user: string;
  styleAnswer: string;
  styleDraft: string;
  rewrite: string;
}

export interface LlmAnswererOptions {
  engine: SearchEngine;
  model: BaseChatModel;
  prompts: Prompts;
  /** The extractive answerer: its citations are the LLM's sources, and its answer the fallback. */
  fallback: Answerer;
  timeoutMs: number;
  log?: (message: string) => void;
}

/**
 * Generation through an OpenAI-compatible chat model (`ChatOpenAI`). The model sees only numbered
 * sources (the extractive answer's citations); its output is checked, and replaced by the extractive
 * answer when it cites nothing valid, names a phone or office no source gives, fails or times out.
 */
export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const { engine, model, prompts, fallback, timeoutMs } = options;
  const log = options.log ?? (() => {});
  const answerChain = ChatPromptTemplate.fromMessages([['system', prompts.system], ['human', prompts.user]]).pipe(model).pipe(new StringOutputParser());
  const rewriteChain = ChatPromptTemplate.fromMessages([['human', prompts.rewrite]]).pipe(model).pipe(new StringOutputParser());

  async function generate(chain: typeof answerChain, input: Record<string, string>, signal: AbortSignal): Promise<string> {
    let text = '';
    for await (const piece of await chain.stream(input, { signal })) text += piece;
    return text.trim();
  }

  return {
    async answer(request: AskRequest): Promise<AskResponse> {
      // One deadline for the whole answer: rewrite and generation together.
      const signal = AbortSignal.timeout(timeoutMs);
      let question = request.question;
      if (request.history.length > 0) {
        try {
          const rewritten = await generate(rewriteChain, { history: historyText(request.history), question }, signal);
          if (rewritten && rewritten.length <= MAX_QUESTION) question = rewritten;
        } catch (e) {
          log(`follow-up rewrite failed, using the question as asked: ${(e as Error).message}`);
        }
      }
      const base = await fallback.answer({ ...request, question });
      if (!base.answerable || base.citations.length === 0) return base;
      const texts = base.citations.map((c) => sourceText(engine, c));
      try {
        const answer = await generate(answerChain, {
          sources: base.citations.map((c, i) => `[${c.n}] ${texts[i]}`).join('\n\n'),
          history: historyText(request.history),
          question: request.question,
          style: request.mode === 'draft' ? prompts.styleDraft : prompts.styleAnswer,
        }, signal);
        const check = checkGrounding(answer, base.citations, texts);
        if (answer && check.ok) return { ...base, answer, generator: 'llm' };
        log(`generated answer refused: ${answer ? check.problems.join('; ') : 'empty'}`);
      } catch (e) {
        log(`generation failed, answering extractively: ${(e as Error).message}`);
      }
      return base;
    },
  };
}

function sameSource(a: Source, b: Source): boolean {
  return a.document === b.document && String(a.lines) === String(b.lines) && String(a.pages) === String(b.pages) && a.record === b.record;
}

function historyText(history: Turn[]): string {
  return history.map((t) => `${t.role === 'user' ? 'お客様' : '窓口'}: ${t.content}`).join('\n') || '（なし）';
}

/** A citation as the model reads it: the program, the passage in full, and its contacts. */
function sourceText(engine: SearchEngine, c: Citation): string {
  const chunk = engine.chunks.find((x) => x.programId === c.program.id && sectionLabel(x) === c.section && sameSource(x.source, c.source));
  const contacts = c.contacts.length ? contactList(c.contacts, { lang: 'ja', mode: 'answer' }) : 'この資料には記載がありません';
  return `事業名: ${c.program.title}\n項目: ${c.section}\n本文: ${(chunk?.text ?? c.snippet).replace(/\n/g, ' ')}\n問い合わせ先: ${contacts}`;
}
