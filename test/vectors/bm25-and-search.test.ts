import { describe, expect, it } from 'vitest';
import { Bm25, distinctTerms } from '../../src/vectors/bm25.js';
import { loadHnsw, writeHnsw } from '../../src/vectors/hnsw.js';
import { createQuantizedSearch, quantize } from '../../src/vectors/quantized.js';
import { createExactSearch, type VectorSearch } from '../../src/vectors/vector-search.js';
import { createVectorizeSearch } from '../../src/adapter/worker/cloudflare.js';
import { fakeVectorize } from '../worker/fake-cloudflare.js';
import { tempDir } from '../helpers.js';
import { join } from 'node:path';

describe('Bm25', () => {
  const docs = [['省エネ', '診断', '無料'], ['積層', '造形'], ['省エネ', '設備', '省エネ', '投資']];
  const one = (term: string) => [{ term, weight: 1 }];

  it('scores with idf and saturating tf, exact values', () => {
    const bm25 = Bm25.build(docs, { k1: 1.2, b: 0.75 });
    const idf = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
    expect(bm25.idfOf('診断')).toBeCloseTo(idf, 12);
    const avg = 9 / 3;
    const expected = (idf * 1 * 2.2) / (1 + 1.2 * (1 - 0.75 + (0.75 * 3) / avg));
    expect(bm25.score(one('診断'))[0]).toBeCloseTo(expected, 12);
    expect(Array.from(bm25.score(one('なし')))).toEqual([0, 0, 0]);
  });

  it('weights terms; distinctTerms keeps a repeated term once, at its highest weight', () => {
    const bm25 = Bm25.build(docs);
    const s = bm25.score([{ term: '造形', weight: 0.5 }]);
    expect(s[1]).toBeCloseTo(bm25.score(one('造形'))[1]! / 2, 12);
    expect(distinctTerms([...one("造形"), { term: "造形", weight: 0.5 }])).toEqual(one("造形"));
    // In the order terms first come, each at its highest weight (never below 0).
    expect(distinctTerms([{ term: 'a', weight: 0.4 }, { term: 'b', weight: 1 }, { term: 'a', weight: 0.9 }, { term: 'c', weight: -1 }])).toEqual([{ term: 'a', weight: 0.9 }, { term: 'b', weight: 1 }, { term: 'c', weight: 0 }]);
  });

  it('leaves out a term in more than half of the documents when the query has a rarer one', () => {
    const bm25 = Bm25.build(docs);
    // 省エネ is in two of three documents: next to 診断 (one of three) it adds nothing…
    expect(Array.from(bm25.score([...one('省エネ'), ...one('診断')]))).toEqual(Array.from(bm25.score(one('診断'))));
    // …and alone it still ranks, document 2 (twice) above document 0.
    const alone = bm25.score(one('省エネ'));
    expect(alone[2]).toBeGreaterThan(alone[0]!);
    expect(alone[1]).toBe(0);
    // A term in exactly half of the documents (a: two of four) still counts next to a rarer one.
    const half = Bm25.build([['a', 'b'], ['a'], ['c'], ['d']]);
    expect(half.score([...one('a'), ...one('c')])[0]).toBeGreaterThan(0);
  });

  it('reads its postings back: documents and term frequencies in order', () => {
    const bm25 = Bm25.build(docs);
    const seen: [number, number][] = [];
    bm25.eachDocument('省エネ', (doc, tf) => seen.push([doc, tf]));
    expect(seen).toEqual([[0, 1], [2, 2]]);
    expect(bm25.has('投資')).toBe(true);
    expect(bm25.has('なし')).toBe(false);
  });
});

function unit(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** Vectors spread over 16 dimensions, deterministic. */
function vectors(count: number, dims: number): number[][] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  return Array.from({ length: count }, () => unit(Array.from({ length: dims }, rand)));
}

/** One contract for every vector search: exact (Workers) and HNSW (Node). */
function vectorSearchContract(name: string, make: (vs: number[][], dims: number) => Promise<VectorSearch>) {
  describe(`${name} satisfies the VectorSearch contract`, () => {
    const dims = 16;
    const vs = vectors(300, dims);

    it('finds each stored vector as its own nearest neighbour with cosine 1', async () => {
      const search = await make(vs, dims);
      for (const id of [0, 17, 299]) {
        const [best] = await search.search(vs[id]!, 1);
        expect(best!.id).toBe(id);
        expect(best!.score).toBeCloseTo(1, 5);
      }
    });

    it('returns k neighbours, best first, never more than stored', async () => {
      const search = await make(vs.slice(0, 5), dims);
      const hits = await search.search(vs[0]!, 10);
      expect(hits).toHaveLength(5);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    });
  });
}

vectorSearchContract('exact search', async (vs, dims) => createExactSearch(Float32Array.from(vs.flat()), dims));
vectorSearchContract('HNSW (hnswlib-node)', async (vs, dims) => {
  const file = join(await tempDir(), 'hnsw.bin');
  await writeHnsw(file, vs, dims);
  return loadHnsw(file, dims, vs.length);
});

vectorSearchContract('Vectorize (stand-in binding)', async (vs) => {
  const index = fakeVectorize();
  await index.upsert(vs.map((values, id) => ({ id: String(id), values, namespace: 'n' })));
  return createVectorizeSearch(index, 'n');
});

describe('quantized search', () => {
  it('gives each candidate the dot product taken one dimension after another, best first, ties by id', () => {
    const dims = 16;
    const stored = quantize(Float32Array.from([...vectors(37, dims), ...vectors(3, dims)].flat()), dims);
    const search = createQuantizedSearch(stored);
    const plain = (q: number[], id: number) => {
      let sum = 0;
      for (let d = 0; d < dims; d++) sum += stored.codes[id * dims + d]! * q[d]!;
      return sum * stored.scales[id]!;
    };
    const q = vectors(1, dims)[0]!;
    // Counts of candidates not a multiple of four; vectors 37–39 repeat 0–2, so their scores tie.
    for (const among of [[5], [3, 9, 1], [0, 37, 1, 38, 2, 39, 11], Array.from({ length: 40 }, (_, i) => i)]) {
      const expected = among.map((id) => ({ id, score: plain(q, id) })).sort((a, b) => b.score - a.score || a.id - b.id);
      expect(search.search(q, 5, among)).toEqual(expected.slice(0, 5));
      expect(search.search(q, 50, among)).toEqual(expected);
    }
    expect(search.search(q, 3)).toEqual(Array.from({ length: 40 }, (_, id) => ({ id, score: plain(q, id) })).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, 3));
  });

  it('reads only the query\'s nonzero dimensions and takes its candidates in any order: the same numbers', () => {
    const dims = 16;
    const stored = quantize(Float32Array.from(vectors(40, dims).flat()), dims);
    const search = createQuantizedSearch(stored);
    const plain = (q: number[], id: number) => {
      let sum = 0;
      for (let d = 0; d < dims; d++) sum += stored.codes[id * dims + d]! * q[d]!;
      return sum * stored.scales[id]!;
    };
    // A hashed query: most dimensions 0 (or −0), the first and the last among them.
    const q = vectors(1, dims)[0]!.map((x, d) => (d % 3 === 1 ? x : d % 2 ? -0 : 0));
    const among = [7, 3, 39, 0, 12, 25, 18, 1, 30];
    const expected = among.map((id) => ({ id, score: plain(q, id) })).sort((a, b) => b.score - a.score || a.id - b.id);
    expect(search.search(q, 4, among)).toEqual(expected.slice(0, 4));
    expect(search.search(q, 4, Int32Array.from(among).reverse())).toEqual(expected.slice(0, 4));
    expect(search.search(q, 4, new Set(among))).toEqual(expected.slice(0, 4));
    // No nonzero dimension: every score is 0 (not −0), ties by id.
    expect(search.search(Array(dims).fill(0), 2, among)).toEqual([{ id: 0, score: 0 }, { id: 1, score: 0 }]);
  });
});

describe('HNSW against exact search', () => {
  it('agrees on the top 10 for every query once ef is set after loading', async () => {
    const dims = 16;
    const vs = vectors(1000, dims);
    const file = join(await tempDir(), 'hnsw.bin');
    await writeHnsw(file, vs, dims);
    const hnsw = await loadHnsw(file, dims, vs.length, 64);
    const exact = createExactSearch(Float32Array.from(vs.flat()), dims);
    const queries = vectors(50, dims).map((v) => v.map((x) => -x));
    let same = 0;
    for (const q of queries) {
      const a = hnsw.search(q, 10).map((h) => h.id);
      const b = exact.search(q, 10).map((h) => h.id);
      same += a.filter((id) => b.includes(id)).length;
    }
    expect(same / (queries.length * 10)).toBeGreaterThanOrEqual(0.98);
  });

  it('refuses a graph whose size disagrees with the manifest', async () => {
    const file = join(await tempDir(), 'hnsw.bin');
    await writeHnsw(file, vectors(10, 16), 16);
    await expect(loadHnsw(file, 16, 11)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });
});
