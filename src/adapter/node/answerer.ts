import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createExtractiveAnswerer } from '../../answer/extractive.js';
import type { Prompts } from '../../answer/llm.js';
import type { Answerer } from '../../answer/types.js';
import type { Config } from '../../config.js';
import type { SearchEngine } from '../../retrieve/engine.js';

const PROMPTS_DIR = join(import.meta.dirname, '../../../prompts');

export async function loadPrompts(dir = PROMPTS_DIR): Promise<Prompts> {
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  return {
    system: await read('answer-system.txt'),
    user: await read('answer-user.txt'),
    styleAnswer: await read('style-answer.txt'),
    styleDraft: await read('style-draft.txt'),
    rewrite: await read('rewrite-follow-up.txt'),
  };
}

/**
 * The answerer for this configuration: extractive by default; with OPENAI_API_KEY, generation through
 * `ChatOpenAI` (any OpenAI-compatible OPENAI_BASE_URL) with the extractive answer as its check and fallback.
 */
export async function answererFor(config: Config, log: (message: string) => void = () => {}): Promise<(engine: SearchEngine) => Answerer> {
  const openai = config.openai;
  if (!openai) return createExtractiveAnswerer;
  // Loaded only when configured: LangChain's OpenAI client and prompt machinery cost half a second of start-up.
  const [{ ChatOpenAI }, { createLlmAnswerer }] = await Promise.all([import('@langchain/openai'), import('../../answer/llm.js')]);
  const prompts = await loadPrompts();
  const model = new ChatOpenAI({
    apiKey: openai.apiKey,
    model: openai.model,
    temperature: 0,
    maxRetries: 1,
    configuration: openai.baseURL ? { baseURL: openai.baseURL } : undefined,
  });
  return (engine) => createLlmAnswerer({ engine, model, prompts, fallback: createExtractiveAnswerer(engine), timeoutMs: openai.timeoutMs, log });
}
