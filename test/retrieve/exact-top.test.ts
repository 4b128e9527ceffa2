import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createRetriever, type Retriever } from '../../src/retrieve/retriever.js';
import { VIEWS } from '../../src/vectors/lexical-index.js';
import { evalRows, realEngine } from '../helpers.js';

/**
 * The top chunks taken apart from the full scores (dense terms left out of a bound, the chunks that can
 * still reach the top completed) against every chunk scored in full, on the seed corpus's questions.
 */
describe('the exact top without scoring every chunk in full', () => {
  let engine: SearchEngine;
  let questions: string[];
  let retriever: Retriever;
  beforeAll(async () => {
    engine = await realEngine();
    questions = [...(await evalRows()).map((r) => r.question), '省エネ', '事業の目的', '支援の対象となる事業者', '補助金の申請'];
    // Lexical only, so that the k best are taken apart (a region weight or vectors over every chunk score them all).
    retriever = createRetriever({ chunks: engine.chunks, lexical: engine.lexical, vectors: { kind: 'none', search: () => [] }, embed: () => [], expand: engine.expand, weights: { vector: 0 } });
  });

  it('gives each view the scores of scoring it in full: every chunk completed, and the best', () => {
    let left = 0;
    for (const q of questions) {
      const t = engine.expand(q);
      const full = Object.fromEntries(VIEWS.map((v) => [v, Float64Array.from(engine.lexical.score(t.words, t.grams, t.pairs)[v])]));
      const bounded = engine.lexical.bounded(t.words, t.grams, t.pairs);
      for (const v of VIEWS) {
        const exact = Float64Array.from({ length: engine.chunks.length }, (_, c) => bounded.exact(v, c));
        expect(exact).toEqual(full[v]);
        expect(bounded.best(v)).toBe(Math.max(0, ...full[v]!));
        if (bounded.slack[v] > 1e-9) left++;
        for (let c = 0; c < exact.length; c++) expect(bounded.scores[v][c]! <= exact[c]! && exact[c]! <= bounded.scores[v][c]! + bounded.slack[v]).toBe(true);
      }
    }
    // Most questions leave some term out of the bound in some view (事業, 支援 are in most chunks).
    expect(left).toBeGreaterThan(questions.length);
  });

  it('ranks the same chunks with the same scores as the full ranking', async () => {
    // Taken apart while k is at most a 16th of the chunks.
    expect(engine.chunks.length).toBeGreaterThanOrEqual(16 * 4);
    let compared = 0;
    for (const q of questions) {
      for (const k of [1, 2, 4]) {
        const pruned = (await retriever.search(q, k)).map((h) => [h.chunk.id, h.score]);
        // A weight of 1 for every chunk changes no score and has every chunk scored in full.
        const full = (await retriever.search(q, k, () => 1)).map((h) => [h.chunk.id, h.score]);
        expect(pruned).toEqual(full);
        compared += full.length;
      }
    }
    expect(compared).toBeGreaterThan(questions.length * 4);
  });
});
