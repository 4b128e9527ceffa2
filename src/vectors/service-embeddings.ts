import type { OpenAIEmbeddings } from '@langchain/openai';
import type { OpenAiConfig } from '../config.js';

/**
 * OpenAI-compatible embeddings through `@langchain/openai` when `OPENAI_EMBEDDING_MODEL` is set with a
 * key; undefined otherwise (the local embedder is used). Its id goes into the index manifest.
 */
export async function createServiceEmbeddings(openai: OpenAiConfig | null): Promise<(OpenAIEmbeddings & { id: string }) | undefined> {
  if (!openai?.embeddingModel) return undefined;
  // Loaded only when configured: the OpenAI client is a third of a second of start-up.
  const { OpenAIEmbeddings } = await import('@langchain/openai');
  const embeddings = new OpenAIEmbeddings({
    apiKey: openai.apiKey,
    model: openai.embeddingModel,
    configuration: openai.baseURL ? { baseURL: openai.baseURL } : undefined,
  });
  return Object.assign(embeddings, { id: `openai:${openai.embeddingModel}` });
}
