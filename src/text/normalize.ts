const DASHES = /[‐‑‒–—―−－]/g;
/** A Japanese phone number once dashes are folded (03-3501-1937). */
export const PHONE = /0\d{1,4}-\d{1,4}-\d{3,4}/g;

/** NFKC with every kind of dash as '-': how phone numbers are read and compared. */
export function foldDashes(text: string): string {
  return text.normalize('NFKC').replace(DASHES, '-');
}
const SPACES = /[\s\u3000]+/g;
// Control characters (kuromoji fails on NUL) become spaces.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * NFKC (full-width ASCII → half-width, half-width kana → full-width), lower-case Latin,
 * one kind of hyphen, collapsed white space; control characters and lone surrogates made harmless.
 * Used for both indexing and querying.
 *
 * @example normalize('ＺＥＨ　３Ｄプリンター') // 'zeh 3dプリンター'
 */
export function normalize(text: string): string {
  return text.replace(LONE_SURROGATE, ' ').replace(CONTROLS, ' ').normalize('NFKC').toLowerCase().replace(DASHES, '-').replace(SPACES, ' ').trim();
}

/** Normalized and without spaces or `**` marks: how titles and offices are compared. */
export function compact(text: string): string {
  return normalize(text).replace(/\*+/g, '').replace(/ /g, '');
}
