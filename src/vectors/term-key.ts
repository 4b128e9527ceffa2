/**
 * A term's key in the postings: a 53-bit hash of its text, exact in a float64. Every view keys its terms
 * so: no term strings are stored or parsed to load an index, and a query term is looked up by computing
 * the same number. Two terms of one view share a key with probability ~n²/2⁵⁴ (10⁻⁵ at a million terms).
 *
 * @example termKey('省エネ') === termKey('省エネ') // true; termKey('省エネ') !== termKey('診断')
 */
export function termKey(term: string): number {
  // Two FNV-1a runs over the UTF-16 code units (different offset bases), each finished by murmur3's fmix32.
  let lo = 0x811c9dc5;
  let hi = 0x050c5d1f;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    lo = Math.imul(lo ^ c, 0x01000193);
    hi = Math.imul(hi ^ (c + i), 0x01000193);
  }
  return 4294967296 * (fmix32(hi ^ term.length) & 0x1fffff) + fmix32(lo);
}

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
