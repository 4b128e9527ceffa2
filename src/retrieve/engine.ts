import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk, Program } from '../catalog.js';
import type { Analyzer } from '../text/analyzer.js';
import { DOMAIN_LEXICON } from '../text/domain-lexicon.js';
import { createRespeller } from '../text/spelling.js';
import { createQueryExpander, type QueryTerms } from '../text/synonyms.js';
import { createTypoIndex } from '../text/typos.js';
import type { IndexParts } from '../vectors/artifact.js';
import { LexicalIndex } from '../vectors/lexical-index.js';
import { LocalEmbeddings } from '../vectors/local-embeddings.js';
import type { VectorSearch } from '../vectors/vector-search.js';
import { createRetriever, FUSION_DEFAULTS, type Retriever } from './retriever.js';

export const SYNONYM_WEIGHT = 0.4;
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
  vectors: VectorSearch;
  /** The service embedder when the index was built with one; the local embedder otherwise. */
  embeddings?: EmbeddingsInterface;
}

/**
 * Loaded index parts → a search engine. Runtime-neutral: Node passes an HNSW search, Workers an exact one.
 */
export function createEngine({ parts, analyzer, vectors, embeddings }: EngineOptions): SearchEngine {
  const lexical = LexicalIndex.fromJSON(parts.lexical);
  const local = new LocalEmbeddings({ analyzer, idf: (view, term) => lexical.idf(view, term), dimensions: parts.manifest.embedder.dimensions });
  const known = (w: string) => lexical.hasWord(w);
  // The vocabulary as the postings hold it, the most used first; its typo index is built on the first unknown word.
  const typos = createTypoIndex(Object.keys(parts.lexical.chunks.words.postings), (w) => lexical.idf('words', w));
  const respell = createRespeller({ readings: parts.readings, typos, known });
  const expand = createQueryExpander({ analyzer, synonyms: parts.synonyms, lexicon: DOMAIN_LEXICON, weight: SYNONYM_WEIGHT, known, respell, spellingWeight: SPELLING_WEIGHT });
  const retriever = createRetriever({
    chunks: parts.chunks,
    lexical,
    vectors,
    expand,
    embed: embeddings ? (q) => embeddings.embedQuery(q) : (_q, terms) => local.embedTerms(terms),
    // Hashed local vectors repeat the lexical evidence; a semantic service embedder adds its own.
    weights: { vector: embeddings ? 1 : FUSION_DEFAULTS.vector },
  });
  return { manifest: parts.manifest, programs: parts.catalog.programs, chunks: parts.chunks, retriever, analyzer, expand, lexical };
}
