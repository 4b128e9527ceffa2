import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIpadic } from '../../src/adapter/node/ipadic.js';
import { packEdict, parseEdict, parseEdictLine, readEdict, unpackEdict } from '../../src/ingest/edict.js';
import { folderTableCache } from '../../src/ingest/tables.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { parseConfig } from '../../src/config.js';
import { describeWithEdict } from '../edict.js';
import { CORPUS, EDICT, tempDir } from '../helpers.js';

// Lines as /usr/share/edict/edict (Debian's edict 2021.02.03-1) holds them.
const LINES = {
  loan: '融資 [ゆうし] /(n,vs) financing/loan/(P)/',
  export: '輸出 [ゆしゅつ] /(n,vs) (1) export/exportation/(adj-f) (2) (biol) efferent/(P)/',
  nurse: '看護師 [かんごし] /(n) (hospital) nurse/registered nurse/RN/(P)/',
  startup: 'スタートアップ /(n) (1) (comp) startup/activation/bootstrap/(n) (2) startup company/',
  doIt: '為る [する] /(oK) (vs-i) (1) (uk) to do/to carry out/(vs-i) (2) (uk) to cause to become/(P)/',
  header: '　？？？ /EDICT, EDICT_SUB(P), EDICT2 Japanese-English Electronic Dictionary Files/Copyright Electronic Dictionary Research & Development Group - 2021/Created: 2021-02-03/',
};

describe('parseEdictLine', () => {
  it('reads headword, reading, priority and glosses', () => {
    expect(parseEdictLine(LINES.loan)).toEqual({ headword: '融資', reading: 'ゆうし', priority: true, senses: [{ pos: ['n', 'vs'], tags: [], glosses: ['financing', 'loan'] }] });
  });

  it('opens a sense at each number or part of speech, with its own tags', () => {
    expect(parseEdictLine(LINES.export)!.senses).toEqual([
      { pos: ['n', 'vs'], tags: [], glosses: ['export', 'exportation'] },
      { pos: ['adj-f'], tags: ['biol'], glosses: ['efferent'] },
    ]);
    expect(parseEdictLine(LINES.doIt)).toEqual({
      headword: '為る',
      reading: 'する',
      priority: true,
      senses: [
        { pos: ['vs-i'], tags: ['oK', 'uk'], glosses: ['to do', 'to carry out'] },
        { pos: ['vs-i'], tags: ['uk'], glosses: ['to cause to become'] },
      ],
    });
  });

  it('keeps a parenthesis that is no tag, and reads a word written in kana', () => {
    expect(parseEdictLine(LINES.nurse)!.senses[0]!.glosses).toEqual(['(hospital) nurse', 'registered nurse', 'RN']);
    expect(parseEdictLine(LINES.startup)).toEqual({
      headword: 'スタートアップ',
      reading: 'スタートアップ',
      priority: false,
      senses: [
        { pos: ['n'], tags: ['comp'], glosses: ['startup', 'activation', 'bootstrap'] },
        { pos: ['n'], tags: [], glosses: ['startup company'] },
      ],
    });
  });

  it('is null for the header line', () => {
    expect(parseEdictLine(LINES.header)).toBeNull();
  });
});

describeWithEdict('the installed EDICT', () => {
  it('decodes from EUC-JP into every entry', async () => {
    expect(existsSync(EDICT), `no EDICT at ${EDICT}: apt-get install edict`).toBe(true);
    const entries = [...parseEdict(new TextDecoder('euc-jp').decode(await readFile(EDICT)))];
    expect(entries.length).toBe(267_379);
    expect(entries[0]).toEqual({ headword: 'ヽ', reading: 'ヽ', priority: false, senses: [{ pos: ['unc'], tags: [], glosses: ['repetition mark in katakana'] }] });
    expect(entries.filter((e) => e.headword === '融資')).toEqual([parseEdictLine(LINES.loan)]);
    expect(entries.filter((e) => e.headword === '輸出').map((e) => [e.reading, e.priority])).toEqual([['しゅしゅつ', false], ['ゆしゅつ', true]]);
  });

  it("is read as each word's forms and gloss keys, with how many words give each key", async () => {
    const edict = (await readEdict(EDICT))!.edict;
    expect(edict.formStart.length - 1).toBe(267_379);
    const entry = [...edict.formStart].findIndex((start, e) => edict.forms[start] === '融資' && edict.formStart[e + 1] === start + 1);
    const keys = Array.from(edict.pairKey.subarray(edict.pairStart[entry], edict.pairStart[entry + 1]), (id) => [edict.keys[id], edict.sharing[id]]);
    // 22 words are glossed "financing" or "finance", 24 "loan".
    expect(keys).toEqual([['finance', 22], ['loan', 24]]);
    expect(Array.from(edict.pairQuality.subarray(edict.pairStart[entry], edict.pairStart[entry + 1]), (q) => Math.round(q * 100) / 100)).toEqual([1, 0.83]);
  });
});

describeWithEdict('the reduced EDICT kept between ingests', () => {
  it('is written once under the hash of the file and read back as it was made', async () => {
    const dir = await tempDir();
    const tables = folderTableCache(join(dir, 'tables'), dir);
    const made = (await readEdict(EDICT, tables))!;
    expect(made.table).toMatch(/^edict-[0-9a-f]{32}\.bin$/);
    const bytes = (await tables.read(made.table!))!;
    // Byte comparisons: deep equality over 260k forms and millions of array items takes minutes.
    expect(Buffer.compare(bytes, packEdict(made.edict))).toBe(0);
    const back = unpackEdict(bytes)!;
    expect(Buffer.compare(packEdict(back), bytes)).toBe(0);
    expect(back.pairQuality).toBeInstanceOf(Float32Array);
    expect([back.forms.length, back.keys.length, back.formStart[back.formStart.length - 1]]).toEqual([made.edict.forms.length, made.edict.keys.length, made.edict.forms.length]);
    expect((await readEdict(EDICT, tables))!.table).toBe(made.table);
    // It names the file it was reduced from (the segments' salt), as the table's name does.
    expect(made.edict.id).toMatch(/^[0-9a-f]{64}$/);
    expect(made.table).toBe(`edict-${made.edict.id!.slice(0, 32)}.bin`);
    // Cut short, the bytes are not read back (the table is made again).
    expect(unpackEdict(bytes.subarray(0, bytes.length - 4))).toBeNull();
    expect(unpackEdict(new TextEncoder().encode('junk'))).toBeNull();
  });
});

describe('ingest without EDICT', () => {
  it('says so, and searches English questions by the reviewed glossary and their Latin words only', async () => {
    const indexDir = join(await tempDir(), 'index');
    const report = await ingest({ corpusDir: CORPUS, indexDir, ipadic: await readIpadic(), edictFile: '/nonexistent/edict' });
    expect(report.english).toEqual({ file: null, phrases: 0, terms: 0 });
    const engine = await openEngine(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: indexDir }));
    expect(engine.expand('Who can I ask about 3D printing of metal parts?').english!.map((u) => u.phrase)).toEqual(['3d print', 'metal', 'part']);
    expect((await engine.retriever.search('Who can I ask about 3D printing of metal parts?', 1))[0]!.chunk.programTitle).toBe('積層造形部品開発の効率化のための基盤技術開発事業');
  });
});
