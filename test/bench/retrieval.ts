import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { createTokenizer as oramaJapanese } from '@orama/tokenizers/japanese';
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { readIpadic } from '../../src/adapter/node/ipadic.js';
import { loadKuromoji } from '../../src/adapter/node/kuromoji.js';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import { parseConfig } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import type { Morphology } from '../../src/text/morphemes.js';
import { normalize } from '../../src/text/normalize.js';
import { Bm25 } from '../../src/vectors/bm25.js';
import { groonga, hasGroonga } from './groonga.js';
import { loadJsquad, writeJsquadCorpus } from './jsquad.js';
import { loadMirasapo, sameTitle, writeMirasapoCorpus } from './mirasapo.js';

/** A system's figures; a row that only reports top-1 leaves the rest out. */
export interface RetrievalRow {
  system: string;
  r1: number;
  r5?: number;
  mrr10?: number;
  msPerQuery?: number;
  buildMs?: number;
}

/** A question → what the system ranks for it (paragraph ids, program titles), best first. */
type Ranker<T> = (question: string) => Promise<T[]> | T[];

/** A question and which of the ranked answers count as right for it. */
interface Case<T> {
  question: string;
  accepts: (answer: T) => boolean;
}

const WARM_UP = 300;

async function measure<T>(system: string, cases: Case<T>[], build: () => Promise<Ranker<T>>): Promise<RetrievalRow> {
  const t0 = performance.now();
  const rank = await build();
  const buildMs = performance.now() - t0;
  // Every system gets the same warm-up (JIT, caches) before it is timed: steady-state figures.
  for (const { question } of cases.slice(0, WARM_UP)) await rank(question);
  let r1 = 0, r5 = 0, mrr = 0;
  const t1 = performance.now();
  for (const { question, accepts } of cases) {
    const at = (await rank(question)).findIndex(accepts);
    if (at === 0) r1++;
    if (at >= 0 && at < 5) r5++;
    if (at >= 0 && at < 10) mrr += 1 / (at + 1);
  }
  const n = cases.length;
  return { system, r1: r1 / n, r5: r5 / n, mrr10: mrr / n, msPerQuery: (performance.now() - t1) / n, buildMs };
}

/** The real ingest of `work`/corpus into `work`/index, opened as the server opens it. */
async function openWork(work: string): Promise<SearchEngine> {
  const corpusDir = join(work, 'corpus');
  const indexDir = join(work, 'index');
  await ingest({ corpusDir, indexDir, ipadic: await readIpadic() });
  return openEngine(parseConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }));
}

const baseForms = (m: Morphology, text: string) =>
  m.tokenize(normalize(text)).filter((t) => t.pos !== '記号').map((t) => (t.basic_form !== '*' ? t.basic_form : t.surface_form));

/** The question's nouns, verbs and adjectives as written (particles and endings would match every document). */
const contentWords = (m: Morphology, text: string) =>
  m.tokenize(normalize(text)).filter((t) => ['名詞', '動詞', '形容詞'].includes(t.pos) && t.pos_detail_1 !== '非自立').map((t) => t.surface_form);

/** Overlapping 2-character windows of the NFKC text without its white space. */
const bigrams = (text: string) => {
  const cs = [...text.normalize('NFKC').replace(/\s+/g, '')];
  return cs.slice(1).map((c, i) => cs[i]! + c);
};

async function miniSearchPeer(docs: string[], m: Morphology): Promise<Ranker<number>> {
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: (s) => baseForms(m, s) });
  ms.addAll(docs.map((text, id) => ({ id, text })));
  return (q) => ms.search(q).slice(0, 10).map((r) => r.id as number);
}

async function oramaPeer(docs: string[]): Promise<Ranker<number>> {
  const db = create({ schema: { text: 'string', pid: 'number' } as const, components: { tokenizer: oramaJapanese() } });
  await insertMultiple(db, docs.map((text, pid) => ({ text, pid })));
  return async (q) => (await oramaSearch(db, { term: q, limit: 10 })).hits.map((h) => h.document.pid as number);
}

async function textbookBm25(docs: string[], tokens: (text: string) => string[]): Promise<Ranker<number>> {
  const bm25 = Bm25.build(docs.map(tokens), { k1: 1.2, b: 0.75 });
  return (q) => {
    const scores = bm25.score(tokens(q).map((term) => ({ term, weight: 1 })));
    return [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 10);
  };
}

/** Distinct 3-character windows of the NFKC text without its white space, as FTS5 phrases. */
const trigramQuery = (text: string) => {
  const cs = [...text.normalize('NFKC').replace(/\s+/g, '')];
  const grams = new Set(cs.slice(2).map((c, i) => cs[i]! + cs[i + 1]! + c));
  return [...grams].map((g) => `"${g.replaceAll('"', '""')}"`).join(' OR ');
};

/** SQLite FTS5 with its trigram tokenizer: any of the question's trigrams, ranked by FTS5's bm25. */
async function fts5Trigram(docs: string[]): Promise<Ranker<number>> {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE docs USING fts5(text, tokenize = 'trigram')");
  const insert = db.prepare('INSERT INTO docs (rowid, text) VALUES (?, ?)');
  db.transaction(() => docs.forEach((text, id) => insert.run(id, text.normalize('NFKC'))))();
  const search = db.prepare<[string], { id: number }>('SELECT rowid AS id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10');
  return (q) => {
    const match = trigramQuery(q);
    return match ? search.all(match).map((r) => r.id) : [];
  };
}

/** Groonga's figures, its server process stopped after. */
async function groongaRow<T>(docs: string[], work: string, m: Morphology, ranker: (rank: Promise<Ranker<number>>) => Promise<Ranker<T>>, cases: Case<T>[]): Promise<RetrievalRow> {
  let db: Awaited<ReturnType<typeof groonga>> | undefined;
  try {
    return await measure('Groonga (TokenBigram)', cases, async () => {
      db = await groonga(docs, work, (q) => contentWords(m, q));
      return ranker(Promise.resolve((q: string) => db!.search(q)));
    });
  } finally {
    db?.close();
  }
}

/** JSQuAD valid: every paragraph indexed, every question asked, madoguchi and its peers in one run. */
export async function retrievalBench(): Promise<RetrievalRow[]> {
  const jsquad = loadJsquad();
  const m = await loadKuromoji();
  const cases = jsquad.questions.map(({ question, paragraph }) => ({ question, accepts: (p: number) => p === paragraph }));
  const docs = jsquad.paragraphs.map((p) => `${p.title} ${p.text}`);
  const work = await mkdtemp(join(tmpdir(), 'madoguchi-jsquad-'));
  try {
    return [
      // madoguchi ranks chunks; a chunk's source lines map back to its paragraph.
      await measure('madoguchi (hybrid)', cases, async () => {
        const lines = await writeJsquadCorpus(jsquad, join(work, 'corpus'));
        const engine = await openWork(work);
        return async (q) => (await engine.retriever.search(q, 10)).map((h) => lines.get(h.chunk.source.document)!.get(h.chunk.source.lines![0])!);
      }),
      await measure('MiniSearch + kuromoji', cases, () => miniSearchPeer(docs, m)),
      await measure('Orama + japanese tokenizer', cases, () => oramaPeer(docs)),
      await measure('textbook BM25 + kuromoji', cases, () => textbookBm25(docs, (s) => baseForms(m, s))),
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** ミラサポplus: every program indexed, every "need" question asked, judged by program title. */
export async function mirasapoBench(): Promise<RetrievalRow[]> {
  const mirasapo = loadMirasapo();
  const m = await loadKuromoji();
  const cases = mirasapo.needs.map(({ question, programs }) => ({ question, accepts: (title: string) => programs.some((p) => sameTitle(title, p)) }));
  const docs = mirasapo.programs.map((p) => p.text);
  const titled = async (peer: Promise<Ranker<number>>): Promise<Ranker<string>> => {
    const rank = await peer;
    return async (q) => (await rank(q)).map((id) => mirasapo.programs[id]!.title);
  };
  const work = await mkdtemp(join(tmpdir(), 'madoguchi-mirasapo-'));
  try {
    let engine!: SearchEngine;
    const hybrid = await measure('madoguchi (hybrid)', cases, async () => {
      await writeMirasapoCorpus(join(work, 'corpus'));
      engine = await openWork(work);
      return async (q) => (await engine.retriever.searchPrograms(q, 10)).map((h) => h.chunk.programTitle);
    });
    // The product figure: the program the answer cites first, over the same index.
    const answerer = createExtractiveAnswerer(engine);
    const { r1 } = await measure('', cases, async () => async (question) => {
      const title = (await answerer.answer({ question, history: [], mode: 'answer' })).citations[0]?.program.title;
      return title === undefined ? [] : [title];
    });
    return [
      hybrid,
      { system: "madoguchi (answer's first citation)", r1 },
      await measure('MiniSearch + kuromoji', cases, () => titled(miniSearchPeer(docs, m))),
      await measure('textbook BM25 + kuromoji', cases, () => titled(textbookBm25(docs, (s) => baseForms(m, s)))),
      await measure('BM25 + character bigrams', cases, () => titled(textbookBm25(docs, bigrams))),
      await measure('SQLite FTS5 trigram', cases, () => titled(fts5Trigram(docs))),
      ...(hasGroonga() ? [await groongaRow(docs, work, m, (rank) => titled(rank), cases)] : [{ system: 'Groonga: not installed (apt-get install groonga-bin)', r1: Number.NaN }]),
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
