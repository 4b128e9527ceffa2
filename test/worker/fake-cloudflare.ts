import type { AiBinding, VectorizeBinding } from '../../src/adapter/worker/cloudflare.js';

/**
 * Stand-ins for the Workers AI and Vectorize bindings, at the system's edge (they are Cloudflare
 * services). The fake model hashes character bigrams into 1,024 dimensions: similar texts get similar
 * vectors, enough to prove the wiring, nothing about bge-m3's quality.
 */
export function fakeAi(): AiBinding & { calls: { model: string; text: string[] }[] } {
  const calls: { model: string; text: string[] }[] = [];
  return {
    calls,
    async run(model, input) {
      calls.push({ model, text: input.text });
      return { shape: [input.text.length, DIMS], data: input.text.map(bigramVector) };
    },
  };
}

export function fakeVectorize(): VectorizeBinding & { stored: Map<string, Map<string, number[]>>; queries: { topK: number; namespace?: string }[] } {
  const stored = new Map<string, Map<string, number[]>>();
  const queries: { topK: number; namespace?: string }[] = [];
  return {
    stored,
    queries,
    async upsert(vectors) {
      for (const v of vectors) {
        const ns = v.namespace ?? '';
        if (!stored.has(ns)) stored.set(ns, new Map());
        stored.get(ns)!.set(v.id, v.values);
      }
      return { mutationId: String(vectors.length) };
    },
    async query(vector, { topK, namespace }) {
      queries.push({ topK, namespace });
      const matches = [...(stored.get(namespace ?? '') ?? new Map<string, number[]>())].map(([id, values]) => ({ id, score: cosine(vector, values) }));
      return { matches: matches.sort((a, b) => b.score - a.score).slice(0, topK) };
    },
  };
}

const DIMS = 1024;

function bigramVector(text: string): number[] {
  const v = new Array<number>(DIMS).fill(0);
  for (let i = 0; i + 1 < text.length; i++) {
    let h = 2166136261;
    for (const c of text.slice(i, i + 2)) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    v[(h >>> 0) % DIMS]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * (b[i] ?? 0);
  return dot;
}
