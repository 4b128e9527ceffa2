import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { LocalEmbeddings } from '../../src/vectors/local-embeddings.js';
import { createServiceEmbeddings } from '../../src/vectors/service-embeddings.js';
import { startFakeOpenAi, vectorOf, type FakeOpenAi } from '../fake-openai.js';
import { analyzer, evalRows, realEngine } from '../helpers.js';

/** What every embedder the index may use must do: one contract, run against each implementation. */
function embeddingsContract(name: string, make: () => Promise<{ embeddings: EmbeddingsInterface; dimensions: number }>) {
  describe(`${name} satisfies the Embeddings contract`, () => {
    let e: EmbeddingsInterface;
    let dimensions: number;
    beforeAll(async () => ({ embeddings: e, dimensions } = await make()));

    it('gives one unit vector of the declared size per document, in order', async () => {
      const vs = await e.embedDocuments(['省エネ診断を無料で実施します', '積層造形の基盤技術']);
      expect(vs).toHaveLength(2);
      for (const v of vs) {
        expect(v).toHaveLength(dimensions);
        expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      }
    });

    it('is deterministic, and a query embeds like the same document', async () => {
      const [d] = await e.embedDocuments(['省エネ診断']);
      expect(await e.embedQuery('省エネ診断')).toEqual(d);
      expect(await e.embedQuery('省エネ診断')).toEqual(await e.embedQuery('省エネ診断'));
    });
  });
}

embeddingsContract('LocalEmbeddings', async () => {
  const embeddings = new LocalEmbeddings({ analyzer: await analyzer(), idf: () => 1 });
  return { embeddings, dimensions: embeddings.dimensions };
});

describe('LocalEmbeddings', () => {
  it('ranks the document sharing rare words with the query first', async () => {
    const idf = (_view: string, term: string) => (['省エネ', '診断', '省エ', 'エネ', '診断'].includes(term) ? 3 : 0.5);
    const e = new LocalEmbeddings({ analyzer: await analyzer(), idf });
    const [q, a, b] = [await e.embedQuery('省エネ診断'), ...(await e.embedDocuments(['中小企業の省エネ診断', '外国人材の受入れ支援']))];
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(dot(q, a!)).toBeGreaterThan(0.5);
    // Unrelated texts share no features; only hash collisions (signed, so they cancel on average) remain.
    expect(Math.abs(dot(q, b!))).toBeLessThan(0.2);
    expect(e.id).toBe('local-hash/1:256');
  });
});

describe('LocalEmbeddings over the index views', () => {
  it("reads each term's idf and hash from the postings: the vectors of hashing view:term, to the bit", async () => {
    const engine = await realEngine();
    const { lexical, analyzer } = engine;
    const idf = (view: 'words' | 'grams', term: string) => lexical.idf(view, term);
    const plain = new LocalEmbeddings({ analyzer, idf });
    const viewed = new LocalEmbeddings({ analyzer, idf, views: { words: lexical.view('words'), grams: lexical.view('grams') } });
    expect(lexical.view('words').postings.hashes).toBeDefined();
    const questions = (await evalRows()).map((r) => r.question);
    expect(questions.length).toBeGreaterThan(40);
    for (const q of questions) expect(viewed.embedTerms(engine.expand(q))).toEqual(plain.embedTerms(engine.expand(q)));
    // Texts repeat terms (tf > 1), and weights differ within one call.
    const texts = engine.chunks.slice(0, 20).map((c) => c.text);
    expect(await viewed.embedDocuments(texts)).toEqual(await plain.embedDocuments(texts));
    const mixed = { words: [{ term: '省エネ', weight: 0.4 }, { term: '診断', weight: 1 }, { term: '省エネ', weight: 1 }, { term: 'なし語', weight: 1 }], grams: [{ term: '省エ', weight: 0.5 }, { term: '省エ', weight: 0.2 }] };
    expect(viewed.embedTerms(mixed)).toEqual(plain.embedTerms(mixed));
    expect(viewed.embedTerms(mixed).filter((x) => x !== 0)).toHaveLength(3);
  });
});

describe('OpenAI-compatible embeddings (wiring test against a local fake server)', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi(8);
  });
  afterAll(() => fake.close());

  it('stays off without OPENAI_EMBEDDING_MODEL', async () => {
    expect(await createServiceEmbeddings(parseConfig({ OPENAI_API_KEY: 'k' }).openai)).toBeUndefined();
  });

  it('sends the texts to OPENAI_BASE_URL with the model and returns the service vectors', async () => {
    const config = parseConfig({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, OPENAI_EMBEDDING_MODEL: 'fake-embed' });
    const e = (await createServiceEmbeddings(config.openai))!;
    expect(e.id).toBe('openai:fake-embed');
    const [v] = await e.embedDocuments(['省エネ診断']);
    expect(v!.map((x) => Number(x.toFixed(5)))).toEqual(vectorOf('省エネ診断', 8).map((x) => Number(Math.fround(x).toFixed(5))));
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/embeddings', body: { model: 'fake-embed' } });
  });
});

embeddingsContract('OpenAIEmbeddings via the fake server (wiring)', async () => {
  const fake = await startFakeOpenAi(8);
  const embeddings = (await createServiceEmbeddings(parseConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.url, OPENAI_EMBEDDING_MODEL: 'm' }).openai))!;
  return { embeddings, dimensions: 8 };
});
