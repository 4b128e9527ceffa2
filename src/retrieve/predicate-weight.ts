import type { Analyzer } from '../text/analyzer.js';
import type { QueryTerms } from '../text/synonyms.js';

/**
 * How much a question's verbs, adjectives and adverbs weigh against its nouns when ranking. A question
 * names what it asks about with nouns and frames the request with a predicate (知りたい, 受けたい,
 * 見つけたい, 何と呼ぶか): words documents rarely use, so their idf is high though they say little about
 * which passage answers. Measured on JSQuAD and on ミラサポplus needs, tuned on one half of each.
 */
export const PREDICATE_WEIGHT = 0.5;

/**
 * A query's terms with the question's own non-noun content words (and the word pairs holding one) at
 * `weight` times their weight. Words read from kana or brought in by expansion keep theirs.
 *
 * @example withPredicateWeight(analyzer, 0.5)(expand('販路を見つけたい')).words // 販路 1, 見つける 0.5
 */
export function withPredicateWeight(analyzer: Analyzer, weight = PREDICATE_WEIGHT): (terms: QueryTerms, query: string) => QueryTerms {
  return (terms, query) => {
    const analysis = analyzer.analyze(terms.asked ?? query);
    const nouns = new Set(analysis.nouns);
    const predicates = new Set(analysis.words.filter((w) => !nouns.has(w)));
    if (predicates.size === 0) return terms;
    const scale = (t: { term: string; weight: number }, framing: boolean) => (framing ? { term: t.term, weight: t.weight * weight } : t);
    return {
      ...terms,
      words: terms.words.map((t) => scale(t, predicates.has(t.term))),
      pairs: terms.pairs.map((t) => scale(t, t.term.split(' ').some((w) => predicates.has(w)))),
    };
  };
}
