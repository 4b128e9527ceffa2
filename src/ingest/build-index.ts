import type { Embeddings } from '@langchain/core/embeddings';
import type { Program, Unplaced } from '../catalog.js';
import { createAnalyzer } from '../text/analyzer.js';
import { openQueryDictionary } from '../text/query-dictionary.js';
import { chunkPrograms, indexedText } from '../text/chunk.js';
import { synonymTableFrom, type SudachiGroup } from '../text/synonyms.js';
import { FORMAT_VERSION, type IndexParts } from '../vectors/artifact.js';
import { LexicalIndex } from '../vectors/lexical-index.js';
import { LocalEmbeddings } from '../vectors/local-embeddings.js';
import { readCatalog } from './catalog-file.js';
import { recordProgram } from './catalog-program.js';
import { parseGenericDocument } from './generic-document.js';
import { readHtmlDocument } from './html-document.js';
import { readPdfDocument } from './pdf-document.js';
import { packFullDictionary, type IpadicFiles } from './query-dictionary.js';
import { isProgramDocument, parseProgramDocument } from './program-document.js';
import type { Corpus, CorpusProblem } from './read-corpus.js';

export interface BuildOptions {
  /** kuromoji's full IPADIC: the index carries it, packed, and it analyses the corpus. */
  ipadic: IpadicFiles;
  sudachi: SudachiGroup[];
  /** An embedder other than the local one (OpenAI); given the lexical index, the local one is made here. */
  embeddings?: Embeddings & { id?: string };
}

export interface Built {
  parts: Omit<IndexParts, 'manifest'> & { manifest: Omit<IndexParts['manifest'], 'files' | 'createdAt'> };
  vectors: number[][];
  problems: CorpusProblem[];
}

/** Corpus → programs → chunks → BM25 postings, synonym table, vectors and query dictionary, all in memory. */
export async function buildIndex(corpus: Corpus, options: BuildOptions): Promise<Built> {
  const programs: Program[] = [];
  const unplaced: Unplaced[] = [];
  const problems = [...corpus.problems];
  for (const file of corpus.catalogs) {
    const read = readCatalog(file.path, file.bytes, file.fieldMap);
    problems.push(...read.problems);
    programs.push(...read.records.map((r) => recordProgram(file.path, r)));
  }
  for (const file of corpus.files) {
    const read = /\.pdf$/i.test(file.path) ? await readPdfDocument(file.path, file.bytes) : readHtmlDocument(file.path, file.bytes);
    problems.push(...read.problems);
    if (read.program) programs.push(read.program);
  }
  for (const doc of corpus.documents) {
    if (isProgramDocument(doc.text)) {
      const parsed = parseProgramDocument(doc.path, doc.text);
      programs.push(...parsed.programs);
      unplaced.push(...parsed.unplaced);
      if (parsed.programs.length === 0) problems.push({ document: doc.path, reason: 'budget lines found but no program could be read' });
    } else {
      const generic = parseGenericDocument(doc.path, doc.text);
      if (generic) programs.push(generic);
      else problems.push({ document: doc.path, reason: 'no paragraphs to index' });
    }
  }

  const chunks = chunkPrograms(programs);
  // The corpus is analysed through the dictionary the index carries: as every question will be.
  const queryDictionary = packFullDictionary(options.ipadic);
  const analyzer = createAnalyzer(openQueryDictionary(queryDictionary));
  const texts = chunks.map(indexedText);
  const { index: lexical, analyses } = LexicalIndex.build(analyzer, texts, chunks.map((c) => c.programTitle));

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
      vectors: Float32Array.from(vectors.flat()),
      queryDictionary,
    },
    vectors,
    problems,
  };
}
