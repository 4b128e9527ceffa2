import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk, Program } from '../catalog.js';
import type { Analyzer } from '../text/analyzer.js';
import { DOMAIN_LEXICON } from '../text/domain-lexicon.js';
import { createRespeller } from '../text/spelling.js';
import { createQueryExpander, type QueryTerms } from '../text/synonyms.js';
import { createTypoIndex } from '../text/typos.js';
import { appError } from '../errors.js';
import type { IndexParts } from '../vectors/artifact.js';
import { LexicalIndex } from '../vectors/lexical-index.js';
import { LocalEmbeddings } from '../vectors/local-embeddings.js';
import { createQuantizedSearch, type QuantizedVectors } from '../vectors/quantized.js';
import type { VectorSearch } from '../vectors/vector-search.js';
import { withPredicateWeight } from './predicate-weight.js';
import { createRetriever, FUSION_DEFAULTS, type Retriever } from './retriever.js';

export const SYNONYM_WEIGHT = 0.4;
/** Lexically best chunks the local vectors are compared with. */
export const VECTOR_CANDIDATES = 200;
/**
 * Words read from kana or one edit from a typo: surer than a synonym (the question means them, written
 * otherwise), below the words it writes.
 */
export const SPELLING_WEIGHT = 0.8;

/** What the server needs from an index: the catalog, the chunks and a retriever over them. */
export interface SearchEngine {
  manifest: IndexParts['manifest'];
  programs: Program[];
  chunks: Chunk[];
  retriever: Retriever;
  analyzer: Analyzer;
  /** The query analysis the retriever uses (own words, synonyms, glossary). */
  expand: (query: string) => QueryTerms;
  lexical: LexicalIndex;
}

export interface EngineOptions {
  parts: IndexParts;
  analyzer: Analyzer;
  /** A search over a service embedder's vectors (HNSW, Vectorize); the index's local vectors by default. */
  vectors?: VectorSearch;
  /** The service embedder when the index was built with one; the local embedder otherwise. */
  embeddings?: EmbeddingsInterface;
}

/**
 * Loaded index parts → a search engine. Runtime-neutral: the index's quantized local vectors are searched
 * in JS among the lexical candidates; a service embedder's come from the search given (HNSW, Vectorize).
 */
export function createEngine({ parts, analyzer, vectors, embeddings }: EngineOptions): SearchEngine {
  const lexical = new LexicalIndex(parts.lexical);
  const localEmbeddings = new LocalEmbeddings({ analyzer, idf: (view, term) => lexical.idf(view, term), views: { words: lexical.view('words'), grams: lexical.view('grams') }, dimensions: parts.manifest.embedder.dimensions });
  const known = (w: string) => lexical.hasWord(w);
  // The vocabulary as the postings hold it, the most used first; its typo index is built on the first unknown word.
  const typos = createTypoIndex(lexical.vocabulary, (w) => lexical.idf('words', w));
  const respell = createRespeller({ readings: parts.readings, typos, known });
  const expand = createQueryExpander({ analyzer, synonyms: parts.synonyms.ja, english: parts.synonyms.en, lexicon: DOMAIN_LEXICON, weight: SYNONYM_WEIGHT, known, respell, spellingWeight: SPELLING_WEIGHT });
  const ranked = withPredicateWeight(analyzer);
  const local = !embeddings || !vectors;
  if (local && parts.vectors.kind !== 'quantized') throw appError('INDEX_VERSION_MISMATCH', `the index holds ${parts.manifest.embedder.id} vectors: configure that embedder, or run \`npm run ingest\``);
  const retriever = createRetriever({
    chunks: parts.chunks,
    lexical,
    vectors: local ? createQuantizedSearch(parts.vectors as QuantizedVectors) : vectors!,
    // Hashed local vectors hold no evidence beyond shared terms: their neighbours are among the lexical best.
    vectorCandidates: local ? VECTOR_CANDIDATES : undefined,
    // The retriever ranks with the question's predicate words weighing less; scope and answers see them as written.
    expand: (query) => ranked(expand(query), query),
    embed: local ? (_q, terms) => localEmbeddings.embedTerms(terms) : (q) => embeddings!.embedQuery(q),
    // Hashed local vectors repeat the lexical evidence; a semantic service embedder adds its own.
    weights: { vector: local ? FUSION_DEFAULTS.vector : 1 },
  });
  return { manifest: parts.manifest, programs: parts.catalog.programs, chunks: parts.chunks, retriever, analyzer, expand, lexical };
}
