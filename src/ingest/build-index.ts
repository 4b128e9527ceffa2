import type { Embeddings } from '@langchain/core/embeddings';
import { ANALYZER_ID } from '../text/analyzer.js';
import { chunkPrograms, indexedText } from '../text/chunk.js';
import { DOMAIN_LEXICON } from '../text/domain-lexicon.js';
import { charBigrams } from '../text/ngrams.js';
import { compact } from '../text/normalize.js';
import { edictCandidates, englishTableFrom, type EdictGlosses } from '../text/english-table.js';
import { synonymCandidates, synonymTableFrom, type SudachiGroup } from '../text/synonyms.js';
import { FORMAT_VERSION, type IndexParts, type StoredVectors } from '../vectors/artifact.js';
import { LexicalIndex } from '../vectors/lexical-index.js';
import { documentVectors, LOCAL_EMBEDDINGS_DEFAULTS, localEmbedderId } from '../vectors/local-embeddings.js';
import { createHash } from 'node:crypto';
import { analyseSegments, type AnalysisProgress } from './analysis-pool.js';
import type { SegmentCache } from './segment-cache.js';
import { planSegments } from './segments.js';
import { mergeAnalysis } from './merge-analysis.js';
import { packFullDictionary, type IpadicFiles } from './query-dictionary.js';
import { dictionaryReadings, readingTable } from './readings.js';
import type { Corpus, CorpusProblem } from './read-corpus.js';
import { readPrograms, type FileRead } from './read-programs.js';

/** Bump when the analysis of a segment changes: cached segments of another version are then analysed again. */
const ANALYSIS_VERSION = 'segment/1';

export interface BuildOptions {
  /** kuromoji's full IPADIC: the index carries it, packed, and it analyses the corpus. */
  ipadic: IpadicFiles;
  sudachi: SudachiGroup[];
  /** EDICT's glosses (ingest/edict.ts): English questions are searched through them. Null without EDICT. */
  edict?: EdictGlosses | null;
  /** An embedder other than the local one (OpenAI); the local vectors come from the postings. */
  embeddings?: Embeddings & { id?: string };
  /** Analysis threads (INGEST_THREADS); one per core by default. */
  threads?: number;
  /** Told as each file is read. */
  onFile?: (read: FileRead) => void;
  /** Told as each segment of chunks is analysed. */
  onAnalysis?: (progress: AnalysisProgress) => void;
  /** Segments analysed by an earlier build, reused where their text is unchanged. */
  cache?: SegmentCache;
}

export interface Built {
  parts: Omit<IndexParts, 'manifest'> & { manifest: Omit<IndexParts['manifest'], 'files' | 'createdAt' | 'dictionary'> };
  problems: CorpusProblem[];
  /** The keys of the build's segments, and how many of them were analysed (the others came from the cache). */
  segments: { keys: string[]; analysed: number };
}

/**
 * Corpus → programs → chunks → postings (analysed segment by segment, in threads, then merged), synonym
 * and readings tables, vectors and the query dictionary, all in memory.
 */
export async function buildIndex(corpus: Corpus, options: BuildOptions): Promise<Built> {
  const { programs, unplaced, problems } = await readPrograms(corpus, options.onFile);
  const chunks = chunkPrograms(programs);
  // The corpus is analysed through the dictionary the index carries: as every question will be.
  const queryDictionary = packFullDictionary(options.ipadic);
  const wanted = synonymCandidates(options.sudachi);
  if (options.edict) for (const f of edictCandidates(options.edict)) wanted.add(f);
  const salt = createHash('sha256').update(`${ANALYSIS_VERSION}\u0000`).update(queryDictionary).update([...wanted].sort().join('\n')).digest('hex');
  const plans = planSegments(programs, salt);
  const cached = await Promise.all(plans.map((p) => options.cache?.get(p.key) ?? null));
  const missing = plans.filter((_, i) => !cached[i]);
  const analysis = analyseSegments(missing.map((p) => p.chunks), { dictionary: queryDictionary, wanted, threads: options.threads, onProgress: options.onAnalysis });
  // While the threads analyse, this one reads what IPADIC gives every corpus alike (readings.ts caches it).
  dictionaryReadings(options.ipadic);
  const analysed = await analysis;
  await Promise.all(missing.map((p, i) => options.cache?.put(p.key, analysed[i]!)));
  let next = 0;
  const segments = cached.map((c) => c ?? analysed[next++]!);
  const { lexical: lexicalParts, seen, phrases } = mergeAnalysis(segments);
  const lexical = new LexicalIndex(lexicalParts);
  const readings = readingTable(options.ipadic, seen, (w) => lexical.hasWord(w));
  const ja = synonymTableFrom(options.sudachi, phrases);
  // English glosses are kept for the corpus's words and for those a synonym or the lexicon takes to them.
  const reachable = options.edict && new Set([...phrases, ...Object.keys(ja), ...DOMAIN_LEXICON.flatMap((e) => ('terms' in e ? e.terms : (e as readonly string[])).map(compact))]);
  const synonyms = { ja, en: options.edict && reachable ? englishTableFrom(options.edict, reachable, (t) => (phrases.has(t) ? termIdf(lexical, t) : null)) : {} };

  let vectors: StoredVectors;
  let embedder: { id: string; dimensions: number };
  if (options.embeddings) {
    const rows = await options.embeddings.embedDocuments(chunks.map(indexedText));
    const dimensions = rows[0]?.length ?? 0;
    vectors = { kind: 'float32', dimensions, matrix: Float32Array.from(rows.flat()) };
    embedder = { id: options.embeddings.id ?? 'openai', dimensions };
  } else {
    const dimensions = LOCAL_EMBEDDINGS_DEFAULTS.dimensions;
    vectors = { kind: 'quantized', ...documentVectors(lexical, dimensions) };
    embedder = { id: localEmbedderId(dimensions), dimensions };
  }

  return {
    parts: {
      manifest: {
        formatVersion: FORMAT_VERSION,
        analyzer: ANALYZER_ID,
        embedder,
        corpusHash: corpus.hash,
        counts: { documents: corpus.documents.length + corpus.catalogs.length + corpus.files.length, programs: programs.length, chunks: chunks.length, windows: lexical.windowCount },
      },
      catalog: { programs, unplaced },
      chunks,
      lexical: lexicalParts,
      synonyms,
      readings,
      vectors,
      queryDictionary,
    },
    problems,
    segments: { keys: plans.map((p) => p.key), analysed: missing.length },
  };
}

/**
 * How rare a corpus phrase is: a word's idf; for a phrase of several words, that of its rarest bigram
 * (the phrase is no more used than it), bounding it from below.
 */
function termIdf(lexical: LexicalIndex, term: string): number {
  if (lexical.hasWord(term)) return lexical.idf('words', term);
  return Math.max(0, ...charBigrams(term).map((g) => lexical.idf('grams', g)));
}
