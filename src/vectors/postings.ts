import { termKey } from './term-key.js';

/**
 * One token view's postings in typed arrays: term keys sorted ascending (`term-key.ts`); term i's bytes are
 * `bytes[starts[i] .. starts[i + 1])`: its document frequency, then one entry per document in increasing
 * order, each the varint of `(gap − 1) · 2 + (tf > 1)` followed, when tf > 1, by the varint of `tf − 2`
 * (the first gap counts from −1). `lengths[d]` is document d's token count. `hashes[i]`, where a view keeps
 * them, is term i's 32-bit hash for the local embeddings (`local-embeddings.ts`).
 */
export interface Postings {
  keys: Float64Array;
  starts: Uint32Array;
  bytes: Uint8Array;
  lengths: Uint32Array;
  hashes?: Uint32Array;
}

/** A segment's postings, numbered from 0, with each term's last document: what a merge needs. */
export interface Segment extends Postings {
  lasts: Uint32Array;
}

/**
 * Postings built one document at a time, for one segment of a corpus. Terms get small local ids as they
 * come (string keys: V8 caches their hashes), and their 53-bit keys only when the segment is finished.
 *
 * @example const b = new SegmentBuilder(); b.add(['省エネ', '診断', '省エネ']); b.add(['診断']); b.finish().keys.length // 2
 */
export class SegmentBuilder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per local id, flat [doc, tf, doc, tf, …]. */
  private readonly lists: number[][] = [];
  private readonly lengths: number[] = [];
  private counts = new Int32Array(1024);
  private readonly touched: number[] = [];

  /** `hash`, when given, is kept per term (`Postings.hashes`). */
  constructor(private readonly hash?: (term: string) => number) {}

  /** The next document: its terms, repeats included, given in one or more runs. */
  add(...runs: readonly (readonly string[])[]): void {
    const doc = this.lengths.length;
    let length = 0;
    for (const run of runs) {
      length += run.length;
      for (const term of run) {
        let id = this.ids.get(term);
        if (id === undefined) {
          id = this.terms.length;
          this.ids.set(term, id);
          this.terms.push(term);
          this.lists.push([]);
          if (id >= this.counts.length) {
            const grown = new Int32Array(this.counts.length * 2);
            grown.set(this.counts);
            this.counts = grown;
          }
        }
        if (this.counts[id]!++ === 0) this.touched.push(id);
      }
    }
    this.lengths.push(length);
    for (const id of this.touched) {
      this.lists[id]!.push(doc, this.counts[id]!);
      this.counts[id] = 0;
    }
    this.touched.length = 0;
  }

  get size(): number {
    return this.lengths.length;
  }

  finish(): Segment {
    const order = this.terms.map((term, id) => ({ key: termKey(term), id })).sort((a, b) => a.key - b.key);
    const keys = Float64Array.from(order, (o) => o.key);
    const starts = new Uint32Array(keys.length + 1);
    const lasts = new Uint32Array(keys.length);
    const out = new ByteWriter();
    order.forEach(({ id }, i) => {
      starts[i] = out.length;
      const list = this.lists[id]!;
      out.varint(list.length / 2);
      let prev = -1;
      for (let j = 0; j < list.length; j += 2) {
        out.entry(list[j]! - prev, list[j + 1]!);
        prev = list[j]!;
      }
      lasts[i] = prev;
    });
    starts[keys.length] = out.length;
    const hash = this.hash;
    const hashes = hash ? Uint32Array.from(order, (o) => hash(this.terms[o.id]!)) : undefined;
    return { keys, starts, bytes: out.bytes(), lengths: Uint32Array.from(this.lengths), lasts, ...(hashes ? { hashes } : {}) };
  }
}

/**
 * Segments of consecutive documents → one view's postings: a k-way merge over their sorted keys, copying
 * each term's entries as they are and re-encoding only the first entry of each later segment's run.
 */
export function mergeSegments(segments: readonly Segment[]): Postings {
  const bases: number[] = [];
  let docs = 0;
  for (const s of segments) {
    bases.push(docs);
    docs += s.lengths.length;
  }
  const union = new Float64Array(segments.reduce((n, s) => n + s.keys.length, 0));
  let at = 0;
  for (const s of segments) union.set(s.keys, (at += s.keys.length) - s.keys.length);
  union.sort();
  const cursors = segments.map(() => 0);
  const keys: number[] = [];
  const starts: number[] = [];
  const hashes: number[] = [];
  const hashed = segments.length > 0 && segments.every((s) => s.hashes);
  const out = new ByteWriter();
  for (let u = 0; u < union.length; u++) {
    const key = union[u]!;
    if (u > 0 && union[u - 1] === key) continue;
    keys.push(key);
    starts.push(out.length);
    let df = 0;
    let hash = 0;
    segments.forEach((s, i) => {
      if (s.keys[cursors[i]!] !== key) return;
      df += readVarint(s.bytes, s.starts[cursors[i]!]!).value;
      if (hashed) hash = s.hashes![cursors[i]!]!;
    });
    if (hashed) hashes.push(hash);
    out.varint(df);
    let prev = -1;
    segments.forEach((s, i) => {
      const t = cursors[i]!;
      if (s.keys[t] !== key) return;
      cursors[i] = t + 1;
      const end = s.starts[t + 1]!;
      let p = readVarint(s.bytes, s.starts[t]!).next;
      // The run's first entry counts from −1 in its segment: from the previous segment's last document here.
      const first = readVarint(s.bytes, p);
      const doc = bases[i]! + (first.value >>> 1);
      let tf = 1;
      p = first.next;
      if (first.value & 1) {
        const extra = readVarint(s.bytes, p);
        tf = extra.value + 2;
        p = extra.next;
      }
      out.entry(doc - prev, tf);
      out.copy(s.bytes, p, end);
      prev = bases[i]! + s.lasts[t]!;
    });
  }
  starts.push(out.length);
  const lengths = new Uint32Array(docs);
  segments.forEach((s, i) => lengths.set(s.lengths, bases[i]));
  return { keys: Float64Array.from(keys), starts: Uint32Array.from(starts), bytes: out.bytes(), lengths, ...(hashed ? { hashes: Uint32Array.from(hashes) } : {}) };
}

/** Binary search for a key: its term index, or −1. */
export function termIndex(postings: Postings, key: number): number {
  const { keys } = postings;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A term's document frequency (its first varint). */
export function documentFrequency(postings: Postings, term: number): number {
  return readVarint(postings.bytes, postings.starts[term]!).value;
}

/** Calls `visit(doc, tf)` for each document of term i, in increasing order. */
export function eachPosting(postings: Postings, term: number, visit: (doc: number, tf: number) => void): void {
  const { bytes } = postings;
  const end = postings.starts[term + 1]!;
  let p = readVarint(bytes, postings.starts[term]!).next;
  let doc = -1;
  while (p < end) {
    // Inlined varint reads: this loop is the query path's inner loop.
    let v = 0;
    let shift = 1;
    let b: number;
    do {
      b = bytes[p++]!;
      v += (b & 0x7f) * shift;
      shift *= 128;
    } while (b & 0x80);
    doc += (v >>> 1) + 1;
    let tf = 1;
    if (v & 1) {
      let x = 0;
      shift = 1;
      do {
        b = bytes[p++]!;
        x += (b & 0x7f) * shift;
        shift *= 128;
      } while (b & 0x80);
      tf = x + 2;
    }
    visit(doc, tf);
  }
}

function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 1;
  let b: number;
  do {
    b = bytes[at++]!;
    value += (b & 0x7f) * shift;
    shift *= 128;
  } while (b & 0x80);
  return { value, next: at };
}

/** A growing byte buffer with varint writes. */
class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  length = 0;

  varint(n: number): void {
    this.reserve(8);
    while (n >= 0x80) {
      this.buffer[this.length++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buffer[this.length++] = n;
  }

  /** One posting: its gap from the previous document (≥ 1) and its term frequency (≥ 1). */
  entry(gap: number, tf: number): void {
    this.varint((gap - 1) * 2 + (tf > 1 ? 1 : 0));
    if (tf > 1) this.varint(tf - 2);
  }

  copy(from: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    this.buffer.set(from.subarray(start, end), this.length);
    this.length += end - start;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}
