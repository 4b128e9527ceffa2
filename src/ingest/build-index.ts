import type { Embeddings } from '@langchain/core/embeddings';
import { ANALYZER_ID } from '../text/analyzer.js';
import { chunkPrograms, indexedText } from '../text/chunk.js';
import { DOMAIN_LEXICON } from '../text/domain-lexicon.js';
import { charBigrams } from '../text/ngrams.js';
import { compact } from '../text/normalize.js';
import { FORMAT_VERSION, type IndexParts, type Manifest, type StoredVectors } from '../vectors/artifact.js';
import { LexicalIndex } from '../vectors/lexical-index.js';
import { documentVectors, LOCAL_EMBEDDINGS_DEFAULTS, localEmbedderId } from '../vectors/local-embeddings.js';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { analyseEach, prepareThreads, sharedBytes, type AnalysisProgress } from './analysis-pool.js';
import type { SegmentCache, StoredSegment } from './segment-cache.js';
import { planGroups, planSegments, type GroupPlan } from './segments.js';
import { mergeAnalysis, mergeStored } from './merge-analysis.js';
import { keptEnglishTable, keptSynonymTable } from './kept-tables.js';
import { edictId } from './edict.js';
import type { EdictGlosses } from '../text/english-table.js';
import { readingTable, readingUses } from './readings.js';
import type { Corpus, CorpusProblem } from './read-corpus.js';
import { readPrograms, type FileRead } from './read-programs.js';
import { chunkTexts, programAt, programsOf, type FilePrograms, type ProgramEntry } from './program-files.js';
import type { Unplaced } from '../catalog.js';
import { dictionaryTables, phraseTable, synonymTables, type DictionaryTables, type IpadicInput, type SudachiInput, type TableCache } from './tables.js';

/** Bump when the analysis of a segment changes: cached segments of another version are then analysed again. */
const ANALYSIS_VERSION = 'segment/2';

export interface BuildOptions {
  /** kuromoji's full IPADIC (or a source of it, loaded only when needed): the index carries it, packed, and it analyses the corpus. */
  ipadic: IpadicInput;
  /** The Sudachi synonym groups, or a source of them (loaded only when `tables` holds nothing made from them). */
  sudachi: SudachiInput;
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
  /** Tables an earlier build made from the same dictionaries. */
  tables?: TableCache;
  /** Where the tables made from the dictionaries alone are kept for every index (`machineTables`); by default in `tables`. */
  machine?: TableCache | null;
}

export interface Built {
  parts: Omit<IndexParts, 'manifest'> & { manifest: Omit<IndexParts['manifest'], 'files' | 'createdAt' | 'dictionary'> };
  /** `parts.catalog` as JSON, gzipped: catalog.json.gz, compressed on the thread pool from the moment the programs are read. */
  catalogGzip: Promise<Uint8Array>;
  /** The programs, as the report names them. */
  programs: ProgramEntry[];
  unplaced: Unplaced[];
  /** How the manifest names the query dictionary (`parts.queryDictionary`). */
  dictionary: Manifest['dictionary'];
  problems: CorpusProblem[];
  /** The keys of the build's segments, and how many of them were analysed (the others came from the cache). */
  segments: { keys: string[]; analysed: number };
  /** What the segment cache keeps for the next build: the segments and the groups of them, merged. */
  kept: string[];
  /** The tables (`TableCache`) the build used. */
  tables: string[];
}

/**
 * Corpus → programs → chunks → postings (analysed segment by segment, in threads, then merged), synonym
 * and readings tables, vectors and the query dictionary, all in memory.
 */
export async function buildIndex(corpus: Corpus, options: BuildOptions): Promise<Built> {
  const tables = options.tables ?? null;
  if (corpusBytes(corpus) >= THREADS_FROM_BYTES) prepareThreads();
  const shared = options.machine ?? tables;
  const [dictionary, synonyms, read] = await Promise.all([dictionaryTables(options.ipadic, shared).then(heldOnce), synonymTables(options.sudachi, shared), readPrograms(corpus, options.onFile, tables)]);
  const { files, problems } = read;
  const entries = files.flatMap((f) => f.entries);
  const located = files.flatMap((file) => file.entries.map((_, i) => ({ file, i })));
  const unplaced = files.flatMap((f) => f.unplaced);
  // While the analysis and the merge go on in this thread, the catalog is compressed on another, in one
  // piece: zlib hands each output chunk (16 KB by default) back to this thread before going on, and this
  // thread, busy merging, would leave the compression waiting for seconds.
  const json = catalogJson(files, unplaced);
  const catalogGzip = promisify(gzip)(json, { level: 4, chunkSize: Math.max(1 << 16, json.byteLength) });
  catalogGzip.catch(() => {}); // awaited, and so told, where the index is written
  // The programs themselves are parsed back only where needed: a segment to analyse, an embedder, a caller.
  const programs = once(() => programsOf(files));
  const chunks = once(() => chunkPrograms(programs()));
  const catalog = once(() => ({ programs: programs(), unplaced }));
  // The corpus is analysed through the dictionary the index carries: as every question will be.
  // EDICT's headwords are looked for in the corpus too: the English table keeps glosses of those it uses.
  const lookedFor = phraseTable(synonyms, options.edict ?? null, shared);
  const salt = createHash('sha256').update(`${ANALYSIS_VERSION}\u0000${dictionary.entry.sha256}\u0000${synonyms.wantedHash}\u0000`).update(options.edict ? `edict ${edictId(options.edict)}` : '').digest('hex');
  const plans = planSegments(entries, salt);
  const groups = planGroups(plans);
  // A group kept whole is used whole; only the segments of the other groups are read or analysed.
  const kept = await Promise.all(groups.map((g) => options.cache?.get(g.key) ?? null));
  const needed = groups.filter((_, i) => !kept[i]).flatMap((g) => g.segments);
  const stored = new Map<number, StoredSegment>();
  await Promise.all(needed.map(async (i) => {
    const s = await options.cache?.get(plans[i]!.key);
    if (s) stored.set(i, s);
  }));
  const mergeGroup = (g: GroupPlan): Promise<StoredSegment> => {
    const members = g.segments.map((s) => stored.get(s)!);
    const group = members.length === 1 ? members[0]! : mergeStored(members);
    // The group holds what its segments did: each is let go once written.
    for (const s of g.segments) stored.delete(s);
    const done = (options.cache?.put(g.key, group) ?? Promise.resolve()).then(() => group);
    done.catch(() => {}); // awaited below, with the others
    return done;
  };
  const missing = needed.filter((i) => !stored.has(i));
  // A group is merged and kept once its last segment is there: while the threads analyse the others.
  const waiting = groups.map((g, i) => (kept[i] ? 0 : g.segments.filter((s) => !stored.has(s)).length));
  const groupOf = new Map(groups.flatMap((g, i) => g.segments.map((s) => [s, i] as const)));
  const merging = groups.map((g, i) => (kept[i] ? Promise.resolve(kept[i]) : waiting[i] ? null : mergeGroup(g)));
  const writes: Promise<void>[] = [];
  if (missing.length > 0) {
    const [readings, wanted] = await Promise.all([dictionary.readingOf, lookedFor.table()]);
    // Each segment's chunks are made as a thread is about to take it; its programs' JSON tells how large it is.
    const segmentsIn = missing.map((i) => {
      const programs = located.slice(plans[i]!.from, plans[i]!.to);
      return { chunks: plans[i]!.chunks, size: programs.reduce((n, { file, i: at }) => n + file.starts[at + 1]! - file.starts[at]!, 0), texts: () => programs.flatMap(({ file, i: at }) => chunkTexts(programAt(file, at))) };
    });
    await analyseEach(segmentsIn, { dictionary: dictionary.bytes, wanted, threads: options.threads, onProgress: options.onAnalysis }, (n, { seen, ...segment }) => {
      const i = missing[n]!;
      const s = { ...segment, readings: readingUses(readings, { known: new Map(seen.known), unknown: new Map(seen.unknown) }) };
      stored.set(i, s);
      if (options.cache) writes.push(options.cache.put(plans[i]!.key, s));
      const g = groupOf.get(i)!;
      if (--waiting[g]! === 0) merging[g] = mergeGroup(groups[g]!);
    });
  }
  await Promise.all(writes);
  const merged = await Promise.all(merging as Promise<StoredSegment>[]);
  const { lexical: lexicalParts, phrases } = mergeAnalysis(merged);
  const lexical = new LexicalIndex(lexicalParts);
  const readings = readingTable(merged.map((s) => s.readings), (w) => lexical.hasWord(w), dictionary.readings);
  // Both tables are read back from `tables` where what they are made of is unchanged (kept-tables.ts).
  const ja = await keptSynonymTable(tables, synonyms.name, synonyms.groups, phrases);
  // English glosses are kept for the corpus's words and for those a synonym or the lexicon takes to them.
  const reachable = () => new Set([...phrases, ...Object.keys(ja.table), ...DOMAIN_LEXICON.flatMap((e) => ('terms' in e ? e.terms : (e as readonly string[])).map(compact))]);
  const en = options.edict ? await keptEnglishTable(tables, options.edict, reachable(), (t) => (phrases.has(t) ? termIdf(lexical, t) : null)) : { table: {}, name: null };
  const synonymTable = { ja: ja.table, en: en.table };

  let vectors: StoredVectors;
  let embedder: { id: string; dimensions: number };
  if (options.embeddings) {
    const rows = await options.embeddings.embedDocuments(chunks().map(indexedText));
    const dimensions = rows[0]?.length ?? 0;
    vectors = { kind: 'float32', dimensions, matrix: Float32Array.from(rows.flat()) };
    embedder = { id: options.embeddings.id ?? 'openai', dimensions };
  } else {
    const dimensions = LOCAL_EMBEDDINGS_DEFAULTS.dimensions;
    vectors = { kind: 'quantized', ...documentVectors(lexical, dimensions, merged.map((g) => g.views)) };
    embedder = { id: localEmbedderId(dimensions), dimensions };
  }

  const chunkCount = entries.reduce((n, e) => n + e.chunks, 0);
  return {
    parts: {
      manifest: {
        formatVersion: FORMAT_VERSION,
        analyzer: ANALYZER_ID,
        embedder,
        corpusHash: corpus.hash,
        counts: { documents: corpus.documents.length + corpus.catalogs.length + corpus.files.length, programs: entries.length, chunks: chunkCount, windows: lexical.windowCount },
      },
      get catalog() {
        return catalog();
      },
      get chunks() {
        return chunks();
      },
      lexical: lexicalParts,
      synonyms: synonymTable,
      readings,
      vectors,
      queryDictionary: dictionary.bytes,
    },
    catalogGzip,
    programs: entries,
    unplaced,
    dictionary: dictionary.entry,
    problems,
    segments: { keys: plans.map((p) => p.key), analysed: missing.length },
    kept: [...plans.map((p) => p.key), ...groups.map((g) => g.key)],
    tables: [...dictionary.names, synonyms.name, lookedFor.name, ...read.cached, ...[ja.name, en.name].filter((n) => n !== null)],
  };
}

/** About the size from which a corpus is analysed in threads (some 3,000 chunks). */
const THREADS_FROM_BYTES = 2 * 1024 * 1024;

function corpusBytes(corpus: Corpus): number {
  return [...corpus.catalogs, ...corpus.files].reduce((n, f) => n + f.bytes.byteLength, 0) + corpus.documents.reduce((n, d) => n + 3 * d.text.length, 0);
}

/** `JSON.stringify({ programs, unplaced })` of the catalog, from each file's programs' JSON as it was kept. */
function catalogJson(files: readonly FilePrograms[], unplaced: Unplaced[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode('{"programs":[')];
  for (const f of files) {
    if (!f.json.length) continue;
    if (parts.length > 1) parts.push(encoder.encode(','));
    parts.push(f.json);
  }
  parts.push(encoder.encode(`],"unplaced":${JSON.stringify(unplaced)}}`));
  return Buffer.concat(parts);
}

/**
 * The dictionary's tables with its bytes taken once, into the SharedArrayBuffer the analysis threads
 * read (`sharedBytes`), and its readings asked for: nothing then holds a second 41 MB copy.
 */
async function heldOnce(tables: DictionaryTables & { names: string[] }) {
  const { entry, names, readings } = tables;
  const readingOf = tables.readingOf();
  readingOf.catch(() => {}); // awaited, and so told, only where a segment is analysed
  return { entry, names, readings, bytes: sharedBytes(await tables.bytes()), readingOf };
}

function once<T>(f: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: f() }).v;
}

/**
 * How rare a corpus phrase is: a word's idf; for a phrase of several words, that of its rarest bigram
 * (the phrase is no more used than it), bounding it from below.
 */
function termIdf(lexical: LexicalIndex, term: string): number {
  if (lexical.hasWord(term)) return lexical.idf('words', term);
  return Math.max(0, ...charBigrams(term).map((g) => lexical.idf('grams', g)));
}
