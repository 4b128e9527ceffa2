/** Kanji, kana, CJK and full-width punctuation, full-width letters and digits, and the marks Japanese sets with them. */
const CJK = '[\\u2E80-\\u2FDF\\u3001-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF01-\\uFF60\\uFFE0-\\uFFE6※〃]';
const WIDE_ALNUM = /^[０-９Ａ-Ｚａ-ｚ]$/u;
const SPACE_BETWEEN = new RegExp(`(${CJK}) (?=(${CJK}))`, 'gu');
/** Every character on its own, one space apart: "8 0", "6 7 . 5", "有 期 雇 用". */
const SPACED_OUT = /^\S(?: \S)+$/u;
const LATIN = /[A-Za-z]/;

const ALL_CJK = new RegExp(`^${CJK}+$`, 'u');

/** Whether every character of `text` is CJK. */
export function isCjk(text: string): boolean {
  return ALL_CJK.test(text);
}

/**
 * Removes the single spaces a text layer puts between CJK characters set with letter spacing; spaces between
 * Latin words and digits stay, and so do two full-width letters or digits apart (ＰＬ０７０１ Ｎｏ．１４).
 *
 * @example joinSpacedCjk('有 期 雇 用 労 働 者 の 8 0 万 円') // '有期雇用労働者の 8 0 万円'
 */
export function joinSpacedCjk(text: string): string {
  return text.replace(SPACE_BETWEEN, (m, a: string, b: string) => (WIDE_ALNUM.test(a) && WIDE_ALNUM.test(b) ? m : a));
}

/**
 * One run of a letter-spaced text layer: when every character stands one space apart and none is a Latin
 * letter, the spaces are the layout's, not the text's ("8 0" is 80).
 *
 * @example collapseSpacedRun('6 7 . 5') // '67.5'
 */
export function collapseSpacedRun(text: string): string {
  return SPACED_OUT.test(text) && !LATIN.test(text) ? text.replace(/ /g, '') : joinSpacedCjk(text);
}
