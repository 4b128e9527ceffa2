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

/** Terms numbered 0, 1, 2 … as they first come; `term(id)` gives the text back, `key(id)` its `termKey`. */
export interface TermIds {
  readonly size: number;
  term(id: number): string;
  key(id: number): number;
}

/** Each id's term key, computed once however many views of a segment list the term. */
class KeyMemo {
  private keys = new Float64Array(1 << 10).fill(-1);

  key(id: number, text: (id: number) => string): number {
    if (id >= this.keys.length) {
      const grown = new Float64Array(Math.max(id + 1, this.keys.length * 2)).fill(-1);
      grown.set(this.keys);
      this.keys = grown;
    }
    let key = this.keys[id]!;
    if (key < 0) this.keys[id] = key = termKey(text(id));
    return key;
  }
}

/** Strings → ids, by a Map (V8 caches a string's hash). */
export class StringIds implements TermIds {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly keys = new KeyMemo();

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      this.ids.set(term, (id = this.terms.length));
      this.terms.push(term);
    }
    return id;
  }

  get size(): number {
    return this.terms.length;
  }

  term(id: number): string {
    return this.terms[id]!;
  }

  key(id: number): number {
    return this.keys.key(id, (i) => this.terms[i]!);
  }
}

/**
 * Pairs of small integers → ids, in an open-addressing table: character bigrams by their code points and
 * word pairs by their word ids, without making a string for each occurrence.
 */
export class PairIds implements TermIds {
  private slots = new Int32Array(1 << 12).fill(-1);
  private firsts: number[] = [];
  private seconds: number[] = [];
  private readonly keys = new KeyMemo();

  constructor(private readonly text: (first: number, second: number) => string) {}

  id(first: number, second: number): number {
    const mask = this.slots.length - 1;
    let at = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 1, 0x85ebca6b);
    for (at &= mask; ; at = (at + 1) & mask) {
      const id = this.slots[at]!;
      if (id < 0) break;
      if (this.firsts[id] === first && this.seconds[id] === second) return id;
    }
    const id = this.firsts.length;
    this.firsts.push(first);
    this.seconds.push(second);
    this.slots[at] = id;
    if (this.firsts.length * 2 > this.slots.length) this.grow();
    return id;
  }

  get size(): number {
    return this.firsts.length;
  }

  term(id: number): string {
    return this.text(this.firsts[id]!, this.seconds[id]!);
  }

  key(id: number): number {
    return this.keys.key(id, (i) => this.term(i));
  }

  private grow(): void {
    const old = this.firsts.length;
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let id = 0; id < old; id++) {
      let at = (Math.imul(this.firsts[id]!, 0x9e3779b1) ^ Math.imul(this.seconds[id]! + 1, 0x85ebca6b)) & mask;
      while (this.slots[at]! >= 0) at = (at + 1) & mask;
      this.slots[at] = id;
    }
  }
}

/**
 * Ids in the order of their keys, ties in the order given, without a comparator: the keys sorted as numbers
 * (natively), then each key's ids taken back from an open-addressing table by the key's low 32 bits, the
 * first given first. Four times as fast as sorting objects by key, which was a twentieth of an analysis.
 *
 * @example sortByKey([0, 1, 2], (id) => [5, 3, 5][id]!) // Uint32Array [1, 0, 2]
 */
export function sortByKey(ids: readonly number[], keyOf: (id: number) => number): Uint32Array {
  const n = ids.length;
  const keys = new Float64Array(n);
  let size = 2;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const slotKeys = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const key = (keys[i] = keyOf(ids[i]!));
    let at = (key % 4294967296) & mask;
    while (slots[at]! >= 0) at = (at + 1) & mask;
    slots[at] = ids[i]!;
    slotKeys[at] = key;
  }
  keys.sort();
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    let at = (key % 4294967296) & mask;
    // A taken slot is −2: it still continues its probe run.
    while (slots[at]! < 0 || slotKeys[at] !== key) at = (at + 1) & mask;
    out[i] = slots[at]!;
    slots[at] = -2;
  }
  return out;
}

/**
 * Postings built one document at a time, for one segment of a corpus, over term ids (`TermIds`); the
 * terms' 53-bit keys are computed once each when the segment is finished. Postings live in one growing
 * arena of (document, tf, next) triples, a linked run per term: no array per term for the collector.
 *
 * @example const ids = new StringIds(); const b = new SegmentBuilder(); b.add(['省エネ', '診断'].map((t) => ids.id(t))); b.finish(ids).keys.length // 2
 */
export class SegmentBuilder {
  private arena = new Int32Array(3 << 12);
  private used = 0;
  private heads = new Int32Array(1 << 10).fill(-1);
  private tails = new Int32Array(1 << 10).fill(-1);
  private dfs = new Int32Array(1 << 10);
  private counts = new Int32Array(1 << 10);
  private readonly touched: number[] = [];
  private readonly lengths: number[] = [];

  /** `hash`, when given, is kept per term (`Postings.hashes`). */
  constructor(private readonly hash?: (term: string) => number) {}

  /** The next document: its term ids, repeats included, given in one or more runs. */
  add(...runs: readonly ArrayLike<number>[]): void {
    const doc = this.lengths.length;
    let length = 0;
    for (const run of runs) {
      length += run.length;
      for (let i = 0; i < run.length; i++) {
        const id = run[i]!;
        if (id >= this.counts.length) this.growTerms(id);
        if (this.counts[id]!++ === 0) this.touched.push(id);
      }
    }
    this.lengths.push(length);
    for (const id of this.touched) {
      if (this.used + 3 > this.arena.length) {
        const grown = new Int32Array(this.arena.length * 2);
        grown.set(this.arena);
        this.arena = grown;
      }
      const at = this.used;
      this.arena[at] = doc;
      this.arena[at + 1] = this.counts[id]!;
      this.arena[at + 2] = -1;
      this.used += 3;
      if (this.tails[id]! < 0) this.heads[id] = at;
      else this.arena[this.tails[id]! + 2] = at;
      this.tails[id] = at;
      this.dfs[id]!++;
      this.counts[id] = 0;
    }
    this.touched.length = 0;
  }

  finish(terms: TermIds): Segment {
    const present: number[] = [];
    for (let id = 0; id < Math.min(terms.size, this.heads.length); id++) if (this.heads[id]! >= 0) present.push(id);
    const order = sortByKey(present, (id) => terms.key(id));
    const keys = Float64Array.from(order, (id) => terms.key(id));
    const starts = new Uint32Array(keys.length + 1);
    const lasts = new Uint32Array(keys.length);
    const out = new ByteWriter();
    for (let i = 0; i < order.length; i++) {
      const id = order[i]!;
      starts[i] = out.length;
      out.varint(this.dfs[id]!);
      let prev = -1;
      for (let at = this.heads[id]!; at >= 0; at = this.arena[at + 2]!) {
        const doc = this.arena[at]!;
        out.entry(doc - prev, this.arena[at + 1]!);
        prev = doc;
      }
      lasts[i] = prev;
    }
    starts[keys.length] = out.length;
    const hash = this.hash;
    const hashes = hash ? Uint32Array.from(order, (id) => hash(terms.term(id))) : undefined;
    return { keys, starts, bytes: out.bytes(), lengths: Uint32Array.from(this.lengths), lasts, ...(hashes ? { hashes } : {}) };
  }

  private growTerms(id: number): void {
    let size = this.counts.length;
    while (size <= id) size *= 2;
    const grow = (a: Int32Array, fill: number) => {
      const b = new Int32Array(size).fill(fill);
      b.set(a);
      return b;
    };
    this.heads = grow(this.heads, -1);
    this.tails = grow(this.tails, -1);
    this.dfs = grow(this.dfs, 0);
    this.counts = grow(this.counts, 0);
  }
}

/**
 * Segments of consecutive documents → one view's postings: the union of their sorted keys; for each key,
 * the runs of the segments holding it, in segment order (found by one k-way merge of the segments' keys),
 * copied as they are but for each later run's first entry, re-encoded to count from the previous run's
 * last document. The result is a segment again (with each term's last document): merged segments merge
 * further, as the segments they were made of would.
 */
export function mergeSegments(segments: readonly Segment[]): Segment {
  const bases: number[] = [];
  let docs = 0;
  for (const s of segments) {
    bases.push(docs);
    docs += s.lengths.length;
  }
  const total = segments.reduce((n, s) => n + s.keys.length, 0);
  // The merge: a heap of segments by their next key (then by segment, so that a key's runs come in
  // segment order); each run is numbered as it comes, with its key's number, its df and where its entries start.
  const all = new Float64Array(total);
  const first = new Uint32Array(total + 1);
  const runSegment = new Uint32Array(total);
  const runTerm = new Uint32Array(total);
  const runEntries = new Uint32Array(total);
  const dfs = new Uint32Array(total);
  const hashed = segments.length > 0 && segments.every((s) => s.hashes);
  const allHashes = hashed ? new Uint32Array(total) : undefined;
  const count = segments.length;
  const cursor = new Uint32Array(count);
  const ends = Uint32Array.from(segments, (s) => s.keys.length);
  const head = Float64Array.from(segments, (s) => s.keys[0] ?? 0);
  const heap = new Int32Array(count);
  let size = 0;
  for (let i = 0; i < count; i++) if (ends[i]) heap[size++] = i;
  // Sifts the segment at the root down to its place (by its next key, then by segment).
  const sift = (at: number) => {
    const x = heap[at]!;
    const kx = head[x]!;
    for (;;) {
      let c = 2 * at + 1;
      if (c >= size) break;
      let y = heap[c]!;
      let ky = head[y]!;
      if (c + 1 < size) {
        const z = heap[c + 1]!;
        const kz = head[z]!;
        if (kz < ky || (kz === ky && z < y)) {
          c++;
          y = z;
          ky = kz;
        }
      }
      if (kx < ky || (kx === ky && x < y)) break;
      heap[at] = y;
      at = c;
    }
    heap[at] = x;
  };
  for (let at = (size >> 1) - 1; at >= 0; at--) sift(at);
  let unique = 0;
  let last = NaN;
  for (let r = 0; size > 0; r++) {
    const i = heap[0]!;
    const s = segments[i]!;
    const t = cursor[i]!;
    const key = head[i]!;
    if (key !== last) {
      all[unique] = key;
      if (allHashes) allHashes[unique] = s.hashes![t]!;
      first[unique++] = r;
      last = key;
    }
    // The run's df, and where its entries start.
    dfs[unique - 1]! += varintAt(s.bytes, s.starts[t]!);
    runSegment[r] = i;
    runTerm[r] = t;
    runEntries[r] = next;
    if (t + 1 === ends[i]) heap[0] = heap[--size]!;
    else head[i] = s.keys[(cursor[i] = t + 1)]!;
    if (size > 1) sift(0);
  }
  first[unique] = total;
  const keys = all.slice(0, unique);
  // Sized for the worst case: each run's first entry re-encoded (≤ 5 bytes more), each term's df (≤ 5 bytes).
  const starts = new Uint32Array(unique + 1);
  const out = new Uint8Array(segments.reduce((n, s) => n + s.bytes.length, 0) + 5 * (total + unique) + 8);
  const segmentBytes = segments.map((s) => s.bytes);
  const segmentStarts = segments.map((s) => s.starts);
  const segmentLasts = segments.map((s) => s.lasts);
  let o = 0;
  for (let u = 0; u < unique; u++) {
    starts[u] = o;
    const from = first[u]!;
    const to = first[u + 1]!;
    let n = dfs[u]!;
    while (n >= 0x80) {
      out[o++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    out[o++] = n;
    let prev = -1;
    for (let r = from; r < to; r++) {
      const i = runSegment[r]!;
      const t = runTerm[r]!;
      const bytes = segmentBytes[i]!;
      const end = segmentStarts[i]![t + 1]!;
      const base = bases[i]!;
      // The run's first entry counts from −1 in its segment: from the previous run's last document here.
      let p = runEntries[r]!;
      let b = bytes[p++]!;
      let v = b & 0x7f;
      for (let shift = 128; b & 0x80; shift *= 128) {
        b = bytes[p++]!;
        v += (b & 0x7f) * shift;
      }
      // The gap's varint again, with the tf that may follow it copied as it is.
      n = (base + Math.floor(v / 2) - prev - 1) * 2 + (v & 1);
      while (n >= 0x80) {
        out[o++] = (n & 0x7f) | 0x80;
        n = Math.floor(n / 128);
      }
      out[o++] = n;
      if (end - p > 32) {
        out.set(bytes.subarray(p, end), o);
        o += end - p;
      } else while (p < end) out[o++] = bytes[p++]!;
      prev = base + segmentLasts[i]![t]!;
    }
  }
  starts[unique] = o;
  const lengths = new Uint32Array(docs);
  segments.forEach((s, i) => lengths.set(s.lengths, bases[i]));
  const hashes = allHashes?.slice(0, unique);
  const lasts = new Uint32Array(unique);
  for (let u = 0; u < unique; u++) {
    const r = first[u + 1]! - 1;
    lasts[u] = bases[runSegment[r]!]! + segments[runSegment[r]!]!.lasts[runTerm[r]!]!;
  }
  return { keys, starts, bytes: out.slice(0, o), lengths, lasts, ...(hashes ? { hashes } : {}) };
}

/** Where the last `varintAt` stopped. */
let next = 0;

/** The varint at `at`; sets `next` to the byte after it. */
function varintAt(bytes: Uint8Array, at: number): number {
  let value = 0;
  let shift = 1;
  let b: number;
  do {
    b = bytes[at++]!;
    value += (b & 0x7f) * shift;
    shift *= 128;
  } while (b & 0x80);
  next = at;
  return value;
}

/**
 * A key's term index, or −1. Keys are hashes, spread evenly over their range: a few steps guess where
 * the key is from the keys at the ends of the range left (two or three reads find most keys, where
 * halving takes some seventeen over a hundred thousand terms), then halving finishes.
 */
export function termIndex(postings: Postings, key: number): number {
  const { keys } = postings;
  let lo = 0;
  let hi = keys.length - 1;
  for (let guess = 0; guess < 4 && lo <= hi; guess++) {
    const first = keys[lo]!;
    const last = keys[hi]!;
    if (key < first || key > last) return -1;
    // In [lo, hi]: the fraction is in [0, 1].
    const mid = last === first ? lo : lo + Math.floor(((key - first) / (last - first)) * (hi - lo));
    const k = keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
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
  return varintAt(postings.bytes, postings.starts[term]!);
}

/**
 * Adds term i's BM25 part to each of its documents' scores: `weight · tf / (tf + norms[doc])`. The postings
 * are decoded in line: this loop is most of a query's time. Whether an entry has a tf byte is a coin toss
 * (about four in ten do), so the common case, tf under 130, is read without a branch on it: the byte after
 * the gap is read either way and counts only when the entry has it.
 */
export function addTermScores(postings: Postings, term: number, weight: number, norms: Float64Array, scores: Float64Array): void {
  const { bytes } = postings;
  const end = postings.starts[term + 1]!;
  // The byte after the last entry is read: the view's last term, with none after it, is read the plain way.
  if (end >= bytes.length) return addTermScoresPlain(postings, term, weight, norms, scores);
  varintAt(bytes, postings.starts[term]!);
  let p = next;
  let doc = -1;
  while (p < end) {
    // Most gaps are one byte (under 64).
    let v = bytes[p++]!;
    if (v >= 0x80) {
      v &= 0x7f;
      let shift = 128;
      let b: number;
      do {
        b = bytes[p++]!;
        v += (b & 0x7f) * shift;
        shift *= 128;
      } while (b & 0x80);
    }
    doc += (v >>> 1) + 1;
    const has = v & 1;
    const after = bytes[p]!;
    if ((has & (after >> 7)) !== 0) {
      // tf ≥ 130: a varint of two bytes or more.
      const tf = varintAt(bytes, p) + 2;
      p = next;
      scores[doc] = scores[doc]! + (weight * tf) / (tf + norms[doc]!);
      continue;
    }
    const tf = 1 + has * (after + 1);
    p += has;
    scores[doc] = scores[doc]! + (weight * tf) / (tf + norms[doc]!);
  }
}

/** `addTermScores` with a branch on each entry's tf: for a term whose entries end the view's bytes. */
function addTermScoresPlain(postings: Postings, term: number, weight: number, norms: Float64Array, scores: Float64Array): void {
  eachPosting(postings, term, (doc, tf) => {
    scores[doc] = scores[doc]! + (weight * tf) / (tf + norms[doc]!);
  });
}

/** Calls `visit(doc, tf)` for each document of term i, in increasing order. */
export function eachPosting(postings: Postings, term: number, visit: (doc: number, tf: number) => void): void {
  const { bytes } = postings;
  const end = postings.starts[term + 1]!;
  varintAt(bytes, postings.starts[term]!);
  let doc = -1;
  while (next < end) {
    const v = varintAt(bytes, next);
    doc += Math.floor(v / 2) + 1;
    visit(doc, v & 1 ? varintAt(bytes, next) + 2 : 1);
  }
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
