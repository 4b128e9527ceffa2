import Tokenizer from 'kuromoji/src/Tokenizer.js';
import type { IpadicFeatures } from 'kuromoji';
import DynamicDictionaries from 'kuromoji/src/dict/DynamicDictionaries.js';
import { appError } from '../errors.js';
import { packParts, unpackParts, viewOf } from '../vectors/pack.js';
import type { Morphology } from './morphemes.js';
import { createViterbi } from './viterbi.js';

/**
 * The query dictionary: IPADIC in kuromoji's own binary layout, packed into one file: the whole of it in
 * the index (Node), or the part that questions and the corpus need in the Worker's bundle. kuromoji's
 * Viterbi search (`viterbi.ts`) runs over it as over its own files, in a fraction of the memory and with
 * no file system: Node reads the file, a Worker imports it.
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

/** kuromoji's tokenization (`viterbi.ts`) over a packed query dictionary, viewing the bytes without copying them. */
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
  tokenInfo.getFeatures = featureReader(part('tid'), part('tid_pos'));
  const targets = targetMap(viewOf(part('tid_map'), Int32Array));
  // kuromoji's own lattice builder, for sentences with surrogate pairs, reads the map through this.
  tokenInfo.target_map = new Proxy({} as Record<number, ArrayLike<number>>, {
    get: (_, key) => {
      const id = Number(key);
      return id >= 0 && id < targets.starts.length ? targets.ints.subarray(targets.starts[id], targets.ends[id]) : undefined;
    },
  });
  const tokenizer = new Tokenizer(dictionaries);
  const trie = new Trie(base, check);
  return createViterbi(
    { words: (text, from, to, found) => trie.words(text, from, to, found), targets, entries: part('tid'), costs: viewOf(part('cc'), Int16Array), features: tokenInfo.getFeatures, unknown: dictionaries.unknown_dictionary },
    (piece, tokens) => tokenizer.tokenizeForSentence(piece, tokens as unknown as IpadicFeatures[]),
  );
}

/**
 * kuromoji's `getFeatures`: an entry's feature line (品詞, 基本形 …), read with TextDecoder. kuromoji copies the
 * line into an array a byte at a time and decodes it into a string built a character at a time: half the
 * time of analysing a question.
 *
 * @example featureReader(tid, tidPos)(wordId).split(',')[1] // '名詞'
 */
export function featureReader(tid: Uint8Array, features: Uint8Array): (wordId: number | string) => string {
  const entries = new DataView(tid.buffer, tid.byteOffset, tid.byteLength);
  const utf8 = new TextDecoder();
  return (wordId) => {
    const id = typeof wordId === 'number' ? wordId : parseInt(wordId);
    if (isNaN(id)) return '';
    // An entry: left id, right id, cost (16-bit each), then where its feature line starts.
    const at = id + 10 <= tid.length ? entries.getInt32(id + 6, true) : 0;
    const end = features.indexOf(0, at);
    return utf8.decode(features.subarray(at, end < 0 ? features.length : end));
  };
}

/** kuromoji's double-array trie, read in place. */
class Trie {
  /** From the root, each UTF-16 code unit's node, and the trie id of the one-character word it is (else NO_WORD): the step every position takes. */
  private readonly first = new Int32Array(0x10000);
  private readonly firstWord = new Int32Array(0x10000);

  constructor(
    private readonly base: Int32Array,
    private readonly check: Int32Array,
  ) {
    for (let c = 0; c < 0x10000; c++) {
      this.first[c] = this.step(0, c);
      this.firstWord[c] = this.word(this.first[c]!);
    }
  }

  /**
   * The dictionary words that start at `from` and end by `to`, shortest first, written into `found` as (length, trie id)
   * pairs; returns how many. The words kuromoji's prefix search finds, walked a character at a time (UTF-8
   * bytes, as the trie is keyed), at most as far as a word can span.
   */
  words(text: string, from: number, to: number, found: Int32Array): number {
    if (from >= to) return 0;
    const c = text.charCodeAt(from);
    let node = this.first[c]!;
    let count = 0;
    if (this.firstWord[c]! !== NO_WORD) {
      found[count++] = 1;
      found[count++] = this.firstWord[c]!;
    }
    const end = Math.min(to, from + LONGEST_SURFACE);
    for (let i = from + 1; i < end && node !== NONE; i++) {
      node = this.step(node, text.charCodeAt(i));
      const id = this.word(node);
      if (id !== NO_WORD) {
        found[count++] = i + 1 - from;
        found[count++] = id;
      }
    }
    return count / 2;
  }

  /** The node after a character's UTF-8 bytes. */
  private step(node: number, c: number): number {
    if (c < 0x80) return this.child(node, c);
    if (c < 0x800) return this.child(this.child(node, (c >>> 6) | 0xc0), (c & 0x3f) | 0x80);
    return this.child(this.child(this.child(node, (c >>> 12) | 0xe0), ((c >>> 6) & 0x3f) | 0x80), (c & 0x3f) | 0x80);
  }

  /** The trie id of the word ending at a node (NO_WORD when none): a child for the terminal code 0, a leaf whose base is −1 − its id. */
  private word(node: number): number {
    const leaf = this.child(node, 0);
    return leaf !== NONE && this.base[leaf]! <= 0 ? -this.base[leaf]! - 1 : NO_WORD;
  }

  private child(parent: number, byte: number): number {
    if (parent === NONE) return NONE;
    const at = (parent < this.base.length ? this.base[parent]! : 1 - parent) + byte;
    return at >= 0 && at < this.check.length && this.check[at] === parent ? at : NONE;
  }
}

const NONE = -1;
// A leaf's id is −1 − its base (base ≤ 0): never below −1.
const NO_WORD = -2;

/**
 * kuromoji's map from a trie id to its entries, without the object of 200k arrays its loader builds
 * (35 MB of heap): where each id's entries start and end in the file's own integers. The input is
 * kuromoji's layout: a count, then per key the key, the number of entries, the entries.
 */
interface TargetMap {
  ints: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

function targetMap(ints: Int32Array): TargetMap {
  let maxKey = -1;
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]!) maxKey = Math.max(maxKey, ints[at]!);
  const starts = new Int32Array(maxKey + 2);
  const ends = new Int32Array(maxKey + 2);
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]!) {
    starts[ints[at]!] = at + 2;
    ends[ints[at]!] = at + 2 + ints[at + 1]!;
  }
  return { ints, starts, ends };
}
