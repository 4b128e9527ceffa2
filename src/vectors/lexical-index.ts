import { Bm25, type WeightedTerm } from './bm25.js';
import { packParts, unpackParts, viewOf } from './pack.js';
import type { Postings } from './postings.js';

/** BM25 options tuned on JSQuAD (low k1: a question repeats few words, so presence matters most). */
export const LEXICAL_BM25 = { k1: 0.4, b: 0.5 };

/** The token views, at chunk grain and at sentence-window grain (a sentence and the next, with the title). */
export const VIEWS = ['words', 'grams', 'pairs', 'windowWords', 'windowGrams'] as const;
export type View = (typeof VIEWS)[number];

export const LEXICAL_FORMAT = 'madoguchi-lexical/1';

/** The lexical index as stored: each view's postings, the chunk of each window, the content-word vocabulary. */
export interface LexicalParts {
  views: Record<View, Postings>;
  windowChunk: Uint32Array;
  /** Every content word the chunks use, once: what a misspelt question word is checked against. */
  vocabulary: string[];
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
 * BM25 over both token views, at two grains: whole chunks and sentence windows. Portable: the same
 * packed postings serve Node and Workers.
 */
export class LexicalIndex {
  private readonly bm25: Record<View, Bm25>;
  readonly windowChunk: Uint32Array;
  readonly vocabulary: string[];

  constructor(parts: LexicalParts) {
    this.bm25 = Object.fromEntries(VIEWS.map((v) => [v, new Bm25(parts.views[v], LEXICAL_BM25)])) as Record<View, Bm25>;
    this.windowChunk = parts.windowChunk;
    this.vocabulary = parts.vocabulary;
  }

  /** The index as one file's bytes (`pack.ts`): typed arrays that load as views, no parsing. */
  static pack(parts: LexicalParts): Uint8Array {
    const out: Record<string, Uint8Array> = {};
    const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (const v of VIEWS) {
      const p = parts.views[v];
      out[`${v}.keys`] = bytesOf(p.keys);
      out[`${v}.starts`] = bytesOf(p.starts);
      out[`${v}.lengths`] = bytesOf(p.lengths);
      out[`${v}.bytes`] = p.bytes;
      if (p.hashes) out[`${v}.hashes`] = bytesOf(p.hashes);
    }
    out['window-chunk'] = bytesOf(parts.windowChunk);
    out.vocabulary = new TextEncoder().encode(parts.vocabulary.join('\n'));
    return packParts(LEXICAL_FORMAT, out);
  }

  /** Throws INDEX_CORRUPT. */
  static unpack(bytes: Uint8Array): LexicalParts {
    const { parts } = unpackParts(LEXICAL_FORMAT, bytes, 'the lexical index');
    const part = (name: string) => parts[name] ?? new Uint8Array();
    const views = Object.fromEntries(
      VIEWS.map((v) => {
        const postings: Postings = { keys: viewOf(part(`${v}.keys`), Float64Array), starts: viewOf(part(`${v}.starts`), Uint32Array), lengths: viewOf(part(`${v}.lengths`), Uint32Array), bytes: part(`${v}.bytes`) };
        if (parts[`${v}.hashes`]) postings.hashes = viewOf(parts[`${v}.hashes`]!, Uint32Array);
        return [v, postings];
      }),
    ) as Record<View, Postings>;
    const text = new TextDecoder().decode(part('vocabulary'));
    return { views, windowChunk: viewOf(part('window-chunk'), Uint32Array), vocabulary: text ? text.split('\n') : [] };
  }

  get size(): number {
    return this.bm25.words.size;
  }

  get windowCount(): number {
    return this.windowChunk.length;
  }

  /** A view's BM25, for what reads postings directly (document vectors). */
  view(view: View): Bm25 {
    return this.bm25[view];
  }

  idf(view: 'words' | 'grams', term: string): number {
    return this.bm25[view].idfOf(term);
  }

  /** The idf of the view's rarest term. */
  maxIdf(view: 'words' | 'grams'): number {
    return this.bm25[view].maxIdf;
  }

  /** Chunk c's content words (title, section and text), as indexed: no second analysis. */
  chunkWords(chunk: number): string[] {
    const { starts, words } = (this.wordsByChunk ??= this.invertWords());
    return Array.from(words.subarray(starts[chunk], starts[chunk + 1]), (w) => this.vocabulary[w]!);
  }

  private wordsByChunk: { starts: Uint32Array; words: Uint32Array } | undefined;

  /** The words view turned around, chunk → vocabulary ids, in typed arrays (a Set per chunk would weigh ten times more). */
  private invertWords(): { starts: Uint32Array; words: Uint32Array } {
    const counts = new Uint32Array(this.size + 1);
    const lists = this.vocabulary.map((word) => {
      const docs: number[] = [];
      this.bm25.words.eachDocument(word, (doc) => docs.push(doc));
      for (const d of docs) counts[d + 1]!++;
      return docs;
    });
    for (let c = 0; c < this.size; c++) counts[c + 1]! += counts[c]!;
    const words = new Uint32Array(counts[this.size]!);
    const fill = counts.slice(0, this.size);
    lists.forEach((docs, w) => {
      for (const d of docs) words[fill[d]!++] = w;
    });
    return { starts: counts, words };
  }

  /** Whether any chunk uses this content word. */
  hasWord(term: string): boolean {
    return this.bm25.words.has(term);
  }

  /**
   * Each view's scores. The arrays are the index's own, reused by the next call: read them before calling
   * again (a query's scores are a few MB; allocating them each time was much of a query's time).
   */
  score(words: WeightedTerm[], grams: WeightedTerm[], pairs: WeightedTerm[]): LexicalScores {
    const s = (this.scratch ??= this.newScratch());
    for (const a of [s.words, s.grams, s.pairs, s.windowWords, s.windowGrams]) a.fill(0);
    this.bm25.words.addScores(words, s.words);
    this.bm25.grams.addScores(grams, s.grams);
    this.bm25.pairs.addScores(pairs, s.pairs);
    const { ww, wg, windowWords, windowGrams } = s;
    this.bm25.windowWords.addScores(words, ww);
    this.bm25.windowGrams.addScores(grams, wg);
    // Per chunk, its best window; the window scores go back to zero on the way, for the next call.
    const windowChunk = this.windowChunk;
    for (let i = 0; i < windowChunk.length; i++) {
      const c = windowChunk[i]!;
      const a = ww[i]!;
      const b = wg[i]!;
      if (a > windowWords[c]!) windowWords[c] = a;
      if (b > windowGrams[c]!) windowGrams[c] = b;
      ww[i] = 0;
      wg[i] = 0;
    }
    return { words: s.words, grams: s.grams, pairs: s.pairs, windowWords, windowGrams };
  }

  private scratch: (LexicalScores & { ww: Float64Array; wg: Float64Array }) | undefined;

  private newScratch(): LexicalScores & { ww: Float64Array; wg: Float64Array } {
    const chunks = () => new Float64Array(this.size);
    const windows = () => new Float64Array(this.windowChunk.length);
    return { words: chunks(), grams: chunks(), pairs: chunks(), windowWords: chunks(), windowGrams: chunks(), ww: windows(), wg: windows() };
  }
}

/** Sentences of a chunk's text: split after 。！？ and at line breaks, trimmed, empty ones left out. */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[。！？!?])|\n/).map((s) => s.trim()).filter(Boolean);
}

