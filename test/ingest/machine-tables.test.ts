import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipadicSource } from '../../src/adapter/node/ipadic.js';
import { ingest } from '../../src/ingest/ingest.js';
import { machineTables } from '../../src/ingest/machine-tables.js';
import { buildFiles, CORPUS, EDICT, tempDir } from '../helpers.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An index's files, each by its sha256 (the manifest without the time it was made), the dictionary beside the build included. */
async function artifacts(indexDir: string): Promise<Record<string, string | object>> {
  const out = Object.fromEntries(Object.entries(await buildFiles(indexDir)).map(([name, v]) => [name, Buffer.isBuffer(v) ? sha256(v) : v]));
  for (const name of (await readdir(indexDir)).filter((f) => f.startsWith('dictionary-'))) out[name] = sha256(await readFile(join(indexDir, name)));
  return out;
}

async function digests(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = sha256(await readFile(join(dir, name)));
  return out;
}

describe("the tables made from the installed dictionaries, kept for the machine's every index", () => {
  it('give, read back, the index made without them, byte for byte; a corrupt one is made again, never trusted', async () => {
    const root = await tempDir();
    const machine = join(root, 'machine');
    const build = async (name: string) => {
      const indexDir = join(root, name);
      const report = await ingest({ corpusDir: CORPUS, indexDir, ipadic: await ipadicSource(), edictFile: EDICT, machineTables: machineTables(machine) });
      expect(report.segments.analysed).toBe(report.segments.total);
      return artifacts(indexDir);
    };
    const cold = await build('cold');
    const made = await digests(machine);
    // IPADIC packed (the index's own dictionary file) with its readings, the Sudachi tables, the phrases looked for, EDICT reduced.
    expect(Object.keys(made).map((f) => f.replace(/[0-9a-f]{16,}/, '#'))).toEqual([
      'dictionary-#.bin',
      ...(existsSync(EDICT) ? ['edict-#.bin'] : []),
      'ipadic-#-readings.bin',
      'ipadic-#.json',
      'phrases-#.bin',
      'sudachi-#.txt',
    ]);
    const dictionary = Object.keys(made).find((f) => f.startsWith('dictionary-'))!;
    expect(cold[dictionary]).toBe(made[dictionary]);
    // The index's tables hold only what the corpus makes: nothing of the dictionaries.
    expect((await readdir(join(root, 'cold', 'tables'))).filter((f) => /^(ipadic|sudachi|phrases|edict)-/.test(f))).toEqual([]);

    expect(await build('warm')).toEqual(cold);
    expect(await digests(machine)).toEqual(made);

    // One byte changed in the middle: the file is found out, made again as it was, and the index is the same.
    const corrupt = async (name: string) => {
      const bytes = await readFile(join(machine, name));
      bytes[bytes.length >> 1]! ^= 0x55;
      await writeFile(join(machine, name), bytes);
    };
    // The phrases alone, made again from the Sudachi tables read back; then every file.
    await corrupt(Object.keys(made).find((f) => f.startsWith('phrases-'))!);
    expect(await build('phrases')).toEqual(cold);
    expect(await digests(machine)).toEqual(made);
    for (const name of Object.keys(made)) await corrupt(name);
    expect(await build('corrupt')).toEqual(cold);
    expect(await digests(machine)).toEqual(made);
  }, 300_000);
});
