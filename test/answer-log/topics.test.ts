import { beforeAll, describe, expect, it } from 'vitest';
import { groupTopics, OTHER_TOPIC } from '../../src/answer-log/topics.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { realEngine } from '../helpers.js';

describe('refused questions grouped into topics (the engine\'s analyser, the corpus\'s idf)', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await realEngine();
  });
  const idf = (w: string) => (engine.lexical.hasWord(w) ? engine.lexical.idf('words', w) : engine.lexical.maxIdf('words'));

  it('puts questions about the same thing under one noun, largest topic first, with examples', () => {
    const questions = [
      'ペットの医療費を補助する制度はありますか',
      '犬や猫などペットの飼育に使える支援制度は？',
      'ペット保険の助成を受けたい',
      '空き家の解体に補助金は出ますか',
      '空き家を改修する支援を教えて',
      '[電話番号]に電話してもいいですか',
      'どうすればいい？',
    ];
    expect(groupTopics(questions, engine.analyzer, idf)).toEqual([
      { label: 'ペット', count: 3, examples: questions.slice(0, 3) },
      { label: '空き家', count: 2, examples: questions.slice(3, 5) },
      { label: OTHER_TOPIC, count: 1, examples: ['どうすればいい？'] },
      { label: '電話', count: 1, examples: ['[電話番号]に電話してもいいですか'] },
    ]);
  });

  it('is empty for no questions', () => {
    expect(groupTopics([], engine.analyzer, idf)).toEqual([]);
  });
});
