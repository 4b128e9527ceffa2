import { OpenAIEmbeddings } from '@langchain/openai';
import type { OpenAiConfig } from '../config.js';

/**
 * OpenAI-compatible embeddings through `@langchain/openai` when `OPENAI_EMBEDDING_MODEL` is set with a
 * key; undefined otherwise (the local embedder is used). Its id goes into the index manifest.
 */
export function createServiceEmbeddings(openai: OpenAiConfig | null): (OpenAIEmbeddings & { id: string }) | undefined {
  if (!openai?.embeddingModel) return undefined;
  const embeddings = new OpenAIEmbeddings({
    apiKey: openai.apiKey,
    model: openai.embeddingModel,
    configuration: openai.baseURL ? { baseURL: openai.baseURL } : undefined,
  });
  return Object.assign(embeddings, { id: `openai:${openai.embeddingModel}` });
}
