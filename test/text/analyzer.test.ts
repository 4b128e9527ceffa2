import { cp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readIpadic } from '../../src/adapter/node/ipadic.js';
import { loadKuromoji } from '../../src/adapter/node/kuromoji.js';
import type { Analyzer } from '../../src/text/analyzer.js';
import { charBigrams } from '../../src/text/ngrams.js';
import { compact, normalize } from '../../src/text/normalize.js';
import { analyzer as makeAnalyzer, tempDir } from '../helpers.js';

describe('normalize', () => {
  it('folds width, case, hyphens and spaces', () => {
    expect(normalize('ＺＥＨ　３Ｄプリンター　ｶﾀｶﾅ ０３−３５０１−９７２６')).toBe('zeh 3dプリンター カタカナ 03-3501-9726');
    expect(compact('省エネルギー設備投資に係る利子補給金 **助成事業費補助金**')).toBe('省エネルギー設備投資に係る利子補給金助成事業費補助金');
  });
});

describe('charBigrams', () => {
  it('splits compounds kuromoji keeps whole, within runs of word characters', () => {
    expect(charBigrams('関西国際空港')).toEqual(['関西', '西国', '国際', '際空', '空港']);
    expect(charBigrams('zeh化、a')).toEqual(['ze', 'eh', 'h化', 'a']);
  });
});

describe('analyzer', () => {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = await makeAnalyzer();
  });

  it('keeps base forms of content words, without particles, auxiliaries or light verbs', () => {
    const a = analyzer.analyze('工場の電気代が高くて困っています');
    expect(a.words).toEqual(['工場', '電気', '代', '高い', '困る']);
    expect(a.pairs).toEqual(['工場 電気', '電気 代', '代 高い', '高い 困る']);
    expect(a.phrases).toContain('電気代');
  });

  it('normalizes before tokenizing, so full-width input gives the same words', () => {
    expect(analyzer.analyze('ＺＥＨの実証支援').words).toEqual(['zeh', '実証', '支援']);
  });

  it('normalizes a text once, for its words and its bigrams alike', () => {
    const a = analyzer.analyze('ＺＥＨ　の実証−支援ｶﾀｶﾅ\u0007');
    expect(a.words).toEqual(['zeh', '実証', '支援', 'カタカナ']);
    expect(a.grams).toEqual(charBigrams(normalize('ＺＥＨ　の実証−支援ｶﾀｶﾅ\u0007')));
    expect(a.grams).toEqual(['ze', 'eh', 'の実', '実証', '支援', '援カ', 'カタ', 'タカ', 'カナ']);
  });

  it('keeps a compound kuromoji does not split as one word, and its bigrams', () => {
    const a = analyzer.analyze('関西国際空港');
    expect(a.words).toEqual(['関西国際空港']);
    expect(a.grams).toEqual(['関西', '西国', '国際', '際空', '空港']);
  });

  it('drops symbols and punctuation', () => {
    expect(analyzer.analyze('「省エネ」？！…（診断）').words).toEqual(['省エネ', '診断']);
  });
});

describe('loading the dictionary', () => {
  it('surfaces a dictionary that cannot be loaded as ANALYZER_UNAVAILABLE', async () => {
    await expect(loadKuromoji('/nonexistent/kuromoji/dict')).rejects.toMatchObject({ code: 'ANALYZER_UNAVAILABLE' });
    await expect(readIpadic('/nonexistent/kuromoji/dict')).rejects.toMatchObject({ code: 'ANALYZER_UNAVAILABLE' });
  });

  it('surfaces a corrupt dictionary file as ANALYZER_UNAVAILABLE, naming the folder', async () => {
    const dir = await tempDir();
    const real = join(dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
    await cp(real, dir, { recursive: true });
    await writeFile(join(dir, 'cc.dat.gz'), 'not gzip');
    await expect(readIpadic(dir)).rejects.toMatchObject({ code: 'ANALYZER_UNAVAILABLE', message: expect.stringContaining(dir) });
  });
});

describe('analyzer on hostile input', () => {
  it('does not fail on NUL, control characters or lone surrogates', async () => {
    const analyzer = await makeAnalyzer();
    expect(analyzer.analyze('a\u0000b\u0007省エネ\ud800診断\udfff').words).toEqual(['a', 'b', '省エネ', '診断']);
  });
});
