import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { SynonymTable } from '../../src/text/synonyms.js';
import { FILES } from '../../src/vectors/artifact.js';
import { packedTable, packSynonyms } from '../../src/vectors/packed-table.js';

async function synonymsJson(): Promise<SynonymTable> {
  const indexDir = inject('corpusIndex');
  const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
  return JSON.parse(await readFile(join(indexDir, build, FILES.synonyms), 'utf8')) as SynonymTable;
}

describe('packSynonyms', () => {
  it("answers every lookup of the corpus's synonyms.json as the parsed object does", async () => {
    const plain = await synonymsJson();
    const packed = packSynonyms(await synonymsJson());
    for (const table of ['ja', 'en'] as const) {
      const p = packed[table] as Record<string, unknown>;
      const o = plain[table] as Record<string, unknown>;
      expect(Object.keys(o).length).toBeGreaterThan(100);
      expect(Object.keys(p)).toEqual(Object.keys(o).sort());
      for (const key of [...Object.keys(o), 'constructor', 'toString', '__proto__', '', 'no such phrase']) {
        expect(Object.hasOwn(p, key)).toBe(Object.hasOwn(o, key));
        expect(key in p).toBe(key in o);
        expect(p[key]).toEqual(o[key]);
      }
    }
  });
});

describe('packedTable', () => {
  it('keeps an object whose values it cannot encode as it is', () => {
    const object = { a: ['x\u0000y'] };
    expect(packedTable(object, (v) => v.join('\u0000'), (s) => s.split('\u0000'), (v) => v.some((w) => w.includes('\u0000')))).toBe(object);
  });

  it('finds keys that share prefixes, by UTF-16 code units', () => {
    const t = packedTable({ 支援: '1', 支援金: '2', 支: '3', b: '4', ab: '5' }, (v) => v, (s) => s);
    expect(['支援', '支援金', '支', 'b', 'ab', '支援金額', 'a'].map((k) => t[k])).toEqual(['1', '2', '3', '4', '5', undefined, undefined]);
    expect(Object.keys(t)).toEqual(['ab', 'b', '支', '支援', '支援金']);
  });
});
