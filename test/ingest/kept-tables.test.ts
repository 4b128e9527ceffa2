import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readEdict } from '../../src/ingest/edict.js';
import { machineTables } from '../../src/ingest/machine-tables.js';
import { keptEnglishTable, keptSynonymTable } from '../../src/ingest/kept-tables.js';
import { loadSudachiGroups } from '../../src/ingest/sudachi.js';
import { folderTableCache } from '../../src/ingest/tables.js';
import { englishTableFrom } from '../../src/text/english-table.js';
import { synonymGroups, synonymTableOf } from '../../src/text/synonyms.js';
import { describeWithEdict } from '../edict.js';
import { EDICT, tempDir } from '../helpers.js';

describeWithEdict('the English table kept between ingests', () => {
  it('is what englishTableFrom makes, key for key and in its order, when idf values and reachable forms change', async () => {
    const { edict } = (await readEdict(EDICT, machineTables()))!;
    const dir = await tempDir();
    const cache = folderTableCache(join(dir, 'tables'), dir);
    // Every 5th form of EDICT is in the corpus, with an idf made from its text; every 35th is only reachable.
    const forms = [...new Set(edict.forms)];
    const reachable = new Set(forms.filter((_, i) => i % 5 === 0));
    const at = new Map(forms.map((f, i) => [f, i]));
    const idf = (t: string) => (at.get(t)! % 7 === 0 ? null : 1 + (t.length % 4) + (t.codePointAt(0)! % 10) / 10);
    const memo = new Map<string, number | null>();
    const first = (t: string) => {
      if (!memo.has(t)) memo.set(t, idf(t));
      return memo.get(t)!;
    };
    const whole = (r: Set<string>, f: (t: string) => number | null) => JSON.stringify(englishTableFrom(edict, r, f));

    const made = await keptEnglishTable(cache, edict, reachable, first);
    expect(made.name).toMatch(/^synonyms-en-[0-9a-f]{32}\.json$/);
    expect(JSON.stringify(made.table)).toBe(whole(reachable, first));
    expect(Object.getPrototypeOf(made.table)).toBeNull();
    // Read back as kept.
    expect(JSON.stringify((await keptEnglishTable(cache, edict, reachable, first)).table)).toBe(whole(reachable, first));

    // The corpus changed: some forms are rarer, some no longer there, some new.
    const changed = new Set([...reachable].filter((_, i) => i % 400 === 0));
    const gone = new Set([...reachable].filter((_, i) => i % 997 === 1));
    const later = new Set([...reachable].filter((f) => !gone.has(f)));
    for (const f of forms.filter((_, i) => i % 1009 === 3)) later.add(f);
    const second = (t: string) => (changed.has(t) ? first(t)! + 2.5 : first(t));
    const again = await keptEnglishTable(cache, edict, later, second);
    expect(JSON.stringify(again.table)).toBe(whole(later, second));
    expect(JSON.stringify(again.table)).not.toBe(JSON.stringify(made.table));
    expect(again.name).toBe(made.name);
  }, 120_000);
});

it('the Sudachi synonym table is read back as made, without a prototype, while the corpus holds the same phrases', async () => {
  const dir = await tempDir();
  const cache = folderTableCache(join(dir, 'tables'), dir);
  const groups = synonymGroups(await loadSudachiGroups());
  const phrases = new Set(groups.flatMap((g) => g.map((i) => i.word)).filter((_, i) => i % 3 === 0));
  const made = await keptSynonymTable(cache, 'sudachi-under-test', groups, phrases);
  const read = await keptSynonymTable(cache, 'sudachi-under-test', groups, new Set([...phrases].reverse()));
  expect(read.name).toBe(made.name);
  expect(JSON.stringify(read.table)).toBe(JSON.stringify(synonymTableOf(groups, phrases)));
  expect(Object.getPrototypeOf(read.table)).toBeNull();
  const fewer = new Set([...phrases].slice(1));
  const other = await keptSynonymTable(cache, 'sudachi-under-test', groups, fewer);
  expect(other.name).not.toBe(made.name);
  expect(JSON.stringify(other.table)).toBe(JSON.stringify(synonymTableOf(groups, fewer)));
});
