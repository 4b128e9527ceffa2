import { appError } from '../errors.js';
import { packParts, unpackParts, viewOf } from '../vectors/pack.js';

/** The phrase is one asked about (a synonym entry, an EDICT form). */
export const WANTED = 2;
/** The text is the beginning of a longer phrase asked about. */
export const BEGINS = 4;

/** What the analysis asks of the phrases: for a text, whether it is one (WANTED) and whether one goes on from it (BEGINS). */
export interface Phrases {
  flags(text: string): number;
}

const FORMAT = 'madoguchi-phrases/1';

/**
 * The phrases asked about and every beginning of one, in an open-addressing hash table over typed arrays
 * (UTF-16 text, FNV-1a, linear probing): made once, written as bytes, and read by every analysis thread
 * from one SharedArrayBuffer as it is, where a Set of them cost each thread ~0.8 s and ~50 MB to build.
 *
 * @example PhraseTable.of(['省エネ診断']).flags('省エネ') // BEGINS
 */
export class PhraseTable implements Phrases {
  private constructor(
    /** The table as `packParts` bytes: what is kept, and sent to threads. */
    readonly bytes: Uint8Array,
    private readonly text: Uint16Array,
    private readonly starts: Uint32Array,
    private readonly marks: Uint8Array,
    private readonly slots: Int32Array,
  ) {}

  /** The table of `phrases` (the same phrase may come twice), in `bytes` made by `allocate` (a SharedArrayBuffer for threads). */
  static of(phrases: Iterable<string>, allocate: (size: number) => Uint8Array = (n) => new Uint8Array(n)): PhraseTable {
    const marks = new Map<string, number>();
    for (const p of phrases) {
      marks.set(p, (marks.get(p) ?? 0) | WANTED);
      for (let n = 1; n < p.length; n++) {
        const b = p.slice(0, n);
        marks.set(b, (marks.get(b) ?? 0) | BEGINS);
      }
    }
    let units = 0;
    for (const t of marks.keys()) units += t.length;
    const n = marks.size;
    let size = 1;
    while (size < 2 * n) size *= 2;
    const text = new Uint16Array(units);
    const starts = new Uint32Array(n + 1);
    const flags = new Uint8Array(n);
    const slots = new Int32Array(size);
    let e = 0;
    for (const [t, f] of marks) {
      const at = starts[e]!;
      for (let i = 0; i < t.length; i++) text[at + i] = t.charCodeAt(i);
      starts[e + 1] = at + t.length;
      flags[e] = f;
      let s = hashOf(t) & (size - 1);
      while (slots[s] !== 0) s = (s + 1) & (size - 1);
      slots[s] = ++e;
    }
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const packed = packParts(FORMAT, { text: bytes(text), starts: bytes(starts), flags, slots: bytes(slots) });
    const out = allocate(packed.byteLength);
    out.set(packed);
    return PhraseTable.open(out);
  }

  /** The table over bytes `of` made (viewed, not copied, when 8-byte aligned). Throws INDEX_CORRUPT. */
  static open(bytes: Uint8Array): PhraseTable {
    const { parts } = unpackParts(FORMAT, bytes, 'the phrase table');
    const part = (name: string) => parts[name] ?? new Uint8Array(0);
    const slots = viewOf(part('slots'), Int32Array);
    const starts = viewOf(part('starts'), Uint32Array);
    // A table whose parts do not fit one another is refused: never read out of bounds, never probed for ever.
    const n = part('flags').length;
    let used = 0;
    for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) used += slots[s]! > 0 && slots[s]! <= n ? 1 : Infinity;
    const fits = (slots.length & (slots.length - 1)) === 0 && used === n && used < slots.length && starts.length === n + 1 && starts[n] === part('text').length / 2 && starts.every((s, i) => i === 0 || s >= starts[i - 1]!);
    if (!fits) throw appError('INDEX_CORRUPT', 'the phrase table is unreadable (its parts do not fit): run `npm run ingest`');
    return new PhraseTable(bytes, viewOf(part('text'), Uint16Array), starts, part('flags'), slots);
  }

  /** How many texts the table holds: the phrases and their beginnings, once each. */
  get size(): number {
    return this.marks.length;
  }

  flags(t: string): number {
    const mask = this.slots.length - 1;
    for (let s = hashOf(t) & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e < 0) return 0;
      const at = this.starts[e]!;
      if (this.starts[e + 1]! - at !== t.length) continue;
      let i = 0;
      while (i < t.length && this.text[at + i] === t.charCodeAt(i)) i++;
      if (i === t.length) return this.marks[e]!;
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hashOf(t: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
