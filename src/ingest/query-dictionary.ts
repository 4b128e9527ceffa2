import DictionaryBuilder from 'kuromoji/src/dict/builder/DictionaryBuilder.js';
import type { Morphology } from '../text/morphemes.js';
import { normalize } from '../text/normalize.js';
import { LONGEST_SURFACE, packQueryDictionary, QUERY_DICTIONARY_FORMAT, type PartName } from '../text/query-dictionary.js';
import { unpackParts, viewOf } from '../vectors/pack.js';

/** kuromoji's tokenizer with the full IPADIC loaded, as `kuromoji.builder().build()` gives it. */
export type Kuromoji = Morphology & KuromojiInternals;

/** The parts of kuromoji's loaded tokenizer the Workers dictionary is cut from. */
export interface KuromojiInternals {
  token_info_dictionary: {
    dictionary: { getShort(at: number): number };
    target_map: Record<string, number[]>;
    getFeatures(id: string): string;
  };
  viterbi_builder: { trie: { commonPrefixSearch(text: string): { k: string; v: number }[] } };
}

/** kuromoji's IPADIC files (`dict/*.dat.gz`, unzipped), by part: what ingest packs into the index. */
export type IpadicFiles = Record<PartName, Uint8Array>;

/**
 * kuromoji's full IPADIC without the padding of its files and with only the features the analyser reads
 * (100 MB of files, 41.5 MB here), packed straight from the files: kuromoji's loader would first build
 * ~380 MB of objects. The index's dictionary on Node: it analyses the corpus at ingest and every question.
 */
export function packFullDictionary(files: IpadicFiles): Uint8Array {
  let bytes = full.get(files);
  if (!bytes) {
    const known = entryTableFiles(files.tid, files.tid_pos, files.tid_map);
    const unknown = entryTableFiles(files.unk, files.unk_pos, files.unk_map);
    const { tid, pos } = analyserFeatures(known.tid, known.pos);
    const [base, check] = usedTrie(files.base, files.check);
    const parts: IpadicFiles = {
      base,
      check,
      tid,
      tid_pos: pos,
      tid_map: known.map,
      cc: files.cc,
      unk: unknown.tid,
      unk_pos: unknown.pos,
      unk_map: unknown.map,
      unk_char: files.unk_char,
      unk_compat: files.unk_compat,
      unk_invoke: invokeDefinitionBytes(files.unk_invoke),
    };
    full.set(files, (bytes = packQueryDictionary(parts, known.entries)));
  }
  return bytes;
}

const full = new WeakMap<IpadicFiles, Uint8Array>();

/** The trie's base and check arrays up to the last node in use and one unused after it, as kuromoji keeps them. */
function usedTrie(base: Uint8Array, check: Uint8Array): [Uint8Array, Uint8Array] {
  const checks = viewOf(check, Int32Array);
  let last = checks.length - 1;
  while (last >= 0 && checks[last]! < 0) last--;
  const bytes = (last + 2) * 4;
  return [base.subarray(0, bytes), check.subarray(0, bytes)];
}

/**
 * An entry table's files without their padding: its entries and feature strings up to the last one the
 * map refers to, and the map itself (a count of keys, then per key the key, the number of entries, the
 * entries; all 32-bit).
 */
function entryTableFiles(tid: Uint8Array, pos: Uint8Array, map: Uint8Array): { tid: Uint8Array; pos: Uint8Array; map: Uint8Array; entries: number } {
  const ints = viewOf(map, Int32Array);
  const entryView = new DataView(tid.buffer, tid.byteOffset, tid.byteLength);
  let at = 1;
  let entries = 0;
  let tidEnd = 0;
  let lastFeatures = 0;
  for (let key = 0; key < ints[0]!; key++) {
    const count = ints[at + 1]!;
    for (const id of ints.subarray(at + 2, at + 2 + count)) {
      entries++;
      tidEnd = Math.max(tidEnd, id + ENTRY_BYTES);
      lastFeatures = Math.max(lastFeatures, entryView.getInt32(id + 6, true));
    }
    at += 2 + count;
  }
  return { tid: tid.subarray(0, tidEnd), pos: pos.subarray(0, pos.indexOf(0, lastFeatures) + 1), map: map.subarray(0, at * 4), entries };
}

/** The character classes of kuromoji's invoke-definition file, without the empty ones that pad it. */
function invokeDefinitionBytes(file: Uint8Array): Uint8Array {
  // Per class: always-invoke (1 byte), grouping (1 byte), max length (4 bytes), name (UTF-8, then a 0).
  let at = 0;
  while (at + 6 < file.length && file[at + 6] !== 0) at = file.indexOf(0, at + 6) + 1;
  return file.slice(0, at);
}

/**
 * Rewrites each entry's features (surface, part of speech, three details, conjugation type and form,
 * base form, reading, pronunciation) as `surface,pos,detail,*,*,*,*,base`: what the analyser reads,
 * at half the bytes to decode per token. Works on the UTF-8 bytes, where a comma is always a comma.
 */
function analyserFeatures(tid: Uint8Array, pos: Uint8Array): { tid: Uint8Array; pos: Uint8Array } {
  const entries = tid.slice();
  const view = new DataView(entries.buffer, entries.byteOffset, entries.byteLength);
  const out = new Uint8Array(pos.byteLength);
  let at = 0;
  const copy = (from: number, to: number) => {
    out.set(pos.subarray(from, to), at);
    at += to - from;
  };
  // Field n ends at the n-th comma: 3 after the detail, 7 after the conjugation form, 8 after the base.
  const comma = new Int32Array(9);
  for (let entry = 0; entry + ENTRY_BYTES <= entries.byteLength; entry += ENTRY_BYTES) {
    const start = view.getInt32(entry + 6, true);
    const end = pos.indexOf(0, start);
    comma[0] = start - 1;
    for (let n = 1; n <= 8; n++) {
      const next = comma[n - 1]! < end ? pos.indexOf(COMMA, comma[n - 1]! + 1) : end;
      comma[n] = next < 0 || next > end ? end : next;
    }
    view.setInt32(entry + 6, at, true);
    if (comma[7] === end) {
      copy(start, end); // not the IPADIC layout: kept as it is
    } else {
      copy(start, comma[3]!);
      out.set(STARS, at);
      at += STARS.length;
      copy(comma[7]! + 1, comma[8]!);
    }
    out[at++] = 0;
  }
  return { tid: entries, pos: out.slice(0, at) };
}

const STARS = new TextEncoder().encode(',*,*,*,*,');
const COMMA = 0x2c;

/**
 * Cuts a smaller dictionary out of kuromoji's full IPADIC, for runtimes with little memory (Workers):
 * every entry except rare proper nouns (of 151k names of people, places and organisations, the common
 * ones stay) and rare conjugations, plus every entry that occurs anywhere in the corpus, so that the
 * corpus is segmented exactly as it was indexed. Only the features the analyser reads are kept (part of
 * speech and base form). `npm run bench -- analysis` measures how often a question is analysed differently.
 */
export function buildQueryDictionary(kuromoji: KuromojiInternals, full: Uint8Array, corpusTexts: Iterable<string>): Uint8Array {
  const { common, rare } = candidatesOf(kuromoji);
  const inCorpus = corpusEntries(kuromoji, corpusTexts);
  const kept = rare.filter((c) => inCorpus.has(c.id));
  // Bundling one corpus again in a process (the tests do) skips the seconds the trie takes to build.
  const key = kept.map((c) => c.id).join(',');
  let bytes = recent.get(key);
  if (!bytes) {
    bytes = pack(full, [...common, ...kept]);
    if (recent.size >= 4) recent.clear();
    recent.set(key, bytes);
  }
  return bytes;
}

const recent = new Map<string, Uint8Array>();

interface Candidate {
  id: number;
  /** The entry as kuromoji's builder reads it: surface, left id, right id, cost, features. */
  line: string;
}

const candidates = new WeakMap<KuromojiInternals, { common: Candidate[]; rare: Candidate[] }>();

/** Every IPADIC entry, split into those always kept and those kept only when the corpus has them. */
function candidatesOf(kuromoji: KuromojiInternals): { common: Candidate[]; rare: Candidate[] } {
  const hit = candidates.get(kuromoji);
  if (hit) return hit;
  const tid = kuromoji.token_info_dictionary;
  const { dictionary: d } = tid;
  const out = { common: [] as Candidate[], rare: [] as Candidate[] };
  for (const ids of Object.values(tid.target_map)) {
    for (const id of ids) {
      const [surface, pos, pos1, , , , form, base] = tid.getFeatures(String(id)).split(',');
      if (!surface) continue;
      const cost = d.getShort(id + 4);
      const line = [surface, d.getShort(id), d.getShort(id + 2), cost, pos, pos1, '*', '*', '*', '*', base === surface ? '*' : base].join(',');
      const rare = (pos1 === '固有名詞' && cost > MAX_PROPER_NOUN_COST) || RARE_FORMS.has(`${pos}:${form}`);
      (rare ? out.rare : out.common).push({ id, line });
    }
  }
  candidates.set(kuromoji, out);
  return out;
}

/** The entries in a trie and tables of their own; connection costs and unknown words as in the full dictionary. */
function pack(full: Uint8Array, entries: Candidate[]): Uint8Array {
  const builder = new DictionaryBuilder();
  for (const e of entries) builder.addTokenInfoDictionary(e.line);
  const { trie, token_info_dictionary: built } = builder.buildTokenInfoDictionary();
  const parts: Record<PartName, Uint8Array> = {
    base: bytesOf(trie.bc.getBaseBuffer()),
    check: bytesOf(trie.bc.getCheckBuffer()),
    tid: built.dictionary.buffer,
    tid_pos: built.pos_buffer.buffer,
    tid_map: built.targetMapToBuffer(),
    ...sharedParts(full),
  };
  return packQueryDictionary(parts, entries.length);
}

/** Connection costs and the unknown-word model: the same in every dictionary cut from IPADIC. */
function sharedParts(full: Uint8Array): Pick<Record<PartName, Uint8Array>, 'cc' | 'unk' | 'unk_pos' | 'unk_map' | 'unk_char' | 'unk_compat' | 'unk_invoke'> {
  const { parts } = unpackParts(QUERY_DICTIONARY_FORMAT, full, 'the full query dictionary');
  const { cc, unk, unk_pos, unk_map, unk_char, unk_compat, unk_invoke } = parts as Record<PartName, Uint8Array>;
  return { cc, unk, unk_pos, unk_map, unk_char, unk_compat, unk_invoke };
}

// IPADIC's cost falls as a word gets more common: 東京 3003, 農林水産省 6849, most village names 8676.
const MAX_PROPER_NOUN_COST = 7000;
// Contracted and classical conjugations (書きゃ, 高し, 高からず …) that questions do not use.
const RARE_FORMS = new Set(['動詞:仮定縮約１', '動詞:体言接続特殊', '動詞:体言接続特殊２', '形容詞:連用ゴザイ接続', '形容詞:文語基本形', '形容詞:未然ヌ接続', '形容詞:命令ｅ', '形容詞:仮定縮約１', '形容詞:仮定縮約２']);

/** Every dictionary entry that matches somewhere in the texts: the lattice kuromoji searched at ingest. */
function corpusEntries(kuromoji: KuromojiInternals, texts: Iterable<string>): Set<number> {
  const { trie } = kuromoji.viterbi_builder;
  const map = kuromoji.token_info_dictionary.target_map;
  const out = new Set<number>();
  for (const raw of texts) {
    const text = normalize(raw);
    for (let i = 0; i < text.length; i++) {
      for (const { v } of trie.commonPrefixSearch(text.slice(i, i + LONGEST_SURFACE))) for (const id of map[v] ?? []) out.add(id);
    }
  }
  return out;
}

// left id, right id, cost (shorts) and the offset of the features (int).
const ENTRY_BYTES = 10;

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
