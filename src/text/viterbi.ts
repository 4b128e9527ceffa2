import type { Morpheme, Morphology } from './morphemes.js';

/** A kuromoji token, as its IpadicFormatter makes it. */
export interface Token extends Morpheme {
  word_id: number;
  word_type: 'KNOWN' | 'UNKNOWN';
  word_position: number;
}

/** What the search reads of a dictionary: all of it typed arrays but the feature lines and the character classes. */
export interface ViterbiTables {
  /** The dictionary words that start at `from` and end by `to`, shortest first, as (length, trie id) pairs in `found`; returns how many. */
  words(text: string, from: number, to: number, found: Int32Array): number;
  /** Where each trie id's entries are in `targets` (from `starts[id]` to `ends[id]`). */
  targets: { ints: Int32Array; starts: Int32Array; ends: Int32Array };
  /** The known entries: left id, right id and cost (16-bit each) at an entry's id, in bytes. */
  entries: Uint8Array;
  /** kuromoji's connection costs: the two dimensions, then right id × backward dimension + left id. */
  costs: Int16Array;
  /** A known entry's feature line (surface, part of speech, details …, base form). */
  features(id: number): string;
  /** kuromoji's unknown-word model: the class of a character, and each class's entries. */
  unknown: {
    lookup(ch: string): { class_id: number; class_name: string; is_always_invoke: number | boolean; is_grouping: number | boolean };
    target_map: Record<number, ArrayLike<number>>;
    dictionary: { getShort(at: number): number };
    getFeatures(id: number | string): string;
  };
}

const KNOWN = 0;
const UNKNOWN = 1;
const BOS = 0;

/**
 * kuromoji's tokenizer (Tokenizer, ViterbiBuilder, ViterbiSearcher) over typed arrays: the same tokens,
 * node for node the same lattice and the same choice between paths of equal cost, without a ViterbiNode
 * object per candidate word, a lattice of arrays or a feature line split per token. The text is cut after
 * each 、 and 。 as kuromoji cuts it; each piece is searched from BOS to EOS. A node's cheapest way in is
 * found as soon as it is made (every node ending where it starts was made before it), trying the nodes
 * ending there in the order kuromoji tries them, so that ties go the same way. A piece with a surrogate
 * pair (no IPADIC word has one) is left to `fallback`, kuromoji's own `tokenizeForSentence`.
 */
export function createViterbi(tables: ViterbiTables, fallback: (piece: string, tokens: Token[]) => void): Morphology {
  const { targets, costs, unknown } = tables;
  const entries = new Int16Array(tables.entries.buffer, tables.entries.byteOffset, tables.entries.byteLength >> 1);
  const backward = costs[1]!;
  const classes = characterClasses(unknown);
  const found = new Int32Array(64);
  let lattice = new Lattice(1024);
  let ends = new Int32Array(1024);
  let endTails = new Int32Array(1024);
  const knownFeatures = new Map<number, string[]>();
  const unknownFeatures = new Map<number, string[]>();
  const path: number[] = [];

  // The cheapest way into a position for a left id, found once per position and left id: the nodes
  // starting there share it (kuromoji's sum adds the node's own cost to every candidate alike, and every
  // cost is an integer, exact in a double; an unreachable node's MAX_VALUE stays MAX_VALUE).
  const ways = { stamp: new Int32Array(backward), cost: new Float64Array(backward), from: new Int32Array(backward) };
  let stamp = 0;

  /** Appends a node starting at `start` (counted from the piece's start) and finds its cheapest way in. */
  const add = (start: number, length: number, id: number, kind: number, left: number, right: number, cost: number) => {
    if (lattice.size === lattice.capacity) lattice = lattice.grown();
    const l = lattice;
    const n = l.size++;
    l.id[n] = id;
    l.kind[n] = kind;
    l.start[n] = start;
    l.length[n] = length;
    l.right[n] = right;
    if (ways.stamp[left] !== stamp) {
      let best = Number.MAX_VALUE;
      let from = -1;
      for (let p = ends[start]!; p >= 0; p = l.next[p]!) {
        const c = l.total[p]! + costs[l.right[p]! * backward + left + 2]!;
        if (c < best) {
          best = c;
          from = p;
        }
      }
      ways.stamp[left] = stamp;
      ways.cost[left] = best;
      ways.from[left] = from;
    }
    const from = ways.from[left]!;
    l.total[n] = from < 0 ? Number.MAX_VALUE : ways.cost[left]! + cost;
    l.prev[n] = from;
    l.next[n] = -1;
    const end = start + length;
    if (ends[end]! < 0) ends[end] = n;
    else l.next[endTails[end]!] = n;
    endTails[end] = n;
  };

  const piece = (text: string, from: number, to: number, tokens: Token[]) => {
    const size = to - from;
    if (ends.length < size + 2) {
      ends = new Int32Array(2 * (size + 2));
      endTails = new Int32Array(2 * (size + 2));
    }
    ends.fill(-1, 0, size + 2);
    const l = lattice;
    l.size = 1;
    l.total[BOS] = 0;
    l.right[BOS] = 0;
    l.next[BOS] = -1;
    l.prev[BOS] = -1;
    ends[0] = BOS;
    endTails[0] = BOS;
    for (let pos = 0; pos < size; pos++) {
      if (++stamp === 0x7fffffff) {
        ways.stamp.fill(0);
        stamp = 1;
      }
      const count = tables.words(text, from + pos, to, found);
      for (let w = 0; w < count; w++) {
        const length = found[2 * w]!;
        const trieId = found[2 * w + 1]!;
        for (let at = targets.starts[trieId]!; at < targets.ends[trieId]!; at++) {
          const id = targets.ints[at]!;
          const e = id >> 1;
          add(pos, length, id, KNOWN, entries[e]!, entries[e + 1]!, entries[e + 2]!);
        }
      }
      const head = classes.of[text.charCodeAt(from + pos)]!;
      if (count > 0 && !classes.invoke[head]) continue;
      let end = pos + 1;
      if (classes.grouping[head]) while (end < size && classes.name[classes.of[text.charCodeAt(from + end)]!] === classes.name[head]) end++;
      const ids = classes.entries[head]!;
      for (let k = 0; k < ids.length; k++) add(pos, end - pos, ids[k]!, UNKNOWN, classes.left[head]![k]!, classes.right[head]![k]!, classes.cost[head]![k]!);
    }
    // EOS: left id 0, cost 0; then back from it to BOS.
    let best = Number.MAX_VALUE;
    let node = -1;
    for (let p = ends[size]!; p >= 0; p = lattice.next[p]!) {
      const c = lattice.total[p]! + costs[lattice.right[p]! * backward + 2]!;
      if (c < best) {
        best = c;
        node = p;
      }
    }
    path.length = 0;
    while (node !== BOS) {
      if (node < 0) return; // no way through: kuromoji gives no token for the piece
      path.push(node);
      node = lattice.prev[node]!;
    }
    const last = tokens.length ? tokens[tokens.length - 1]!.word_position : 0;
    for (let i = path.length - 1; i >= 0; i--) {
      const n = path[i]!;
      const id = lattice.id[n]!;
      const position = last + lattice.start[n]! + 1;
      if (lattice.kind[n] === KNOWN) {
        let f = knownFeatures.get(id);
        if (!f) {
          // Bounded: a server's questions meet ever more entries (a Worker isolate has little memory).
          if (knownFeatures.size >= FEATURES_KEPT) knownFeatures.clear();
          knownFeatures.set(id, (f = tables.features(id).split(',')));
        }
        tokens.push({ word_id: id, word_type: 'KNOWN', word_position: position, surface_form: f[0]!, pos: f[1]!, pos_detail_1: f[2]!, pos_detail_2: f[3], pos_detail_3: f[4], conjugated_type: f[5], conjugated_form: f[6], basic_form: f[7]!, reading: f[8], pronunciation: f[9] } as Token);
      } else {
        let f = unknownFeatures.get(id);
        if (!f) unknownFeatures.set(id, (f = unknown.getFeatures(id).split(',')));
        const start = from + lattice.start[n]!;
        tokens.push({ word_id: id, word_type: 'UNKNOWN', word_position: position, surface_form: text.slice(start, start + lattice.length[n]!), pos: f[1]!, pos_detail_1: f[2]!, pos_detail_2: f[3], pos_detail_3: f[4], conjugated_type: f[5], conjugated_form: f[6], basic_form: f[7]! } as Token);
      }
    }
  };

  return {
    tokenize(text) {
      const tokens: Token[] = [];
      let from = 0;
      while (from < text.length) {
        let to = from;
        while (to < text.length && text.charCodeAt(to) !== IDEOGRAPHIC_COMMA && text.charCodeAt(to) !== IDEOGRAPHIC_FULL_STOP) to++;
        to = Math.min(to + 1, text.length);
        if (SURROGATE.test(text.slice(from, to))) fallback(text.slice(from, to), tokens);
        else piece(text, from, to, tokens);
        from = to;
      }
      return tokens;
    },
  };
}

/** Split feature lines kept, by entry: about 4 MB at most; a line split again costs a fraction of a microsecond. */
const FEATURES_KEPT = 1 << 14;
const IDEOGRAPHIC_COMMA = 0x3001;
const IDEOGRAPHIC_FULL_STOP = 0x3002;
const SURROGATE = /[\ud800-\udfff]/;

/** The nodes of one piece's lattice, column by column; `next` links the nodes that end at one position, in the order they were made. */
class Lattice {
  size = 0;
  readonly id: Int32Array;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly length: Int32Array;
  readonly right: Int32Array;
  readonly total: Float64Array;
  readonly prev: Int32Array;
  readonly next: Int32Array;

  constructor(readonly capacity: number) {
    this.id = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.length = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.total = new Float64Array(capacity);
    this.prev = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  grown(): Lattice {
    const g = new Lattice(this.capacity * 2);
    g.size = this.size;
    g.id.set(this.id);
    g.kind.set(this.kind);
    g.start.set(this.start);
    g.length.set(this.length);
    g.right.set(this.right);
    g.total.set(this.total);
    g.prev.set(this.prev);
    g.next.set(this.next);
    return g;
  }
}

/**
 * kuromoji's character classes, by UTF-16 code unit: each unit's class, and per class whether unknown
 * words are always tried, whether a run of the class is one word, its name (classes of one name group
 * together, as kuromoji compares names) and its unknown-word entries.
 */
function characterClasses(unknown: ViterbiTables['unknown']) {
  const of = new Uint8Array(65536);
  const byId = new Map<number, ReturnType<ViterbiTables['unknown']['lookup']>>();
  for (let code = 0; code < 65536; code++) {
    const c = unknown.lookup(String.fromCharCode(code));
    of[code] = c.class_id;
    byId.set(c.class_id, c);
  }
  const size = Math.max(...byId.keys()) + 1;
  const names = new Map<string, number>();
  const invoke = new Uint8Array(size);
  const grouping = new Uint8Array(size);
  const name = new Int32Array(size).fill(-1);
  const entries: Int32Array[] = [];
  const left: Int16Array[] = [];
  const right: Int16Array[] = [];
  const cost: Int16Array[] = [];
  for (let id = 0; id < size; id++) {
    const c = byId.get(id);
    const ids = Int32Array.from(unknown.target_map[id] ?? [], Number);
    entries.push(ids);
    left.push(Int16Array.from(ids, (u) => unknown.dictionary.getShort(u)));
    right.push(Int16Array.from(ids, (u) => unknown.dictionary.getShort(u + 2)));
    cost.push(Int16Array.from(ids, (u) => unknown.dictionary.getShort(u + 4)));
    if (!c) continue;
    invoke[id] = c.is_always_invoke === 1 ? 1 : 0;
    grouping[id] = c.is_grouping === 1 ? 1 : 0;
    if (!names.has(c.class_name)) names.set(c.class_name, names.size);
    name[id] = names.get(c.class_name)!;
  }
  return { of, invoke, grouping, name, entries, left, right, cost };
}
