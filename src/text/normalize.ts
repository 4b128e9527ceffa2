const DASHES = /[‐‑‒–—―−－]/g;
const SPACES = /[\s\u3000]+/g;

/**
 * NFKC (full-width ASCII → half-width, half-width kana → full-width), lower-case Latin,
 * one kind of hyphen, collapsed white space. Used for both indexing and querying.
 *
 * @example normalize('ＺＥＨ　３Ｄプリンター') // 'zeh 3dプリンター'
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(DASHES, '-').replace(SPACES, ' ').trim();
}

/** Normalized and without spaces or `**` marks: how titles and offices are compared. */
export function compact(text: string): string {
  return normalize(text).replace(/\*+/g, '').replace(/ /g, '');
}
