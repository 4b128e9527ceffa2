import type { OpenAiConfig } from '../config.js';
import type { SearchEngine } from '../retrieve/engine.js';
import { createExtractiveAnswerer } from './extractive.js';
import type { Prompts } from './llm.js';
import type { Answerer } from './types.js';

/**
 * The answerer for this configuration, on any runtime: extractive by default; with OPENAI_API_KEY,
 * generation through `ChatOpenAI` (any OpenAI-compatible OPENAI_BASE_URL) with the extractive answer as
 * its check and fallback. The runtime supplies the prompts (files on Node, the bundle on Workers).
 */
export async function answererFor(
  openai: OpenAiConfig | null,
  prompts: () => Promise<Prompts>,
  log: (message: string) => void = () => {},
): Promise<(engine: SearchEngine) => Answerer> {
  if (!openai) return createExtractiveAnswerer;
  // Loaded only when configured: LangChain's OpenAI client and prompt machinery cost half a second of start-up.
  const [{ ChatOpenAI }, { createLlmAnswerer }] = await Promise.all([import('@langchain/openai'), import('./llm.js')]);
  const loaded = await prompts();
  const model = new ChatOpenAI({
    apiKey: openai.apiKey,
    model: openai.model,
    temperature: 0,
    maxRetries: 1,
    configuration: openai.baseURL ? { baseURL: openai.baseURL } : undefined,
  });
  return (engine) => createLlmAnswerer({ engine, model, prompts: loaded, fallback: createExtractiveAnswerer(engine), timeoutMs: openai.timeoutMs, log });
}
