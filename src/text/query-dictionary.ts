import Tokenizer from 'kuromoji/src/Tokenizer.js';
import DynamicDictionaries from 'kuromoji/src/dict/DynamicDictionaries.js';
import { appError } from '../errors.js';
import type { Morphology } from './morphemes.js';

/**
 * The query dictionary: the part of IPADIC that questions and the corpus need, in kuromoji's own binary
 * layout, packed into one file of the index. It tokenises with kuromoji's Viterbi search exactly as the
 * full dictionary does for any text made of its entries, in a fraction of the memory, with no file
 * system: Node reads the file, a Worker imports it.
 */
export const QUERY_DICTIONARY_FORMAT = 'madoguchi-query-dictionary/1';

/** kuromoji's dictionary files, by the names its loader gives them (without `.dat.gz`). */
export const PARTS = ['base', 'check', 'tid', 'tid_pos', 'tid_map', 'cc', 'unk', 'unk_pos', 'unk_map', 'unk_char', 'unk_compat', 'unk_invoke'] as const;
export type PartName = (typeof PARTS)[number];

// Every part starts on an 8-byte boundary so that its typed-array views need no copy.
const ALIGN = 8;

/** Layout: u32 header length, the JSON header, then the parts at the header's offsets from the next boundary. */
export function packQueryDictionary(parts: Record<PartName, Uint8Array>, entries: number): Uint8Array {
  const offsets = {} as Record<PartName, [number, number]>;
  let at = 0;
  for (const name of PARTS) {
    offsets[name] = [at, parts[name].byteLength];
    at = align(at + parts[name].byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ format: QUERY_DICTIONARY_FORMAT, entries, parts: offsets } satisfies QueryDictionaryHeader));
  const start = align(4 + header.length);
  const out = new Uint8Array(start + at);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  for (const name of PARTS) out.set(parts[name], start + offsets[name][0]);
  return out;
}

export interface QueryDictionaryHeader {
  format: string;
  entries: number;
  /** Offsets from the first 8-byte boundary after the header. */
  parts: Record<PartName, [offset: number, length: number]>;
}

export function readQueryDictionaryHeader(bytes: Uint8Array): QueryDictionaryHeader & { start: number } {
  const corrupt = (why: string) => appError('INDEX_CORRUPT', `the query dictionary is unreadable (${why}): run \`npm run ingest\``);
  if (bytes.byteLength < 4) throw corrupt('too short');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  let header: QueryDictionaryHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as QueryDictionaryHeader;
  } catch {
    throw corrupt('bad header');
  }
  if (header.format !== QUERY_DICTIONARY_FORMAT) throw corrupt(`format ${String(header.format)}, expected ${QUERY_DICTIONARY_FORMAT}`);
  const start = align(4 + length);
  for (const name of PARTS) {
    const [offset, size] = header.parts?.[name] ?? [-1, -1];
    if (!(offset >= 0 && size >= 0 && offset % ALIGN === 0 && start + offset + size <= bytes.byteLength)) throw corrupt(`part ${name} out of bounds`);
  }
  return { ...header, start };
}

/**
 * kuromoji's tokenizer over a packed query dictionary. The bytes are viewed, not copied, when they
 * start on an 8-byte boundary.
 */
export function openQueryDictionary(bytes: Uint8Array): Morphology {
  const aligned = bytes.byteOffset % ALIGN === 0 ? bytes : bytes.slice();
  const { parts, start } = readQueryDictionaryHeader(aligned);
  const view = <T>(name: PartName, Type: new (buffer: ArrayBufferLike, offset: number, length: number) => T, width: number): T => {
    const [offset, size] = parts[name];
    return new Type(aligned.buffer, aligned.byteOffset + start + offset, size / width);
  };
  const dictionaries = new DynamicDictionaries()
    .loadTrie(view('base', Int32Array, 4), view('check', Int32Array, 4))
    .loadTokenInfoDictionaries(view('tid', Uint8Array, 1), view('tid_pos', Uint8Array, 1), view('tid_map', Uint8Array, 1))
    .loadConnectionCosts(view('cc', Int16Array, 2))
    .loadUnknownDictionaries(
      view('unk', Uint8Array, 1),
      view('unk_pos', Uint8Array, 1),
      view('unk_map', Uint8Array, 1),
      view('unk_char', Uint8Array, 1),
      view('unk_compat', Uint32Array, 4),
      view('unk_invoke', Uint8Array, 1),
    );
  return new Tokenizer(dictionaries);
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
