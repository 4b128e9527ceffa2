import type { Analysis, Analyzer } from '../text/analyzer.js';
import { Bm25, type Bm25Json, type WeightedTerm } from './bm25.js';

/** BM25 options tuned on JSQuAD (low k1: a question repeats few words, so presence matters most). */
export const LEXICAL_BM25 = { k1: 0.4, b: 0.5 };

export interface LexicalJson {
  chunks: { words: Bm25Json; grams: Bm25Json; pairs: Bm25Json };
  windows: { words: Bm25Json; grams: Bm25Json; chunk: number[] };
}

export interface LexicalScores {
  words: Float64Array;
  grams: Float64Array;
  pairs: Float64Array;
  /** Per chunk, the best sentence window's score: a question usually comes from one sentence. */
  windowWords: Float64Array;
  windowGrams: Float64Array;
}

/**
 * BM25 over both token views, at two grains: whole chunks and sentence windows (a sentence and the
 * next, with the chunk's title). Portable: the same postings serve Node and Workers.
 */
export class LexicalIndex {
  private constructor(
    private readonly words: Bm25,
    private readonly grams: Bm25,
    private readonly pairs: Bm25,
    private readonly windowWords: Bm25,
    private readonly windowGrams: Bm25,
    private readonly windowChunk: number[],
  ) {}

  /** `texts[i]` is chunk i's indexed text; `title(i)` is repeated in each of its windows. */
  static build(analyzer: Analyzer, texts: string[], titles: string[]): { index: LexicalIndex; analyses: Analysis[] } {
    const analyses = texts.map((t) => analyzer.analyze(t));
    const windowChunk: number[] = [];
    const windows: Analysis[] = [];
    texts.forEach((text, i) => {
      for (const w of sentenceWindows(text)) {
        windows.push(analyzer.analyze(`${titles[i]}\n${w}`));
        windowChunk.push(i);
      }
    });
    const index = new LexicalIndex(
      Bm25.build(analyses.map((a) => a.words), LEXICAL_BM25),
      Bm25.build(analyses.map((a) => a.grams), LEXICAL_BM25),
      Bm25.build(analyses.map((a) => a.pairs), LEXICAL_BM25),
      Bm25.build(windows.map((a) => a.words), LEXICAL_BM25),
      Bm25.build(windows.map((a) => a.grams), LEXICAL_BM25),
      windowChunk,
    );
    return { index, analyses };
  }

  static fromJSON(json: LexicalJson): LexicalIndex {
    return new LexicalIndex(
      Bm25.fromJSON(json.chunks.words),
      Bm25.fromJSON(json.chunks.grams),
      Bm25.fromJSON(json.chunks.pairs),
      Bm25.fromJSON(json.windows.words),
      Bm25.fromJSON(json.windows.grams),
      json.windows.chunk,
    );
  }

  toJSON(): LexicalJson {
    return {
      chunks: { words: this.words.toJSON(), grams: this.grams.toJSON(), pairs: this.pairs.toJSON() },
      windows: { words: this.windowWords.toJSON(), grams: this.windowGrams.toJSON(), chunk: this.windowChunk },
    };
  }

  get size(): number {
    return this.words.size;
  }

  get windowCount(): number {
    return this.windowChunk.length;
  }

  idf(view: 'words' | 'grams', term: string): number {
    return (view === 'words' ? this.words : this.grams).idfOf(term);
  }

  /** The idf of the view's rarest term. */
  maxIdf(view: 'words' | 'grams'): number {
    return (view === 'words' ? this.words : this.grams).maxIdf;
  }

  /** Each chunk's content words (title, section and text), as indexed: no second analysis. */
  chunkWords(): Set<string>[] {
    return (this.wordSets ??= this.words.documentTerms());
  }

  private wordSets: Set<string>[] | undefined;

  /** Whether any chunk uses this content word. */
  hasWord(term: string): boolean {
    return this.words.has(term);
  }

  score(words: WeightedTerm[], grams: WeightedTerm[], pairs: WeightedTerm[]): LexicalScores {
    const windowWords = new Float64Array(this.size);
    const windowGrams = new Float64Array(this.size);
    const ww = this.windowWords.score(words);
    const wg = this.windowGrams.score(grams);
    for (let i = 0; i < this.windowChunk.length; i++) {
      const c = this.windowChunk[i]!;
      if (ww[i]! > windowWords[c]!) windowWords[c] = ww[i]!;
      if (wg[i]! > windowGrams[c]!) windowGrams[c] = wg[i]!;
    }
    return { words: this.words.score(words), grams: this.grams.score(grams), pairs: this.pairs.score(pairs), windowWords, windowGrams };
  }
}

/** Sentences (split after 。！？ and at line breaks), each joined with the one after it. */
export function sentenceWindows(text: string): string[] {
  const sentences = text.split(/(?<=[。！？!?])|\n/).map((s) => s.trim()).filter(Boolean);
  if (sentences.length <= 1) return sentences;
  return sentences.map((s, i) => (i + 1 < sentences.length ? `${s}${sentences[i + 1]}` : s)).slice(0, Math.max(1, sentences.length - 1));
}
