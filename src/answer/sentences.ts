import { isQuotable, type Chunk } from '../catalog.js';
import type { SearchEngine } from '../retrieve/engine.js';
import type { QueryTerms } from '../text/synonyms.js';
import { compact } from '../text/normalize.js';
import type { CatalogView } from './catalog-view.js';
import type { Intent } from './intent.js';

export interface Sentence {
  chunk: Chunk;
  /** As the document writes it. */
  text: string;
  score: number;
  /** Holds a number in the unit the question asks for. */
  figure: boolean;
  /** The sub-item's name that heads its passage, alone: no answer by itself. */
  heading: boolean;
}

/** Units a figure question names, and what the answering sentence must then contain. */
const UNITS: [RegExp, RegExp][] = [
  [/何件/, /\d\s*件/],
  [/何年間|何年/, /\d\s*年/],
  [/何人|何名/, /\d\s*[人名]/],
  [/いくら|上限|限度額|(助成|支給|補助|融資|貸付)額|何円/, /\d\s*[万億千]?円/],
  [/規模|面積|広さ/, /\d\s*(m²|㎡|m2|ha)/],
  [/割合|何%|率/, /\d\s*(%|％|割)/],
  [/いつまで|いつから|期限/, /\d\s*(年度|年|月)/],
];

/**
 * The sentences of a program's quotable passages that answer the question best: scored by the question's
 * words and bigrams they contain (idf-weighted), and for a figure question by holding a number in the unit asked.
 */
export function bestSentences(engine: SearchEngine, view: CatalogView, programId: string, terms: QueryTerms, intent: Intent, question: string): Sentence[] {
  const program = programSentences(engine, view, programId);
  // The question's weight for each of the program's words and bigrams (0 for those it does not use), by id.
  const wordWeight = new Float64Array(program.wordIds.size);
  for (const w of terms.words) {
    const id = program.wordIds.get(w.term);
    if (id !== undefined) wordWeight[id] = w.weight * engine.lexical.idf('words', w.term);
  }
  const gramWeight = new Float64Array(program.gramIds.size);
  for (const g of terms.grams) {
    const id = program.gramIds.get(g.term);
    if (id !== undefined) gramWeight[id] = g.weight * engine.lexical.idf('grams', g.term);
  }
  const unit = UNITS.findIndex(([asked]) => asked.test(question));
  // The question's focus, its last noun phrase (…給付金の補助率は？ → 補助率), found as written marks the
  // sentence about it; phrases of the program's own name do not.
  const focus = engine.analyzer.analyze(question).nounPhrases.map(compact).filter((p) => p.length >= 2 && !program.title.includes(p)).at(-1);
  const out: Sentence[] = [];
  for (const s of program.sentences) {
    // Words of the program's title are in every passage of it: they count a fifth. Words the question does not
    // use add nothing, so the sums are those of the question's words, in the sentence's order.
    let score = 0;
    for (const id of s.words) score += wordWeight[id]! * program.wordTitle[id]!;
    for (const id of s.grams) score += 0.25 * gramWeight[id]! * program.gramTitle[id]!;
    if (focus && s.compact.includes(focus)) score *= 3;
    // A figure question wants the sentence holding a number in the unit it asks for.
    const figure = Boolean(intent.figure && unit >= 0 && s.units & (1 << unit));
    if (intent.figure && s.digit) score *= figure ? 3 : 1.3;
    // A bare heading says less than a sentence; a finished sentence says the most.
    if (s.text.length < 15 && !s.digit) score *= 0.5;
    if (s.finished) score *= 1.2;
    if (score > 0) out.push({ chunk: s.chunk, text: s.text, score, figure, heading: s.heading });
  }
  return out.sort((a, b) => b.score - a.score);
}

interface AnalysedSentence {
  chunk: Chunk;
  text: string;
  compact: string;
  /** Ids of its distinct words and bigrams, in the order the analyser gives them. */
  words: Int32Array;
  grams: Int32Array;
  digit: boolean;
  /** Bit i: it holds a number in the unit of UNITS[i]. */
  units: number;
  finished: boolean;
  heading: boolean;
}

interface ProgramSentences {
  /** The program's title, compact. */
  title: string;
  sentences: AnalysedSentence[];
  wordIds: Map<string, number>;
  gramIds: Map<string, number>;
  /** By id: 0.2 for a word or bigram of the program's title, else 1. */
  wordTitle: Float64Array;
  gramTitle: Float64Array;
}

// Passages never change once loaded: a program's sentences are analysed once, not per question.
const analysed = new WeakMap<SearchEngine, Map<string, ProgramSentences>>();

function programSentences(engine: SearchEngine, view: CatalogView, programId: string): ProgramSentences {
  let programs = analysed.get(engine);
  if (!programs) analysed.set(engine, (programs = new Map()));
  let program = programs.get(programId);
  if (!program) programs.set(programId, (program = analyse(engine, view.chunks(programId).filter(isQuotable))));
  return program;
}

function analyse(engine: SearchEngine, chunks: Chunk[]): ProgramSentences {
  const wordIds = new Map<string, number>();
  const gramIds = new Map<string, number>();
  const ids = (terms: Iterable<string>, into: Map<string, number>) =>
    Int32Array.from(terms, (t) => {
      let id = into.get(t);
      if (id === undefined) into.set(t, (id = into.size));
      return id;
    });
  const sentences: AnalysedSentence[] = [];
  for (const chunk of chunks) {
    const firstLine = chunk.text.split('\n')[0];
    for (const text of splitSentences(chunk.text)) {
      const a = engine.analyzer.analyze(text);
      sentences.push({
        chunk,
        text,
        compact: compact(text),
        words: ids(new Set(a.words), wordIds),
        grams: ids(new Set(a.grams), gramIds),
        digit: /\d/.test(text),
        units: UNITS.reduce((bits, [, has], i) => (has.test(text) ? bits | (1 << i) : bits), 0),
        finished: /[。]$|ます$|です$/.test(text),
        // A sub-item's name alone, heading its passage.
        heading: Boolean(chunk.item) && text === firstLine && chunk.text.includes('\n'),
      });
    }
  }
  const title = chunks[0] ? engine.analyzer.analyze(chunks[0].programTitle) : { words: [], grams: [] };
  const factors = (into: Map<string, number>, inTitle: string[]) => {
    const f = new Float64Array(into.size).fill(1);
    for (const t of inTitle) {
      const id = into.get(t);
      if (id !== undefined) f[id] = 0.2;
    }
    return f;
  };
  return { title: compact(chunks[0]?.programTitle ?? ''), sentences, wordIds, gramIds, wordTitle: factors(wordIds, title.words), gramTitle: factors(gramIds, title.grams) };
}

/** Sentences and bullet lines, as written, without bullet marks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n|(?<=。)/)
    .map((s) => s.replace(/^[\s・\-●■]+/, '').trim())
    .filter((s) => s.length > 1);
}
