import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { FILES } from '../../src/vectors/artifact.js';
import { objectOfArrays, readCatalog } from '../../src/vectors/read-catalog.js';

async function catalogGz(): Promise<Buffer> {
  const indexDir = inject('corpusIndex');
  const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
  return readFile(join(indexDir, build, FILES.catalog));
}

function split(text: string, size: number): Record<string, unknown> {
  const s = objectOfArrays();
  for (let at = 0; at < text.length; at += size) s.push(text.slice(at, at + size));
  return s.end();
}

describe('readCatalog', () => {
  it("reads the corpus's catalog.json.gz as JSON.parse reads it whole", async () => {
    const gz = await catalogGz();
    const whole = JSON.parse(gunzipSync(gz).toString('utf8'));
    const read = await readCatalog(gz);
    expect(read.programs.length).toBe(whole.programs.length);
    expect(read.programs.length).toBeGreaterThan(10);
    expect(read).toEqual(whole);
    expect(JSON.stringify(read)).toBe(JSON.stringify(whole));
  });

  it('gives the same object however the text is cut into pieces', async () => {
    const text = gunzipSync(await catalogGz()).toString('utf8');
    const whole = JSON.parse(text);
    for (const size of [1, 7, 4096]) expect(JSON.stringify(split(text, size))).toBe(JSON.stringify(whole));
  });

  it('reads escapes, brackets and quotes inside strings, nested values, scalars and empty arrays', () => {
    const text = ' {"a" : [ {"b":"x\\"]},[{\\\\","c":[1,[2,{"d":null}]]}, "s,]", 3.5e2, true, [] ] ,"e":{"f":[1,2]},"g":"h","i":-1,"j":[],"__proto__":[7]} ';
    const whole = JSON.parse(text);
    for (let size = 1; size <= text.length; size++) {
      const got = split(text, size);
      expect(JSON.stringify(got)).toBe(JSON.stringify(whole));
      expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
      expect(Object.hasOwn(got, '__proto__')).toBe(true);
    }
  });

  it('refuses a text that ends early', () => {
    expect(() => split('{"a":[1,2', 3)).toThrow(SyntaxError);
    expect(() => split('{"a":"x', 3)).toThrow(SyntaxError);
  });
});
