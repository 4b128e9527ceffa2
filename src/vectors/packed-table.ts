import type { SynonymTable } from '../text/synonyms.js';

/**
 * synonyms.json's two tables (tens of thousands of short keys) kept as a few strings and offsets instead
 * of objects with a property each: RS FY2025's took 6 MB of the isolate's JS heap as parsed, half as much
 * packed, and V8 lets garbage grow in proportion to the JS heap that is live.
 */
export function packSynonyms(table: SynonymTable): SynonymTable {
  return { ja: packedTable(table.ja, (v) => v.join(SEPARATOR), (s) => s.split(SEPARATOR), (v) => v.some((w) => w.includes(SEPARATOR))), en: packedTable(table.en, (v) => v, (s) => s) };
}

const SEPARATOR = '\u0000';

/**
 * An object of string values, read as the object reads (`Object.hasOwn`, `in`, `table[key]`; `Object.keys`
 * gives the keys sorted): its keys sorted in one string, its values encoded in another, looked up by binary
 * search. An object whose values cannot be encoded is kept as it is.
 */
export function packedTable<V>(object: Record<string, V>, encode: (v: V) => string, decode: (s: string) => V, unencodable: (v: V) => boolean = () => false): Record<string, V> {
  const keys = Object.keys(object);
  if (keys.some((k) => unencodable(object[k]!))) return object;
  return lookup(pack(object, keys, encode), decode);
}

interface Packed {
  count: number;
  keyText: string;
  keyStarts: Uint32Array;
  valueText: string;
  valueStarts: Uint32Array;
}

function pack<V>(object: Record<string, V>, keys: string[], encode: (v: V) => string): Packed {
  // By UTF-16 code units, as `compare` orders them.
  const sortedKeys = keys.sort();
  const starts = (strings: string[]) => {
    const out = new Uint32Array(strings.length + 1);
    strings.forEach((s, i) => (out[i + 1] = out[i]! + s.length));
    return out;
  };
  const values = sortedKeys.map((k) => encode(object[k]!));
  return { count: keys.length, keyText: sortedKeys.join(''), keyStarts: starts(sortedKeys), valueText: values.join(''), valueStarts: starts(values) };
}

/** The packed table read as the object it was made from; only `packed` stays reachable. */
function lookup<V>(packed: Packed, decode: (s: string) => V): Record<string, V> {
  const { count, keyText, keyStarts, valueText, valueStarts } = packed;
  const keyAt = (i: number) => keyText.slice(keyStarts[i], keyStarts[i + 1]);
  const find = (key: string) => {
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compare(key, keyText, keyStarts[mid]!, keyStarts[mid + 1]!);
      if (c === 0) return mid;
      if (c < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  };
  const valueAt = (i: number) => decode(valueText.slice(valueStarts[i], valueStarts[i + 1]));
  const target: Record<string, V> = {};
  return new Proxy(target, {
    get: (t, key, receiver) => {
      const i = typeof key === 'string' ? find(key) : -1;
      return i >= 0 ? valueAt(i) : Reflect.get(t, key, receiver);
    },
    has: (t, key) => (typeof key === 'string' && find(key) >= 0) || Reflect.has(t, key),
    getOwnPropertyDescriptor: (_, key) => {
      const i = typeof key === 'string' ? find(key) : -1;
      return i >= 0 ? { value: valueAt(i), writable: true, enumerable: true, configurable: true } : undefined;
    },
    ownKeys: () => Array.from({ length: count }, (_, i) => keyAt(i)),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

/** How `key` sorts against `text.slice(start, end)`, by code units, without making the slice. */
function compare(key: string, text: string, start: number, end: number): number {
  const n = Math.min(key.length, end - start);
  for (let i = 0; i < n; i++) {
    const d = key.charCodeAt(i) - text.charCodeAt(start + i);
    if (d !== 0) return d;
  }
  return key.length - (end - start);
}
