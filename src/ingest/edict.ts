import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EDICT_FILE } from '../config.js';
import { indexEdict, type EdictEntry, type EdictGlosses, type EdictSense } from '../text/english-table.js';
import type { TableCache } from './tables.js';

/**
 * EDICT's tags other than parts of speech (fields, usage, dialects …): read off the start of a gloss so
 * that what remains is the English. A parenthesis that is not a tag, as in "(hospital) nurse", stays.
 */
const TAGS = new Set(
  ('P uk abbr arch ateji chn col dated derog eK ek fam fem gikun hist hon hum iK id ik io joc litf m-sl male male-sl net-sl oK obs obsc ' +
    'ok on-mim poet pol proverb quote rare sens sl uK vulg X yoji aphorism form ' +
    'Buddh Christn MA Shinto anat archit astron baseb biol bot bus chem comp econ engr finc food geol geom gramm hanaf law ling mahj ' +
    'math med mil music physics shogi sports sumo tradem zool').split(' '),
);
const POS =
  /^(adj(-i|-ix|-na|-no|-pn|-t|-f|-ku|-shiku|-nari)?|adv(-to)?|aux(-v|-adj)?|conj|cop|ctr|exp|int|n(-adv|-suf|-pref|-t|-pr)?|num|pn|pref|prt|suf|unc|v1(-s)?|v2\w-[ks]|v4\w|v5\w{0,3}(-[is])?|vk|vn|vr|vs(-[cis])?|vz|vi|vt|v-unspec)$/;
/** A dialect (ksb: Kansai-ben …). */
const DIALECT = /^\w+:$/;

/**
 * One line of EDICT (`漢字 [かな] /(n,vs) (1) gloss/gloss/(n) (2) gloss/(P)/`, or `かな /…/` for a word
 * written in kana): its headword, reading, priority mark and senses with their parts of speech, tags and
 * glosses. Null for the header line and anything else that is not an entry.
 *
 * @example parseEdictLine('融資 [ゆうし] /(n,vs) financing/loan/(P)/') // { headword: '融資', reading: 'ゆうし', priority: true, senses: [{ pos: ['n', 'vs'], tags: [], glosses: ['financing', 'loan'] }] }
 */
export function parseEdictLine(line: string): EdictEntry | null {
  const at = line.indexOf(' /');
  if (at < 0 || line.startsWith('　')) return null;
  const head = /^(\S+)(?: \[(\S+)\])?$/.exec(line.slice(0, at));
  if (!head) return null;
  const fields = line.slice(at + 2).split('/').filter((f) => f.length > 0);
  let priority = false;
  const senses: EdictSense[] = [];
  let sense: EdictSense = { pos: [], tags: [], glosses: [] };
  let pos: string[] = [];
  const next = () => {
    if (sense.glosses.length) senses.push(sense);
    sense = { pos, tags: [], glosses: [] };
  };
  for (const field of fields) {
    let rest = field;
    for (let m: RegExpExecArray | null; (m = /^\(([^()]*)\)\s*/.exec(rest)); rest = rest.slice(m[0].length)) {
      const parts = m[1]!.split(',');
      if (/^\d+$/.test(m[1]!)) {
        if (sense.glosses.length) next();
      } else if (parts.every((p) => POS.test(p))) {
        // Parts of speech open a sense: "(n,vs) (1) export/(adj-f) (2) (biol) efferent".
        if (sense.glosses.length) next();
        pos = parts;
        sense.pos = parts;
      } else if (parts.every((p) => TAGS.has(p) || DIALECT.test(p))) {
        if (m[1] === 'P') priority = true;
        else sense.tags.push(...parts);
      } else break;
    }
    if (rest.trim()) sense.glosses.push(rest.trim());
  }
  next();
  if (senses.length === 0) return null;
  return { headword: head[1]!, reading: head[2] ?? head[1]!, priority, senses };
}

/** Every entry of an EDICT file's text, one line after the other. */
export function* parseEdict(text: string): Generator<EdictEntry> {
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const entry = parseEdictLine(text.slice(at, end));
    if (entry) yield entry;
    at = end + 1;
  }
}

/** The last EDICT read, while something still holds it: ingests in one process (tests) read it once. */
const read = new Map<string, WeakRef<EdictGlosses>>();

/** Bump when what `indexEdict` keeps changes: tables kept by an older version are then made again. */
const EDICT_TABLE_VERSION = 'edict/1';

/**
 * EDICT as Debian installs it (EUC-JP, ~19 MB, ~267k lines), reduced to its glosses' keys as it is read
 * (text/english-table.ts): read at ingest only, never on the query path. The reduction (~5 s) is kept in
 * `tables` (the machine's, `machineTables`) under the hash of the file's bytes, so that the next ingest reads it back instead. Null when the
 * file is not there: English questions then go without it.
 */
export async function readEdict(file: string = EDICT_FILE, tables: TableCache | null = null): Promise<{ edict: EdictGlosses; table: string | null } | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const digest = createHash('sha256').update(EDICT_TABLE_VERSION).update(bytes).digest('hex');
  const name = tables ? `edict-${digest.slice(0, 32)}.bin` : null;
  const stored = name ? await tables!.read(name) : null;
  const readBack = read.get(digest)?.deref() ?? unpackEdict(stored);
  const edict = readBack ?? indexEdict(parseEdict(new TextDecoder('euc-jp').decode(bytes)));
  edict.id = digest;
  read.set(digest, new WeakRef(edict));
  // Written when missing, or when what was kept did not read back.
  if (name && !(stored && readBack)) await tables!.write(name, packEdict(edict));
  return { edict, table: name };
}

const ARRAYS = ['formStart', 'pairKey', 'pairQuality', 'pairStart', 'sharing'] as const;
const PACK_FORMAT = 'madoguchi-edict/2';

/**
 * The reduction as bytes: a JSON header (the format, the lengths), the forms and the keys as text (apart
 * by NUL), then the arrays, 4 bytes an item: read back by a split, where a JSON array of 480k strings took
 * three times as long.
 */
export function packEdict(edict: EdictGlosses): Uint8Array {
  const encoder = new TextEncoder();
  const forms = encoder.encode(edict.forms.join('\u0000'));
  const keys = encoder.encode(edict.keys.join('\u0000'));
  const header = encoder.encode(JSON.stringify({ format: PACK_FORMAT, forms: [edict.forms.length, forms.length], keys: [edict.keys.length, keys.length], lengths: ARRAYS.map((a) => edict[a].length) }));
  const at = Math.ceil((4 + header.length + forms.length + keys.length) / 4) * 4;
  const out = new Uint8Array(at + ARRAYS.reduce((n, a) => n + 4 * edict[a].length, 0));
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(forms, 4 + header.length);
  out.set(keys, 4 + header.length + forms.length);
  let offset = at;
  for (const a of ARRAYS) {
    out.set(new Uint8Array(edict[a].buffer, edict[a].byteOffset, edict[a].byteLength), offset);
    offset += edict[a].byteLength;
  }
  return out;
}

/** `packEdict`'s bytes read back; null for none, or for bytes that do not read back whole (the table is then made again). */
export function unpackEdict(bytes: Uint8Array | null): EdictGlosses | null {
  if (!bytes || bytes.length < 4) return null;
  try {
    const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + size))) as { format: string; forms: [number, number]; keys: [number, number]; lengths: number[] };
    if (header.format !== PACK_FORMAT) return null;
    const { lengths } = header;
    const text = (from: number, [count, length]: [number, number]) => {
      const items = length ? new TextDecoder().decode(bytes.subarray(from, from + length)).split('\u0000') : [];
      return items.length === count ? items : null;
    };
    const forms = text(4 + size, header.forms);
    const keys = text(4 + size + header.forms[1], header.keys);
    let offset = Math.ceil((4 + size + header.forms[1] + header.keys[1]) / 4) * 4;
    if (!forms || !keys || offset + 4 * lengths.reduce((a, b) => a + b, 0) !== bytes.length) return null;
    const copy = bytes.slice(offset);
    offset = 0;
    const arrays = ARRAYS.map((a, i) => {
      const view = a === 'pairQuality' ? new Float32Array(copy.buffer, offset, lengths[i]) : new Uint32Array(copy.buffer, offset, lengths[i]);
      offset += 4 * lengths[i]!;
      return view;
    });
    const [formStart, pairKey, pairQuality, pairStart, sharing] = arrays as [Uint32Array, Uint32Array, Float32Array, Uint32Array, Uint32Array];
    return { forms, keys, formStart, pairKey, pairQuality, pairStart, sharing };
  } catch {
    return null;
  }
}

const edictIds = new WeakMap<EdictGlosses, string>();

/**
 * What names a reduced EDICT: the hash of the file it was reduced from (`readEdict` sets it), else sha256
 * of all the reduction holds (a reduction made otherwise, as in tests).
 */
export function edictId(edict: EdictGlosses): string {
  if (edict.id) return edict.id;
  let id = edictIds.get(edict);
  if (!id) {
    const h = createHash('sha256');
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    h.update(edict.forms.join('\n')).update('\u0000').update(edict.keys.join('\n')).update('\u0000');
    for (const a of [edict.formStart, edict.pairKey, edict.pairQuality, edict.pairStart, edict.sharing]) h.update(`${a.length}\u0000`).update(bytes(a));
    edictIds.set(edict, (id = h.digest('hex')));
  }
  return id;
}
