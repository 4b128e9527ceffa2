import { Embeddings } from '@langchain/core/embeddings';
import type { Neighbor, VectorSearch } from '../../vectors/vector-search.js';

/**
 * The parts of Cloudflare's bindings madoguchi calls, as `wrangler types` declares them (`Ai`,
 * `VectorizeIndex`), narrowed so that tests can stand in for them.
 */
export interface AiBinding {
  run(model: string, input: { text: string[] }): Promise<unknown>;
}

export interface VectorizeBinding {
  query(vector: number[], options: { topK: number; namespace?: string }): Promise<{ matches: { id: string; score: number }[] }>;
  upsert(vectors: { id: string; values: number[]; namespace?: string }[]): Promise<unknown>;
}

/** Multilingual (Japanese included), 1,024 dimensions. */
export const BGE_M3 = '@cf/baai/bge-m3';

// Workers AI takes at most 100 texts per call to its embedding models; Vectorize 1,000 vectors per upsert.
const EMBED_BATCH = 100;
const UPSERT_BATCH = 1000;

/** LangChain `Embeddings` over the Workers AI binding. */
export class WorkersAiEmbeddings extends Embeddings {
  readonly id = `workers-ai:${BGE_M3}`;

  constructor(private readonly ai: AiBinding) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += EMBED_BATCH) {
      const result = (await this.ai.run(BGE_M3, { text: texts.slice(i, i + EMBED_BATCH) })) as { data?: number[][] };
      if (!Array.isArray(result?.data)) throw new Error(`${BGE_M3} returned no embeddings`);
      out.push(...result.data);
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }
}

/**
 * Vectorize as the chunk vector search. Vectors live in a namespace named after the corpus, so a new
 * deployment never reads the vectors of another corpus; ids are chunk numbers.
 */
export function createVectorizeSearch(index: VectorizeBinding, namespace: string): VectorSearch {
  return {
    kind: 'vectorize',
    async search(vector, k): Promise<Neighbor[]> {
      const { matches } = await index.query(vector, { topK: k, namespace });
      return matches.map((m) => ({ id: Number(m.id), score: m.score })).filter((n) => Number.isInteger(n.id) && n.id >= 0);
    },
  };
}

/** Embeds every chunk text with Workers AI and upserts it into Vectorize, under the corpus's namespace. */
export async function syncVectorize(ai: AiBinding, index: VectorizeBinding, namespace: string, texts: string[]): Promise<{ namespace: string; vectors: number }> {
  const vectors = await new WorkersAiEmbeddings(ai).embedDocuments(texts);
  for (let i = 0; i < vectors.length; i += UPSERT_BATCH) {
    await index.upsert(vectors.slice(i, i + UPSERT_BATCH).map((values, j) => ({ id: String(i + j), values, namespace })));
  }
  return { namespace, vectors: vectors.length };
}
