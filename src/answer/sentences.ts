import type { Chunk } from '../catalog.js';
import type { SearchEngine } from '../retrieve/engine.js';
import type { QueryTerms } from '../text/synonyms.js';
import { compact } from '../text/normalize.js';
import type { Intent } from './intent.js';

export interface Sentence {
  chunk: Chunk;
  /** As the document writes it. */
  text: string;
  score: number;
  /** Holds a number in the unit the question asks for. */
  figure: boolean;
}

/** Units a figure question names, and what the answering sentence must then contain. */
const UNITS: [RegExp, RegExp][] = [
  [/何件/, /\d\s*件/],
  [/何年間|何年/, /\d\s*年/],
  [/何人|何名/, /\d\s*[人名]/],
  [/いくら|上限|何円/, /\d\s*[万億千]?円/],
  [/規模|面積|広さ/, /\d\s*(m²|㎡|m2|ha)/],
  [/割合|何%|率/, /\d\s*(%|％|割)/],
  [/いつまで|いつから|期限/, /\d\s*(年度|年|月)/],
];

/**
 * The sentences of the given chunks that answer the question best: scored by the question's words and
 * bigrams they contain (idf-weighted), and for a figure question by holding a number in the unit asked.
 */
export function bestSentences(engine: SearchEngine, chunks: Chunk[], terms: QueryTerms, intent: Intent, question: string): Sentence[] {
  const words = new Map(terms.words.map((w) => [w.term, w.weight * engine.lexical.idf('words', w.term)]));
  const grams = new Map(terms.grams.map((g) => [g.term, g.weight * engine.lexical.idf('grams', g.term)]));
  const unit = UNITS.find(([asked]) => asked.test(question))?.[1];
  // The question's focus, its last noun phrase (…給付金の補助率は？ → 補助率), found as written marks the
  // sentence about it; phrases of the program's own name do not.
  const titleText = compact(chunks[0]?.programTitle ?? '');
  const focus = engine.analyzer.analyze(question).nounPhrases.map(compact).filter((p) => p.length >= 2 && !titleText.includes(p)).at(-1);
  const out: Sentence[] = [];
  // Words of the program's title are in every passage of it: they do not tell its sentences apart.
  const { words: titleWords, grams: titleGrams } = chunks[0] ? analysedTitle(engine, chunks[0]) : { words: new Set(), grams: new Set() };
  for (const chunk of chunks) {
    for (const { text, compact: flat, words: sw, grams: sg } of analysedSentences(engine, chunk)) {
      let score = 0;
      for (const w of sw) score += (words.get(w) ?? 0) * (titleWords.has(w) ? 0.2 : 1);
      for (const g of sg) score += 0.25 * (grams.get(g) ?? 0) * (titleGrams.has(g) ? 0.2 : 1);
      if (focus && flat.includes(focus)) score *= 3;
      // A figure question wants the sentence holding a number in the unit it asks for.
      const figure = Boolean(intent.figure && unit?.test(text));
      if (intent.figure && /\d/.test(text)) score *= figure ? 3 : 1.3;
      // A bare heading says less than a sentence; a finished sentence says the most.
      if (text.length < 15 && !/\d/.test(text)) score *= 0.5;
      if (/[。]$|ます$|です$/.test(text)) score *= 1.2;
      if (score > 0) out.push({ chunk, text, score, figure });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

interface AnalysedSentence {
  text: string;
  compact: string;
  words: Set<string>;
  grams: Set<string>;
}

// Chunks never change once loaded: their sentences and titles are analysed once, not per question.
const analysed = new WeakMap<Chunk, AnalysedSentence[]>();

function analysedSentences(engine: SearchEngine, chunk: Chunk): AnalysedSentence[] {
  let list = analysed.get(chunk);
  if (!list) {
    list = splitSentences(chunk.text).map((text) => {
      const a = engine.analyzer.analyze(text);
      return { text, compact: compact(text), words: new Set(a.words), grams: new Set(a.grams) };
    });
    analysed.set(chunk, list);
  }
  return list;
}

const titles = new WeakMap<Chunk, { words: Set<string>; grams: Set<string> }>();

function analysedTitle(engine: SearchEngine, chunk: Chunk): { words: Set<string>; grams: Set<string> } {
  let title = titles.get(chunk);
  if (!title) {
    const a = engine.analyzer.analyze(chunk.programTitle);
    titles.set(chunk, (title = { words: new Set(a.words), grams: new Set(a.grams) }));
  }
  return title;
}

/** Sentences and bullet lines, as written, without bullet marks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n|(?<=。)/)
    .map((s) => s.replace(/^[\s・\-●■]+/, '').trim())
    .filter((s) => s.length > 1);
}
