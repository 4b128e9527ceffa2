import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildQueryDictionary, packFullDictionary, type Kuromoji } from '../../src/ingest/query-dictionary.js';
import { lemmas, type Morpheme, type Morphology } from '../../src/text/morphemes.js';
import { normalize } from '../../src/text/normalize.js';
import DynamicDictionaries from 'kuromoji/src/dict/DynamicDictionaries.js';
import { featureReader, openQueryDictionary, QUERY_DICTIONARY_FORMAT, queryDictionaryEntries } from '../../src/text/query-dictionary.js';
import { packParts, unpackParts } from '../../src/vectors/pack.js';
import { loadJsquad } from '../bench/jsquad.js';
import { RS_DIR, rsPrograms } from '../bench/rs.js';
import { CORPUS, DOCUMENT, evalRows, ipadic, kuromoji } from '../helpers.js';

const tokens = (m: Morphology, text: string) =>
  m.tokenize(text).map((t) => [t.surface_form, t.pos, t.pos_detail_1, t.basic_form === t.surface_form ? '*' : t.basic_form]);

describe('the full IPADIC packed into the index', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = packFullDictionary(await ipadic());
  });

  it('tokenises exactly as kuromoji does (dev and JSQuAD questions), keeping the features the analyser reads', async () => {
    const full = await kuromoji();
    const packed = openQueryDictionary(bytes);
    const read = (m: Morphology, text: string) =>
      (m.tokenize(text) as (Morpheme & { word_id: number; word_position: number; reading?: string })[]).map((t) => ({
        id: t.word_id,
        at: t.word_position,
        surface: t.surface_form,
        pos: t.pos,
        detail: t.pos_detail_1,
        base: t.basic_form,
        type: t.word_type,
      }));
    // Besides real questions: one-, two-, three- and four-byte UTF-8 (surrogate pairs), IPADIC's longest
    // words (26 and 22 characters), text longer than any word, half-width kana, control characters; as the analyser passes them, normalized (kuromoji itself
    // throws on a lone surrogate, which normalize replaces).
    const odd = ['abc ABC 123', 'Café ÉTÉ ñandú', '𠮷野家で🍣を食べた', '\ud800壊れた\udc00文字', 'ラテン・アメリカ・スモーラー・カンパニーズ・ファンドの', 'ヨコハマグランドインターコンチネンタルホテルに泊まる', '東'.repeat(80), 'ｶﾀｶﾅとｶﾞｷﾞ', 'a\tb\u0000c\u200b'].map(normalize);
    const questions = [...odd, ...(await evalRows()).map((r) => r.question), ...loadJsquad().questions.slice(0, 1000).map((q) => q.question)];
    for (const q of questions) expect(read(packed, q), q).toEqual(read(full, q));
    // Ingest analyses the corpus through it too: every line of the document, whole.
    const lines = (await readFile(join(CORPUS, DOCUMENT), 'utf8')).split('\n').map(normalize).filter((l) => l.trim());
    for (const line of lines) expect(read(packed, line), line).toEqual(read(full, line));
    // A sample of 行政事業レビュー records, every field the catalog reads, as ingest passes them: long texts
    // cut at 、 and 。 into pieces (token positions run on across them), figures, brackets, full-width signs.
    const records = (await rsPrograms(join(RS_DIR, 'rs2025.jsonl'))).filter((_, i) => i % 29 === 0);
    expect(records).toHaveLength(200);
    let compared = 0;
    for (const r of records) {
      for (const text of [r.title, ...r.text.split('\n')].map(normalize).filter((t) => t.trim())) {
        expect(read(packed, text), text).toEqual(read(full, text));
        compared += text.length;
      }
    }
    expect(compared).toBeGreaterThan(100_000);
    expect(packed.tokenize('東京都')).toMatchObject([{ surface_form: '東京', pos: '名詞', pos_detail_1: '固有名詞', basic_form: '東京', pos_detail_2: '*', reading: undefined }, { surface_form: '都' }]);
  });

  it("reads every entry's feature line as kuromoji's own reader does", () => {
    const { parts } = unpackParts(QUERY_DICTIONARY_FORMAT, bytes, 'the query dictionary');
    const own = new DynamicDictionaries().token_info_dictionary;
    own.loadDictionary(parts.tid!);
    own.loadPosVector(parts.tid_pos!);
    const read = featureReader(parts.tid!, parts.tid_pos!);
    let differ = 0;
    // Entries are 10 bytes: left, right and cost ids, then the feature line's offset.
    for (let id = 0; id < parts.tid!.length; id += 10) if (read(id) !== own.getFeatures(id)) differ++;
    expect(parts.tid!.length / 10).toBe(392_126);
    expect(differ).toBe(0);
    expect(read(0).split(',').length).toBeGreaterThan(6);
  });
});

describe('the dictionary cut for Workers', () => {
  let full: Kuromoji;
  let bytes: Uint8Array;
  let query: Morphology;
  let corpus: string;
  beforeAll(async () => {
    full = await kuromoji();
    corpus = await readFile(join(CORPUS, DOCUMENT), 'utf8');
    bytes = buildQueryDictionary(full, packFullDictionary(await ipadic()), [corpus]);
    query = openQueryDictionary(bytes);
  });

  it('segments every line of the corpus exactly as the full IPADIC does', () => {
    const lines = corpus.split('\n').filter((l) => l.trim());
    expect(lines).toHaveLength(290);
    for (const line of lines) expect(tokens(query, line), line).toEqual(tokens(full, line));
  });

  it('analyses every dev question as the full IPADIC does, with 58 % of its entries', async () => {
    for (const { question } of await evalRows()) expect(lemmas(query, question), question).toEqual(lemmas(full, question));
    expect(queryDictionaryEntries(bytes)).toBe(226_876);
  });

  it('keeps common place names whole and common verbs conjugated', () => {
    const question = '東京都の町工場で電気代が高くて困っています';
    expect(lemmas(query, question).map((l) => l.text)).toEqual(['東京', '都', '町', '工場', '電気', '代', '高い', '困る']);
    expect(lemmas(query, question)).toEqual(lemmas(full, question));
  });

  it('refuses a truncated or foreign file with INDEX_CORRUPT', () => {
    expect(() => openQueryDictionary(bytes.subarray(0, 3))).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    expect(() => openQueryDictionary(bytes.subarray(0, 5000))).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    const other = packParts('something-else/1', { a: new Uint8Array([1]) });
    expect(() => openQueryDictionary(other)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
  });
});

describe('packParts', () => {
  it('round-trips parts on 8-byte boundaries, with the metadata', () => {
    const packed = packParts('test/1', { a: new Uint8Array([1, 2, 3]), b: new Uint8Array(0), c: new Uint8Array([9]) }, { n: 2 });
    const { meta, parts } = unpackParts('test/1', packed, 'the test file');
    expect(meta).toEqual({ n: 2 });
    expect(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [...v]]))).toEqual({ a: [1, 2, 3], b: [], c: [9] });
    for (const p of Object.values(parts)) expect(p.byteOffset % 8).toBe(0);
  });
});
