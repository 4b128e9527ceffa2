/** One edit between a word and a corpus word: where, and the characters it changes. */
export interface Edit {
  kind: 'substituted' | 'swapped' | 'inserted' | 'deleted';
  /** Where the edit is: in the longer of the two words for a character inserted or deleted. */
  at: number;
  /** The character typed (substituted, inserted) or left out (deleted); the first of the two swapped. */
  typed: string;
  /** The corpus word's character there (substituted), or the one typed or left out. */
  meant: string;
}

/** The corpus words one edit away from a word, found through a deletion neighbourhood, not a scan. */
export interface TypoIndex {
  /**
   * Corpus words (of two characters or more) one character substituted, inserted, deleted or two
   * adjacent ones swapped away from `word`, that `accept` allows, the most used first, at most `limit`.
   */
  near(word: string, accept?: (neighbour: string, edit: Edit) => boolean, limit?: number): string[];
}

/**
 * Every word of the vocabulary is indexed under itself and under each of its one-character deletions
 * (symmetric deletion, as SymSpell does): a word's neighbours are then those sharing one of the few keys
 * the word itself makes. The keys are kept as 32-bit hashes beside the word ids, sorted, in typed arrays
 * (a Map of strings to arrays took 6 MB for 18k words): a colliding key only adds candidates, and every
 * candidate is checked to be one edit away, so the words found are those the keys themselves give. Built
 * on first use, so an engine that meets no unknown word never pays for it.
 *
 * @example createTypoIndex(['支援', '診断'], () => 0).near('支縁') // ['支援']
 */
export function createTypoIndex(vocabulary: readonly string[], rank: (word: string) => number): TypoIndex {
  let keys: { hashes: Uint32Array; ids: Uint32Array } | undefined;
  const build = () => {
    const hashes: number[] = [];
    const ids: number[] = [];
    vocabulary.forEach((word, id) => {
      const chars = Array.from(word);
      if (chars.length < 2 || chars.length > MAX_CHARS || NUMERIC.test(word)) return;
      for (const key of [word, ...deletions(chars)]) {
        hashes.push(hashOf(key));
        ids.push(id);
      }
    });
    const order = Uint32Array.from(hashes, (_, i) => i).sort((a, b) => hashes[a]! - hashes[b]! || a - b);
    return { hashes: Uint32Array.from(order, (i) => hashes[i]!), ids: Uint32Array.from(order, (i) => ids[i]!) };
  };
  return {
    near(word, accept = () => true, limit = 3) {
      const chars = Array.from(word);
      if (chars.length < 2 || chars.length > MAX_CHARS) return [];
      const { hashes, ids } = (keys ??= build());
      const found = new Set<number>();
      for (const key of [word, ...deletions(chars)]) {
        const h = hashOf(key);
        for (let at = lowerBound(hashes, h); at < hashes.length && hashes[at] === h; at++) found.add(ids[at]!);
      }
      const out: string[] = [];
      for (const id of found) {
        const neighbour = vocabulary[id]!;
        if (neighbour === word) continue;
        const edit = oneEdit(chars, Array.from(neighbour));
        if (edit && accept(neighbour, edit)) out.push(neighbour);
      }
      return out.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).slice(0, limit);
    },
  };
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The first index whose hash is not below `h`. */
function lowerBound(hashes: Uint32Array, h: number): number {
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const MAX_CHARS = 24;
const NUMERIC = /^[\d.,]+$/;

function deletions(chars: string[]): string[] {
  return chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
}

/** The one edit that turns `typed` into `meant`, or null when it takes none or more than one. */
export function oneEdit(typed: string[], meant: string[]): Edit | null {
  if (Math.abs(typed.length - meant.length) > 1) return null;
  let i = 0;
  while (i < typed.length && i < meant.length && typed[i] === meant[i]) i++;
  const same = (a: string[], from: number, b: string[], to: number) => a.slice(from).join('') === b.slice(to).join('');
  if (typed.length === meant.length) {
    if (i === typed.length) return null;
    if (same(typed, i + 1, meant, i + 1)) return { kind: 'substituted', at: i, typed: typed[i]!, meant: meant[i]! };
    if (typed[i] === meant[i + 1] && typed[i + 1] === meant[i] && same(typed, i + 2, meant, i + 2)) return { kind: 'swapped', at: i, typed: typed[i]!, meant: meant[i]! };
    return null;
  }
  if (typed.length > meant.length) return same(typed, i + 1, meant, i) ? { kind: 'inserted', at: i, typed: typed[i]!, meant: typed[i]! } : null;
  return same(typed, i, meant, i + 1) ? { kind: 'deleted', at: i, typed: meant[i]!, meant: meant[i]! } : null;
}
