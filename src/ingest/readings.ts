import { baseForm, isContent, type Morpheme, type Morphology } from '../text/morphemes.js';
import { toKatakana, type ReadingTable } from '../text/readings.js';
import { packParts, unpackParts, viewOf } from '../vectors/pack.js';
import type { IpadicFiles } from './query-dictionary.js';

/** A kuromoji token: which dictionary entry it is, beside the features the analyser reads. */
interface Token extends Morpheme {
  word_id: number;
  word_type: string;
}

/** What the corpus's analysis met: each known entry (by id) and each unknown word (by surface), with counts. */
export interface ReadingsSeen {
  known: Map<number, number>;
  unknown: Map<string, number>;
}

/**
 * The morphology ingest analyses the corpus with, noting every dictionary entry it meets: the readings
 * table is then the readings of the very words the corpus was indexed with, in their context, and costs
 * no second analysis.
 */
export function noteEntries(morphology: Morphology): { morphology: Morphology; seen: ReadingsSeen } {
  const seen: ReadingsSeen = { known: new Map(), unknown: new Map() };
  return {
    seen,
    morphology: {
      tokenize(text) {
        const tokens = morphology.tokenize(text) as Token[];
        for (const t of tokens) {
          if (t.word_type === 'KNOWN') seen.known.set(t.word_id, (seen.known.get(t.word_id) ?? 0) + 1);
          else if (KANA.test(t.surface_form)) seen.unknown.set(t.surface_form, (seen.unknown.get(t.surface_form) ?? 0) + 1);
        }
        return tokens;
      },
    },
  };
}

const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;
const KATAKANA = /^[\p{Script=Katakana}ー]+$/u;

/** Katakana reading → corpus word → how often the corpus used it so, before it is checked against the vocabulary. */
export type ReadingUses = [reading: string, word: string, count: number][];

/**
 * What a segment's analysis met, as readings: each content entry's IPADIC reading with its base form, and
 * each unknown kana word read as written. Counts add up across segments, so each segment's are kept with
 * it and the corpus's table is made from them without IPADIC (`readingTable`).
 */
export function readingUses(readingOf: ReadingOf, seen: ReadingsSeen): ReadingUses {
  const out: ReadingUses = [];
  for (const [id, count] of seen.known) {
    const e = readingOf(id);
    if (e) out.push([e[0], e[1], count]);
  }
  for (const [surface, count] of seen.unknown) {
    const reading = toKatakana(surface);
    if (KATAKANA.test(reading)) out.push([reading, surface, count]);
  }
  return out;
}

/** A dictionary entry (by id) → its katakana reading and base form, where it is a content word read in katakana; else null. */
export type ReadingOf = (id: number) => [reading: string, base: string] | null;

const READINGS_FORMAT = 'madoguchi-entry-readings/1';

/**
 * Every IPADIC entry's `ReadingOf`, in one file (the ids, and the readings and base forms as text): read
 * back in no time, where IPADIC's files take a second to unzip and read through.
 */
export function packEntryReadings(files: IpadicFiles): Uint8Array {
  const entries = entryReader(files);
  const found: [number, string][] = [];
  entries.each((id) => {
    const e = entries.features(id);
    if (e && isContent(e, e.base) && KATAKANA.test(e.reading)) found.push([id, `${e.reading}\u0000${e.base}`]);
  });
  found.sort((a, b) => a[0] - b[0]);
  const unique = found.filter((f, i) => i === 0 || f[0] !== found[i - 1]![0]);
  const encoder = new TextEncoder();
  const texts = unique.map((f) => encoder.encode(f[1]));
  const ids = Int32Array.from(unique, (f) => f[0]);
  const starts = new Uint32Array(texts.length + 1);
  texts.forEach((t, i) => (starts[i + 1] = starts[i]! + t.length));
  const text = new Uint8Array(starts[texts.length]!);
  texts.forEach((t, i) => text.set(t, starts[i]!));
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return packParts(READINGS_FORMAT, { ids: bytes(ids), starts: bytes(starts), text });
}

/** `ReadingOf` from `packEntryReadings`'s bytes. Throws INDEX_CORRUPT. */
export function entryReadings(packed: Uint8Array): ReadingOf {
  const { parts } = unpackParts(READINGS_FORMAT, packed, 'the entry readings');
  const ids = viewOf(parts.ids!, Int32Array);
  const starts = viewOf(parts.starts!, Uint32Array);
  const text = parts.text!;
  const decoder = new TextDecoder();
  // Every segment meets the common entries again: each is decoded once.
  const decoded = new Map<number, [reading: string, base: string] | null>();
  const lookup = (id: number): [reading: string, base: string] | null => {
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] === id) {
        const [reading, base] = decoder.decode(text.subarray(starts[mid], starts[mid + 1])).split('\u0000');
        return [reading!, base!];
      }
      if (ids[mid]! < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  };
  return (id) => {
    let e = decoded.get(id);
    if (e === undefined) decoded.set(id, (e = lookup(id)));
    return e;
  };
}

/**
 * Katakana reading → the corpus words (as indexed) read so, from IPADIC's reading of each entry the
 * corpus used (an unknown kana word reads as written; `readingUses`, summed over the segments); plus the
 * readings of every entry the analyser drops (particles, auxiliaries, pronouns, light verbs), which a kana
 * question is read past, and of every kanji written alone (not as a name), by which a kanji converted
 * wrongly is told (`dictionaryReadings`).
 *
 * @example readingTable([uses], (w) => lexical.hasWord(w), dictionaryReadings(files)).words['シエン'] // ['支援']
 */
export function readingTable(segments: readonly ReadingUses[], known: (word: string) => boolean, dictionary: Pick<ReadingTable, 'skip' | 'kanji'>): ReadingTable {
  const uses = new Map<string, Map<string, number>>();
  for (const segment of segments) {
    for (const [reading, word, count] of segment) {
      if (!known(word)) continue;
      let words = uses.get(reading);
      if (!words) uses.set(reading, (words = new Map()));
      words.set(word, (words.get(word) ?? 0) + count);
    }
  }
  const words: ReadingTable['words'] = {};
  for (const reading of [...uses.keys()].sort()) {
    words[reading] = [...uses.get(reading)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  }
  return { words, skip: dictionary.skip, kanji: dictionary.kanji };
}

/**
 * From the whole of IPADIC, the same for every corpus (so read once): the readings of every entry the
 * analyser drops, and of every kanji written alone.
 */
export function dictionaryReadings(files: IpadicFiles): Pick<ReadingTable, 'skip' | 'kanji'> {
  let hit = dictionary.get(files);
  if (hit) return hit;
  const entries = entryReader(files);
  const skip = new Set<string>();
  const kanji = new Map<string, Set<string>>();
  entries.each((id, bytes, at) => {
    // Only entries that may matter are decoded: a function word's part of speech, a verb or adjective
    // written in hiragana (the light verbs する, ある, できる …), or one character of three UTF-8 bytes.
    const single = bytes[at + 3] === COMMA && bytes[at]! >= 0xe3;
    if (!single && !DROPPABLE.some((p) => startsWith(bytes, at, p)) && !(HIRAGANA_LEAD(bytes, at) && CONJUGATING.some((p) => startsWith(bytes, bytes.indexOf(COMMA, at) + 1, p)))) return;
    const e = entries.features(id);
    if (!e || !KATAKANA.test(e.reading)) return;
    if (!isContent(e, e.base)) skip.add(e.reading);
    // A kanji's names (彰: アキラ, as a given name) are not how it sounds in a word.
    if (single && HAN.test(e.surface) && e.pos_detail_1 !== '固有名詞') {
      let sounds = kanji.get(e.surface);
      if (!sounds) kanji.set(e.surface, (sounds = new Set()));
      sounds.add(e.reading);
    }
  });
  hit = { skip: [...skip].sort(), kanji: Object.fromEntries([...kanji.keys()].sort().map((k) => [k, [...kanji.get(k)!].sort()])) };
  dictionary.set(files, hit);
  return hit;
}

const dictionary = new WeakMap<IpadicFiles, Pick<ReadingTable, 'skip' | 'kanji'>>();
const HAN = /^\p{Script=Han}$/u;
const encode = (s: string) => new TextEncoder().encode(s);
/** Parts of speech (after the surface's comma) of entries the analyser may drop. */
const DROPPABLE = ['助詞', '助動詞', '連体詞', '接続詞', '感動詞', 'フィラー', 'その他', '名詞,非自立', '名詞,代名詞', '動詞,非自立', '形容詞,非自立'].map((p) => encode(`,${p},`));
const CONJUGATING = ['動詞,', '形容詞,'].map(encode);
const COMMA = 0x2c;
// Hiragana in UTF-8: E3 81 80–E3 82 9F.
const HIRAGANA_LEAD = (b: Uint8Array, at: number) => b[at] === 0xe3 && (b[at + 1] === 0x81 || b[at + 1] === 0x82);

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at < 0) return false;
  // The part of speech follows the surface's comma: look for the prefix there.
  const start = prefix[0] === COMMA ? bytes.indexOf(COMMA, at) : at;
  if (start < 0) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[start + i] !== prefix[i]) return false;
  return true;
}

interface Entry {
  surface: string;
  pos: string;
  pos_detail_1: string;
  base: string;
  reading: string;
}

/** IPADIC's entries as kuromoji's files hold them: a 10-byte record per id, its features as one string. */
function entryReader(files: IpadicFiles) {
  const records = new DataView(files.tid.buffer, files.tid.byteOffset, files.tid.byteLength);
  const features = files.tid_pos;
  const decoder = new TextDecoder();
  return {
    /** surface, pos, three details, conjugation type and form, base form, reading, pronunciation. */
    features(id: number): Entry | null {
      if (id < 0 || id + 10 > records.byteLength) return null;
      const at = records.getInt32(id + 6, true);
      const [surface, pos, pos_detail_1, , , , , basic_form, reading] = decoder.decode(features.subarray(at, features.indexOf(0, at))).split(',');
      if (!surface || !pos || reading === undefined) return null;
      return { surface, pos, pos_detail_1: pos_detail_1 ?? '*', base: baseForm({ surface_form: surface, pos, pos_detail_1: pos_detail_1 ?? '*', basic_form: basic_form ?? '*' }), reading };
    },
    /** Each entry of the map: its id, and the feature bytes with where its features start. */
    each(visit: (id: number, bytes: Uint8Array, at: number) => void): void {
      const map = viewOf(files.tid_map, Int32Array);
      let at = 1;
      for (let key = 0; key < map[0]!; key++) {
        const count = map[at + 1]!;
        for (let k = 0; k < count; k++) {
          const id = map[at + 2 + k]!;
          visit(id, features, records.getInt32(id + 6, true));
        }
        at += 2 + count;
      }
    },
  };
}
