import Tokenizer from 'kuromoji/src/Tokenizer.js';
import DynamicDictionaries from 'kuromoji/src/dict/DynamicDictionaries.js';
import { appError } from '../errors.js';
import { packParts, unpackParts, viewOf } from '../vectors/pack.js';
import type { Morphology } from './morphemes.js';

/**
 * The query dictionary: IPADIC in kuromoji's own binary layout, packed into one file: the whole of it in
 * the index (Node), or the part that questions and the corpus need in the Worker's bundle. kuromoji's
 * Viterbi search runs over it as over its own files, in a fraction of the memory and with no file
 * system: Node reads the file, a Worker imports it.
 */
export const QUERY_DICTIONARY_FORMAT = 'madoguchi-query-dictionary/1';

/** kuromoji's dictionary files, by the names its loader gives them (without `.dat.gz`). */
export const PARTS = ['base', 'check', 'tid', 'tid_pos', 'tid_map', 'cc', 'unk', 'unk_pos', 'unk_map', 'unk_char', 'unk_compat', 'unk_invoke'] as const;
export type PartName = (typeof PARTS)[number];

/** No IPADIC surface is longer (the longest has 26 characters): a prefix search never needs more. */
export const LONGEST_SURFACE = 32;

export function packQueryDictionary(parts: Record<PartName, Uint8Array>, entries: number): Uint8Array {
  return packParts(QUERY_DICTIONARY_FORMAT, parts, { entries });
}

/** The number of IPADIC entries the dictionary holds. Throws INDEX_CORRUPT. */
export function queryDictionaryEntries(bytes: Uint8Array): number {
  return Number(unpackParts(QUERY_DICTIONARY_FORMAT, bytes, 'the query dictionary').meta.entries);
}

/** kuromoji's tokenizer over a packed query dictionary, viewing the bytes without copying them. */
export function openQueryDictionary(bytes: Uint8Array): Morphology {
  const { parts } = unpackParts(QUERY_DICTIONARY_FORMAT, bytes, 'the query dictionary');
  const part = (name: PartName) => {
    const p = parts[name];
    if (!p) throw appError('INDEX_CORRUPT', `the query dictionary has no ${name}: run \`npm run ingest\``);
    return p;
  };
  const base = viewOf(part('base'), Int32Array);
  const check = viewOf(part('check'), Int32Array);
  const dictionaries = new DynamicDictionaries()
    .loadTrie(base, check)
    .loadConnectionCosts(viewOf(part('cc'), Int16Array))
    .loadUnknownDictionaries(part('unk'), part('unk_pos'), part('unk_map'), part('unk_char'), viewOf(part('unk_compat'), Uint32Array), part('unk_invoke'));
  const tokenInfo = dictionaries.token_info_dictionary;
  tokenInfo.loadDictionary(part('tid'));
  tokenInfo.loadPosVector(part('tid_pos'));
  tokenInfo.target_map = compactTargetMap(viewOf(part('tid_map'), Int32Array));
  dictionaries.trie = { commonPrefixSearch: prefixSearch(base, check, dictionaries.trie) };
  return new Tokenizer(dictionaries);
}

type PrefixSearch = (tail: string) => { k: string; v: number }[];

/**
 * The dictionary words that start `tail`, as kuromoji's double-array trie finds them, without its cost:
 * it encodes the whole rest of the text to UTF-8 at every position and decodes every match back. This
 * walks the same arrays a character at a time, at most as far as a word can span, and cuts each match
 * from `tail`. Text with surrogate pairs (no IPADIC word has one) is left to kuromoji's own search.
 */
function prefixSearch(base: Int32Array, check: Int32Array, trie: { commonPrefixSearch: PrefixSearch }): PrefixSearch {
  const NONE = -1;
  const child = (parent: number, byte: number) => {
    if (parent === NONE) return NONE;
    const at = (parent < base.length ? base[parent]! : 1 - parent) + byte;
    return at >= 0 && at < check.length && check[at] === parent ? at : NONE;
  };
  return (tail) => {
    const found: { k: string; v: number }[] = [];
    let node = 0;
    const end = Math.min(tail.length, LONGEST_SURFACE);
    for (let i = 0; i < end; i++) {
      const c = tail.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) return trie.commonPrefixSearch(tail.slice(0, LONGEST_SURFACE));
      if (c < 0x80) node = child(node, c);
      else if (c < 0x800) node = child(child(node, (c >>> 6) | 0xc0), (c & 0x3f) | 0x80);
      else node = child(child(child(node, (c >>> 12) | 0xe0), ((c >>> 6) & 0x3f) | 0x80), (c & 0x3f) | 0x80);
      if (node === NONE) break;
      // A word ends here when the node has a child for the terminal code 0, a leaf whose base is −1 − its id.
      const leaf = child(node, 0);
      if (leaf !== NONE && base[leaf]! <= 0) found.push({ k: tail.slice(0, i + 1), v: -base[leaf]! - 1 });
    }
    return found;
  };
}

/**
 * kuromoji's map from a trie id to its entries, without the object of 200k arrays its loader builds
 * (35 MB of heap): two typed arrays, read through a proxy, which is all its Viterbi search asks of it.
 * The input is kuromoji's layout: a count, then per key the key, the number of entries, the entries.
 */
function compactTargetMap(ints: Int32Array): Record<number, ArrayLike<number>> {
  let maxKey = -1;
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]!) maxKey = Math.max(maxKey, ints[at]!);
  const starts = new Int32Array(maxKey + 2);
  const ends = new Int32Array(maxKey + 2);
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]!) {
    starts[ints[at]!] = at + 2;
    ends[ints[at]!] = at + 2 + ints[at + 1]!;
  }
  return new Proxy({} as Record<number, ArrayLike<number>>, {
    get: (_, key) => {
      const id = Number(key);
      return id >= 0 && id <= maxKey ? ints.subarray(starts[id], ends[id]) : undefined;
    },
  });
}
