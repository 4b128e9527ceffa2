import { beforeAll, describe, expect, it } from 'vitest';
import { withPredicateWeight } from '../../src/retrieve/predicate-weight.js';
import type { Analyzer } from '../../src/text/analyzer.js';
import { createQueryExpander } from '../../src/text/synonyms.js';
import { analyzer } from '../helpers.js';

describe('predicate weight', () => {
  let a: Analyzer;
  beforeAll(async () => {
    a = await analyzer();
  });
  const expand = (q: string) => createQueryExpander({ analyzer: a, synonyms: {}, lexicon: [], weight: 0.4 })(q);

  it("halves a question's verbs and the pairs holding one, and keeps its nouns", () => {
    const q = '新たな販路・事業パートナーを見つけたい';
    const terms = withPredicateWeight(a)(expand(q), q);
    expect(terms.words).toEqual([
      { term: '新た', weight: 1 },
      { term: '販路', weight: 1 },
      { term: '事業', weight: 1 },
      { term: 'パートナー', weight: 1 },
      { term: '見つける', weight: 0.5 },
    ]);
    expect(terms.pairs).toEqual([
      { term: '新た 販路', weight: 1 },
      { term: '販路 事業', weight: 1 },
      { term: '事業 パートナー', weight: 1 },
      { term: 'パートナー 見つける', weight: 0.5 },
    ]);
    // Character bigrams and what the question says it asks about are left as they are.
    expect(terms.grams).toEqual(expand(q).grams);
    expect(terms.own).toEqual(expand(q).own);
  });

  it('leaves a question of nouns alone', () => {
    const q = '省エネ診断の問い合わせ先';
    const terms = expand(q);
    expect(withPredicateWeight(a)(terms, q)).toBe(terms);
  });
});
