import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRetriever } from '../../src/retrieve/retriever.js';
import type { Chunk } from '../../src/catalog.js';
import type { LexicalIndex, LexicalScores } from '../../src/vectors/lexical-index.js';

/** The retriever's ranking against a full sort, on random scores (one view carries them all). */
describe('retriever ranking', () => {
  it('returns the k best chunks and programs, best first, each once, as a full sort would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 60 }), async (raw, k) => {
        const scores = Float64Array.from(raw);
        const chunks = raw.map((_, id) => ({ id, programId: `p${id % 7}` }) as Chunk);
        const zero = new Float64Array(raw.length);
        const lexical = { score: (): LexicalScores => ({ words: scores, grams: zero, pairs: zero, windowWords: zero, windowGrams: zero }) } as unknown as LexicalIndex;
        const retriever = createRetriever({
          chunks,
          lexical,
          vectors: { kind: 'none', search: () => [] },
          embed: () => [],
          expand: () => ({ own: ['x'], words: [{ term: 'x', weight: 1 }], grams: [], pairs: [], expansions: [], origins: [] }),
        });
        const got = (await retriever.search('x', k)).map((h) => h.chunk.id);
        const ranked = [...raw.keys()].filter((i) => raw[i]! > 0).sort((a, b) => raw[b]! - raw[a]! || a - b);
        expect(got).toEqual(ranked.slice(0, k));
        // Programs: each one's best chunk (its first in that order), in the chunks' order.
        const programs = (await retriever.searchPrograms('x', k)).map((h) => h.chunk.id);
        expect(programs).toEqual(ranked.filter((i, at) => ranked.findIndex((j) => j % 7 === i % 7) === at).slice(0, k));
      }),
      { numRuns: 500 },
    );
  });

  it('asks the vector search about exactly the lexically best chunks, and ranks with its scores added as a full sort would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -1, max: 50 }),
        fc.boolean(),
        async (raw, candidates, k, outside) => {
          const scores = Float64Array.from(raw);
          const chunks = raw.map((_, id) => ({ id, programId: `p${id}` }) as Chunk);
          const zero = new Float64Array(raw.length);
          const lexical = { score: (): LexicalScores => ({ words: scores, grams: zero, pairs: zero, windowWords: zero, windowGrams: zero }) } as unknown as LexicalIndex;
          let asked: number[] = [];
          // Each candidate's "cosine" is its id's share of the last id: an exact number to add. A search
          // that looks beyond the candidates (as HNSW does) may also bring the last chunk.
          const near = (among: number[]) => [...among, ...(outside ? [raw.length - 1] : [])].map((id) => ({ id, score: (id + 1) / raw.length })).sort((a, b) => b.score - a.score || a.id - b.id).filter((n, i, all) => i === 0 || n.id !== all[i - 1]!.id).slice(0, 10);
          const retriever = createRetriever({
            chunks,
            lexical,
            vectorCandidates: candidates,
            vectors: { kind: 'recording', search: (_v, _k, among) => near((asked = [...among!])) },
            embed: () => [1],
            expand: () => ({ own: ['x'], words: [{ term: 'x', weight: 1 }], grams: [], pairs: [], expansions: [], origins: [] }),
          });
          const hits = await retriever.search('x', k);
          const ranked = [...raw.keys()].filter((i) => raw[i]! > 0).sort((a, b) => raw[b]! - raw[a]! || a - b);
          expect([...asked].sort((a, b) => a - b)).toEqual(ranked.slice(0, candidates).sort((a, b) => a - b));
          const max = Math.max(...raw);
          const neighbours = near(asked);
          const fused = raw.map((x) => 0 + x * (max === 0 ? 0 : 1 / max));
          for (const n of neighbours) fused[n.id] = fused[n.id]! + (0.25 * n.score) / neighbours[0]!.score;
          const expected = [...fused.keys()].filter((i) => fused[i]! > 0).sort((a, b) => fused[b]! - fused[a]! || a - b).map((i) => ({ chunk: chunks[i], score: fused[i] }));
          expect(hits).toEqual(k > 0 ? expected.slice(0, k) : []);
        },
      ),
      { numRuns: 500 },
    );
  });
});
