import { createHash, type Hash } from 'node:crypto';
import type { EnglishTable } from '../text/english.js';
import { englishTableFrom, type EdictGlosses } from '../text/english-table.js';
import { edictId } from './edict.js';
import { synonymTableOf, type SynonymGroup, type SynonymGroups } from '../text/synonyms.js';
import { readerCodeHash } from './program-files.js';
import type { TableCache } from './tables.js';

/** Bump when what a kept table holds, or how its name is made, changes. */
const KEPT_VERSION = 'kept-table/1';

/**
 * A table made from the corpus, kept (in `cache`) under a hash of everything it is made from: an ingest
 * whose inputs to it are the same reads it back instead of making it again. `inputs` feeds the hash every
 * value `make` reads; the code that makes it (`readerCodeHash`) is hashed too. Where it does not read
 * back, it is made and written again. Tables are plain JSON objects without a prototype.
 */
export async function keptTable<T extends Record<string, unknown>>(cache: TableCache | null, kind: string, inputs: (hash: Hash) => void, make: () => T): Promise<{ table: T; name: string | null }> {
  if (!cache) return { table: make(), name: null };
  const hash = createHash('sha256').update(`${KEPT_VERSION}\u0000${await readerCodeHash()}\u0000${kind}\u0000`);
  inputs(hash);
  const name = `${kind}-${hash.digest('hex').slice(0, 32)}.json`;
  const kept = await cache.read(name);
  if (kept) {
    try {
      // JSON.parse keeps the keys' order, so the table writes out as the one first made did.
      const parsed = JSON.parse(new TextDecoder().decode(kept)) as T;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { table: Object.assign(Object.create(null) as T, parsed), name };
    } catch {
      // made again below
    }
  }
  const table = make();
  await cache.write(name, new TextEncoder().encode(JSON.stringify(table)));
  return { table, name };
}

/** The Sudachi synonym table of the corpus (`synonymTableOf`): it reads the groups (named by `groupsId`) and which of their words the corpus holds. */
export function keptSynonymTable(cache: TableCache | null, groupsId: string, groups: readonly SynonymGroup[], phrases: ReadonlySet<string>): Promise<{ table: SynonymGroups; name: string | null }> {
  return keptTable(cache, 'synonyms-ja', (h) => {
    h.update(`${groupsId}\u0000`);
    for (const p of [...phrases].sort()) h.update(`${p}\u0000`);
  }, () => synonymTableOf(groups, phrases));
}

/**
 * The English table (`englishTableFrom`) of EDICT, the forms of its entries that are `reachable` and the
 * idf of each of those (`idf` is asked once per such form). Each English key's terms are scored from the
 * entries that give the key and the idf of those entries' forms alone, so where an earlier ingest kept the
 * table (same EDICT, same code), only the keys of entries whose forms' idf (or reachability) changed are
 * scored again, from the entries that give those keys; the rest is taken as kept.
 */
export async function keptEnglishTable(cache: TableCache | null, edict: EdictGlosses, reachable: ReadonlySet<string>, idf: (term: string) => number | null): Promise<{ table: EnglishTable; name: string | null }> {
  const used = new Map<string, number | null>();
  for (const f of edict.forms) if (reachable.has(f) && !used.has(f)) used.set(f, idf(f));
  const forms = new Set(used.keys());
  const score = (from: EdictGlosses) => englishTableFrom(from, forms, (t) => used.get(t) ?? null);
  if (!cache) return { table: score(edict), name: null };
  const name = `synonyms-en-${createHash('sha256').update(`${KEPT_VERSION}\u0000${await readerCodeHash()}\u0000${edictId(edict)}`).digest('hex').slice(0, 32)}.json`;
  const before = await cache.read(name).then((b) => (b ? keptEnglish(b) : null));
  let entries: [string, string][];
  if (!before) entries = Object.entries(score(edict));
  else {
    const changed = new Set<string>();
    for (const [f, v] of used) if (!before.used.has(f) || before.used.get(f) !== v) changed.add(f);
    for (const f of before.used.keys()) if (!used.has(f)) changed.add(f);
    entries = changed.size ? rescored(edict, changed, before.table, score) : before.table;
  }
  const table: EnglishTable = Object.create(null);
  for (const [k, v] of entries) table[k] = v;
  if (entries !== before?.table) await cache.write(name, new TextEncoder().encode(JSON.stringify({ used: [...used], table: entries })));
  return { table, name };
}

/** The kept table's keys, those of the entries with a changed form scored again (with every entry giving them), in the order a whole table is made. */
function rescored(edict: EdictGlosses, changed: ReadonlySet<string>, kept: [string, string][], score: (from: EdictGlosses) => EnglishTable): [string, string][] {
  const entries = edict.formStart.length - 1;
  const keys = new Set<number>();
  for (let e = 0; e < entries; e++) {
    let hit = false;
    for (let f = edict.formStart[e]!; f < edict.formStart[e + 1]! && !hit; f++) hit = changed.has(edict.forms[f]!);
    if (hit) for (let p = edict.pairStart[e]!; p < edict.pairStart[e + 1]!; p++) keys.add(edict.pairKey[p]!);
  }
  // Every entry that gives one of those keys, as an EDICT of its own: the keys' scores come out whole.
  const sub = { forms: [] as string[], formStart: [0], pairKey: [] as number[], pairQuality: [] as number[], pairStart: [0] };
  for (let e = 0; e < entries; e++) {
    let gives = false;
    for (let p = edict.pairStart[e]!; p < edict.pairStart[e + 1]! && !gives; p++) gives = keys.has(edict.pairKey[p]!);
    if (!gives) continue;
    sub.forms.push(...edict.forms.slice(edict.formStart[e], edict.formStart[e + 1]));
    sub.formStart.push(sub.forms.length);
    for (let p = edict.pairStart[e]!; p < edict.pairStart[e + 1]!; p++) {
      sub.pairKey.push(edict.pairKey[p]!);
      sub.pairQuality.push(edict.pairQuality[p]!);
    }
    sub.pairStart.push(sub.pairKey.length);
  }
  const names = new Set([...keys].map((k) => edict.keys[k]!));
  const again = score({ ...edict, forms: sub.forms, formStart: Uint32Array.from(sub.formStart), pairKey: Uint32Array.from(sub.pairKey), pairQuality: Float32Array.from(sub.pairQuality), pairStart: Uint32Array.from(sub.pairStart) });
  const out = kept.filter(([k]) => !names.has(k));
  for (const k in again) if (names.has(k)) out.push([k, again[k]!]);
  // englishTableFrom's order: by key.
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A kept English table and the idf of the forms it was made with; null where it does not read back. */
function keptEnglish(bytes: Uint8Array): { used: Map<string, number | null>; table: [string, string][] } | null {
  try {
    const { used, table } = JSON.parse(new TextDecoder().decode(bytes)) as { used: [string, number | null][]; table: [string, string][] };
    return Array.isArray(used) && Array.isArray(table) ? { used: new Map(used), table } : null;
  } catch {
    return null;
  }
}
