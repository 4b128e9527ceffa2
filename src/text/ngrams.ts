// Runs of letters, digits and marks; punctuation and symbols split them.
const RUN = /[\p{L}\p{N}\p{M}ー]+/gu;

/**
 * Character bigrams within each run of word characters of an already normalized text;
 * a one-character run yields itself. Catches compounds and unknown words that one
 * morphological split would hide (関西国際空港 → 関西, 西国, 国際, 際空, 空港).
 *
 * @example charBigrams('zeh化') // ['ze', 'eh', 'h化']
 */
export function charBigrams(normalized: string): string[] {
  const out: string[] = [];
  for (const match of normalized.matchAll(RUN)) {
    const chars = Array.from(match[0]);
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}
