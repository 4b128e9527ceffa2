import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { createTokenizer as oramaJapanese } from '@orama/tokenizers/japanese';
import MiniSearch from 'minisearch';
import { readIpadic } from '../../src/adapter/node/ipadic.js';
import { loadKuromoji } from '../../src/adapter/node/kuromoji.js';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { parseConfig } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import { createAnalyzer } from '../../src/text/analyzer.js';
import type { Morphology } from '../../src/text/morphemes.js';
import { normalize } from '../../src/text/normalize.js';
import { Bm25 } from '../../src/vectors/bm25.js';
import { loadJsquad, writeJsquadCorpus, type Jsquad } from './jsquad.js';

export interface RetrievalRow {
  system: string;
  r1: number;
  r5: number;
  mrr10: number;
  msPerQuery: number;
  buildMs: number;
}

type Ranker = (question: string) => Promise<number[]> | number[];

const WARM_UP = 300;

async function measure(system: string, jsquad: Jsquad, build: () => Promise<Ranker>): Promise<RetrievalRow> {
  const t0 = performance.now();
  const rank = await build();
  const buildMs = performance.now() - t0;
  // Every system gets the same warm-up (JIT, caches) before it is timed: steady-state figures.
  for (const { question } of jsquad.questions.slice(0, WARM_UP)) await rank(question);
  let r1 = 0, r5 = 0, mrr = 0;
  const t1 = performance.now();
  for (const { question, paragraph } of jsquad.questions) {
    const ranked = await rank(question);
    const at = ranked.indexOf(paragraph);
    if (at === 0) r1++;
    if (at >= 0 && at < 5) r5++;
    if (at >= 0 && at < 10) mrr += 1 / (at + 1);
  }
  const n = jsquad.questions.length;
  return { system, r1: r1 / n, r5: r5 / n, mrr10: mrr / n, msPerQuery: (performance.now() - t1) / n, buildMs };
}

/** madoguchi: the real ingest (generic documents) and the real retriever, chunk-level ranking. */
async function madoguchi(jsquad: Jsquad, work: string): Promise<Ranker> {
  const corpusDir = join(work, 'corpus');
  const indexDir = join(work, 'index');
  const lines = await writeJsquadCorpus(jsquad, corpusDir);
  await ingest({ corpusDir, indexDir, ipadic: await readIpadic() });
  const engine = await openEngine(parseConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }));
  return async (q) => (await engine.retriever.search(q, 10)).map((h) => lines.get(h.chunk.source.document)!.get(h.chunk.source.lines![0])!);
}

const baseForms = (m: Morphology, text: string) =>
  m.tokenize(normalize(text)).filter((t) => t.pos !== '記号').map((t) => (t.basic_form !== '*' ? t.basic_form : t.surface_form));

async function miniSearchPeer(jsquad: Jsquad, m: Morphology): Promise<Ranker> {
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: (s) => baseForms(m, s) });
  ms.addAll(jsquad.paragraphs.map((p, id) => ({ id, text: `${p.title} ${p.text}` })));
  return (q) => ms.search(q).slice(0, 10).map((r) => r.id as number);
}

async function oramaPeer(jsquad: Jsquad): Promise<Ranker> {
  const db = create({ schema: { text: 'string', pid: 'number' } as const, components: { tokenizer: oramaJapanese() } });
  await insertMultiple(db, jsquad.paragraphs.map((p, pid) => ({ text: `${p.title} ${p.text}`, pid })));
  return async (q) => (await oramaSearch(db, { term: q, limit: 10 })).hits.map((h) => h.document.pid as number);
}

async function textbookBm25(jsquad: Jsquad, m: Morphology): Promise<Ranker> {
  const bm25 = Bm25.build(jsquad.paragraphs.map((p) => baseForms(m, `${p.title} ${p.text}`)), { k1: 1.2, b: 0.75 });
  return (q) => {
    const scores = bm25.score(baseForms(m, q).map((term) => ({ term, weight: 1 })));
    return [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 10);
  };
}

/** JSQuAD valid: every paragraph indexed, every question asked, madoguchi and its peers in one run. */
export async function retrievalBench(): Promise<RetrievalRow[]> {
  const jsquad = loadJsquad();
  const m = await loadKuromoji();
  const work = await mkdtemp(join(tmpdir(), 'madoguchi-jsquad-'));
  try {
    return [
      await measure('madoguchi (hybrid)', jsquad, () => madoguchi(jsquad, work)),
      await measure('MiniSearch + kuromoji', jsquad, () => miniSearchPeer(jsquad, m)),
      await measure('Orama + japanese tokenizer', jsquad, () => oramaPeer(jsquad)),
      await measure('textbook BM25 + kuromoji', jsquad, () => textbookBm25(jsquad, m)),
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
