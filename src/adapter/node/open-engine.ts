import type { Embeddings } from '@langchain/core/embeddings';
import type { Config } from '../../config.js';
import { isAppError } from '../../errors.js';
import { englishMissing, ingest } from '../../ingest/ingest.js';
import { corpusHash } from '../../ingest/read-corpus.js';
import { createEngine, type SearchEngine } from '../../retrieve/engine.js';
import { ANALYZER_ID, createAnalyzer } from '../../text/analyzer.js';
import { openQueryDictionary } from '../../text/query-dictionary.js';
import { createServiceEmbeddings } from '../../vectors/service-embeddings.js';
import { ipadicSource } from './ipadic.js';
import { loadIndex, readManifest, type LoadedIndex } from './load-index.js';

export interface OpenOptions {
  /** Rebuild the index first when it is missing or was built from another corpus (npm start does). */
  rebuild?: boolean;
  log?: (line: string) => void;
}

/**
 * Loads INDEX_DIR into a search engine on Node: questions are analysed with the index's packed IPADIC,
 * vectors searched with HNSW. kuromoji's dictionary files are read only when the index must be rebuilt.
 */
export async function openEngine(config: Config, options: OpenOptions = {}): Promise<SearchEngine> {
  const { index, embeddings } = await openIndex(config, options);
  const analyzer = createAnalyzer(openQueryDictionary(index.queryDictionary));
  return createEngine({ parts: index, analyzer, vectors: index.hnsw ?? undefined, embeddings });
}

/** INDEX_DIR's build in service, checked (and rebuilt first when asked), with the embedder it was built with. */
export async function openIndex(config: Config, options: OpenOptions = {}): Promise<{ index: LoadedIndex; embeddings?: Embeddings }> {
  const embeddings = await createServiceEmbeddings(config.openai);
  const expected = { analyzer: ANALYZER_ID, embedder: embeddings?.id };
  if (options.rebuild) await rebuildIfStale(config, embeddings, expected, options.log ?? (() => {}));
  return { index: await loadIndex(config.indexDir, expected), embeddings };
}

/** Builds INDEX_DIR from CORPUS_DIR when it is missing or stale, without loading it (a cluster's primary serves nothing). */
export async function ensureIndex(config: Config, log: (line: string) => void = () => {}): Promise<void> {
  const embeddings = await createServiceEmbeddings(config.openai);
  await rebuildIfStale(config, embeddings, { analyzer: ANALYZER_ID, embedder: embeddings?.id }, log);
}

async function rebuildIfStale(config: Config, embeddings: Embeddings | undefined, expected: { analyzer: string; embedder?: string }, log: (line: string) => void): Promise<void> {
  const reason = await staleness(config, expected);
  if (!reason) return;
  log(`index ${reason}: building it from ${config.corpusDir}`);
  const report = await ingest({ corpusDir: config.corpusDir, indexDir: config.indexDir, ipadic: await ipadicSource(), embeddings, edictFile: config.edictFile });
  for (const p of report.problems) log(`  problem ${p.document}: ${p.reason}`);
  if (!report.english.file) log(`  ${englishMissing(config.edictFile)}`);
  log(`index built in ${report.ms.toFixed(0)} ms: ${report.folder ?? 'nothing usable'}`);
}

async function staleness(config: Config, expected: { analyzer: string; embedder?: string }): Promise<string | null> {
  try {
    const manifest = await readManifest(config.indexDir, expected);
    return manifest.corpusHash === (await corpusHash(config.corpusDir)) ? null : 'is older than the corpus';
  } catch (e) {
    if (isAppError(e)) return `unusable (${e.code})`;
    throw e;
  }
}
