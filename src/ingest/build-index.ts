import type { Embeddings } from '@langchain/core/embeddings';
import { createAnalyzer } from '../text/analyzer.js';
import { openQueryDictionary } from '../text/query-dictionary.js';
import { chunkPrograms, indexedText } from '../text/chunk.js';
import { synonymTableFrom, type SudachiGroup } from '../text/synonyms.js';
import { FORMAT_VERSION, type IndexParts } from '../vectors/artifact.js';
import { LexicalIndex } from '../vectors/lexical-index.js';
import { LocalEmbeddings } from '../vectors/local-embeddings.js';
import { packFullDictionary, type IpadicFiles } from './query-dictionary.js';
import { noteEntries, readingTable } from './readings.js';
import type { Corpus, CorpusProblem } from './read-corpus.js';
import { readPrograms, type FileRead } from './read-programs.js';

export interface BuildOptions {
  /** kuromoji's full IPADIC: the index carries it, packed, and it analyses the corpus. */
  ipadic: IpadicFiles;
  sudachi: SudachiGroup[];
  /** An embedder other than the local one (OpenAI); given the lexical index, the local one is made here. */
  embeddings?: Embeddings & { id?: string };
  /** Told as each file is read. */
  onFile?: (read: FileRead) => void;
}

export interface Built {
  parts: Omit<IndexParts, 'manifest'> & { manifest: Omit<IndexParts['manifest'], 'files' | 'createdAt'> };
  vectors: number[][];
  problems: CorpusProblem[];
}

/** Corpus → programs → chunks → BM25 postings, synonym and readings tables, vectors and query dictionary, all in memory. */
export async function buildIndex(corpus: Corpus, options: BuildOptions): Promise<Built> {
  const { programs, unplaced, problems } = await readPrograms(corpus, options.onFile);

  const chunks = chunkPrograms(programs);
  // The corpus is analysed through the dictionary the index carries: as every question will be.
  const queryDictionary = packFullDictionary(options.ipadic);
  const { morphology, seen } = noteEntries(openQueryDictionary(queryDictionary));
  const analyzer = createAnalyzer(morphology);
  const texts = chunks.map(indexedText);
  const { index: lexical, analyses } = LexicalIndex.build(analyzer, texts, chunks.map((c) => c.programTitle));
  const readings = readingTable(options.ipadic, seen, (w) => lexical.hasWord(w));

  const phrases = new Set(analyses.flatMap((a) => a.phrases));
  const synonyms = synonymTableFrom(options.sudachi, phrases);

  const embeddings = options.embeddings ?? new LocalEmbeddings({ analyzer, idf: (view, term) => lexical.idf(view, term) });
  const vectors = await embeddings.embedDocuments(texts);
  const dimensions = vectors[0]?.length ?? (embeddings instanceof LocalEmbeddings ? embeddings.dimensions : 0);
  const embedderId = embeddings instanceof LocalEmbeddings ? embeddings.id : (options.embeddings?.id ?? 'openai');

  return {
    parts: {
      manifest: {
        formatVersion: FORMAT_VERSION,
        analyzer: analyzer.id,
        embedder: { id: embedderId, dimensions },
        corpusHash: corpus.hash,
        counts: { documents: corpus.documents.length + corpus.catalogs.length + corpus.files.length, programs: programs.length, chunks: chunks.length, windows: lexical.windowCount },
      },
      catalog: { programs, unplaced },
      chunks,
      lexical: lexical.toJSON(),
      synonyms,
      readings,
      vectors: Float32Array.from(vectors.flat()),
      queryDictionary,
    },
    vectors,
    problems,
  };
}
