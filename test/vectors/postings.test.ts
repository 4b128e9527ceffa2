import { describe, expect, it } from 'vitest';
import { analyseSegments } from '../../src/ingest/analysis-pool.js';
import { mergeAnalysis } from '../../src/ingest/merge-analysis.js';
import { packFullDictionary } from '../../src/ingest/query-dictionary.js';
import { readCorpus } from '../../src/ingest/read-corpus.js';
import { programsOf } from '../../src/ingest/program-files.js';
import { readPrograms } from '../../src/ingest/read-programs.js';
import { chunkPrograms } from '../../src/text/chunk.js';
import { Bm25 } from '../../src/vectors/bm25.js';
import { LexicalIndex } from '../../src/vectors/lexical-index.js';
import { addTermScores, eachPosting, mergeSegments, SegmentBuilder, sortByKey, StringIds, termIndex } from '../../src/vectors/postings.js';
import { termKey } from '../../src/vectors/term-key.js';
import { CORPUS, ipadic } from '../helpers.js';

const postingsOf = (p: ReturnType<typeof mergeSegments>, term: string) => {
  const out: [number, number][] = [];
  const t = termIndex(p, termKey(term));
  if (t >= 0) eachPosting(p, t, (doc, tf) => out.push([doc, tf]));
  return out;
};

describe('packed postings', () => {
  it('encode gaps and frequencies of any size, exactly', () => {
    const ids = new StringIds();
    const b = new SegmentBuilder();
    const docs = 70_000;
    for (let d = 0; d < docs; d++) b.add((d % 9_999 === 0 ? Array(300).fill('稀') : d % 2 ? ['奇'] : ['偶', '偶']).map((t) => ids.id(t)));
    const p = b.finish(ids);
    expect(postingsOf(p, '稀')).toEqual([0, 9_999, 19_998, 29_997, 39_996, 49_995, 59_994, 69_993].map((d) => [d, 300]));
    expect(postingsOf(p, '奇')).toHaveLength(docs / 2 - 4);
    expect(postingsOf(p, '偶').slice(0, 2)).toEqual([[2, 2], [4, 2]]);
    expect(postingsOf(p, 'なし')).toEqual([]);
  });

  it("adds each term's BM25 part exactly as the formula gives it, whatever the gaps and frequencies", () => {
    const ids = new StringIds();
    const b = new SegmentBuilder();
    const docs = 3_000;
    // Gaps of 1 to over 8,000 and frequencies of 1 to 300, in every term, the last one included.
    for (let d = 0; d < docs; d++) b.add(['a', 'b', 'c'].flatMap((t, k) => (d % (1 + k * 97) === 0 || d === 8 * k ? Array(1 + ((d * (k + 3)) % 7 === 0 ? 129 + (d % 171) : d % 3)).fill(t) : [])).map((t) => ids.id(t)));
    const p = b.finish(ids);
    const norms = Float64Array.from({ length: docs }, (_, d) => 0.3 + (d % 11) / 7);
    for (let t = 0; t < p.keys.length; t++) {
      const expected = new Float64Array(docs).fill(0.5);
      eachPosting(p, t, (doc, tf) => (expected[doc] = expected[doc]! + (1.7 * tf) / (tf + norms[doc]!)));
      const got = new Float64Array(docs).fill(0.5);
      addTermScores(p, t, 1.7, norms, got);
      expect(got).toEqual(expected);
    }
    const tfs = new Set<number>();
    eachPosting(p, termIndex(p, termKey('a')), (_doc, tf) => tfs.add(tf));
    expect(Math.max(...tfs)).toBeGreaterThanOrEqual(130);
  });

  it('orders ids by key as a stable sort does, equal keys in the order given', () => {
    const keys = [2 ** 52 + 7, 3, 2 ** 52 + 7, 0, 4294967296 * 5 + 3, 3, 9];
    const ids = [6, 0, 1, 2, 3, 4, 5];
    const stable = [...ids].sort((a, b) => keys[a]! - keys[b]!);
    expect(Array.from(sortByKey(ids, (id) => keys[id]!))).toEqual(stable);
    expect(stable).toEqual([3, 1, 5, 6, 4, 0, 2]);
    expect(Array.from(sortByKey([], () => 0))).toEqual([]);
  });

  it('merged segments are the postings of the whole, byte for byte', () => {
    const documents = Array.from({ length: 500 }, (_, d) => [`w${d % 7}`, `w${d % 13}`, `w${(d * d) % 31}`, ...(d % 50 === 0 ? ['w0', 'w0'] : [])]);
    const build = (docs: string[][]) => {
      const ids = new StringIds();
      const s = new SegmentBuilder();
      for (const terms of docs) s.add(terms.map((t) => ids.id(t)));
      return s.finish(ids);
    };
    const parts = [120, 121, 400, 500].map((end, i, ends) => build(documents.slice(i === 0 ? 0 : ends[i - 1], end)));
    expect(mergeSegments(parts)).toEqual(build(documents));
    // Merged segments merge again into the same postings.
    expect(mergeSegments([mergeSegments(parts.slice(0, 2)), mergeSegments(parts.slice(2))])).toEqual(build(documents));
  });
});

describe('term lookup', () => {
  it('finds every key of a view at its index and no key it lacks, however the keys lie', () => {
    const ids = new StringIds();
    const b = new SegmentBuilder();
    for (let d = 0; d < 400; d++) b.add(Array.from({ length: 60 }, (_, i) => ids.id(`t${(d * 61 + i * 7) % 20_011}`)));
    const cases = [b.finish(ids).keys, Float64Array.from([1, 2, 3, 2 ** 52, 2 ** 53 - 1]), Float64Array.from([5]), new Float64Array(0)];
    for (const keys of cases) {
      const p = { keys, starts: new Uint32Array(keys.length + 1), lengths: new Uint32Array(0), bytes: new Uint8Array(0) };
      keys.forEach((key, t) => expect(termIndex(p, key)).toBe(t));
      const absent = [0, -1, 2 ** 53, ...Array.from(keys, (k) => k + 1), ...Array.from(keys, (k) => k - 1)].filter((k) => !keys.includes(k));
      for (const key of absent) expect(termIndex(p, key)).toBe(-1);
    }
    // Keys bunched at one end of their range (the guesses are far off): found all the same.
    const bunched = Float64Array.from({ length: 1000 }, (_, i) => (i < 999 ? i : 2 ** 53 - 1));
    const p = { keys: bunched, starts: new Uint32Array(1001), lengths: new Uint32Array(0), bytes: new Uint8Array(0) };
    bunched.forEach((key, t) => expect(termIndex(p, key)).toBe(t));
    expect(termIndex(p, 999.5)).toBe(-1);
  });
});

describe('the lexical index', () => {
  it('is the same analysed in one thread or in two, segment by segment, and round-trips through its file', async () => {
    const programs = programsOf((await readPrograms(await readCorpus(CORPUS))).files);
    const texts = chunkPrograms(programs).map((c) => ({ title: c.programTitle, section: c.section === c.programTitle ? null : c.section, text: c.text }));
    const dictionary = packFullDictionary(await ipadic());
    const wanted = new Set(['省エネ', '中小企業']);
    const tens = Array.from({ length: Math.ceil(texts.length / 10) }, (_, i) => texts.slice(i * 10, i * 10 + 10));
    const one = mergeAnalysis(await analyseSegments([texts], { dictionary, wanted, threads: 1 }));
    const two = mergeAnalysis(await analyseSegments(tens, { dictionary, wanted, threads: 2 }));
    expect(two.lexical).toEqual(one.lexical);
    expect([...two.phrases].sort()).toEqual(['中小企業', '省エネ']);
    const again = LexicalIndex.unpack(LexicalIndex.pack(one.lexical));
    expect(again).toEqual(one.lexical);
    const index = new LexicalIndex(again);
    expect(index.size).toBe(71);
    expect(index.hasWord('診断')).toBe(true);
    const q = [{ term: '診断', weight: 1 }];
    expect(Array.from(index.score(q, [], []).words)).toEqual(Array.from(new Bm25(one.lexical.views.words, { k1: 0.4, b: 0.5 }).score(q)));
    // The index reuses its score arrays: one query's scores leave nothing behind for the next.
    const plain = (s: ReturnType<LexicalIndex['score']>): Record<string, number[]> => Object.fromEntries(Object.entries(s).map(([view, a]: [string, Float64Array]) => [view, Array.from(a)]));
    const grams = [{ term: '診断', weight: 1 }, { term: '相談', weight: 0.4 }];
    const fresh = plain(new LexicalIndex(again).score(q, grams, []));
    expect(fresh.windowGrams!.filter((x) => x > 0).length).toBeGreaterThan(0);
    index.score([{ term: '省エネ', weight: 1 }], [{ term: '省エ', weight: 1 }, { term: '補助', weight: 1 }], [{ term: '省エネ 診断', weight: 1 }]);
    expect(plain(index.score(q, grams, []))).toEqual(fresh);
  });
});
