/**
 * English questions: their words folded to one form (plurals, -ing, -ed, British spellings), and their
 * phrases looked up in the English table ingest builds from EDICT for the corpus (text/english-table.ts).
 */

/**
 * English word or phrase (folded words joined by spaces) → corpus terms with their weights, best first,
 * as one string ("融資 0.25 ローン 0.23": terms have no spaces). Strings, not arrays: a Worker keeps the
 * table of thousands of programs in a third of the memory.
 */
export type EnglishTable = Record<string, string>;

/** A table entry's terms and weights. */
export function unpackTerms(packed: string): [term: string, weight: number][] {
  const parts = packed.split(' ');
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push([parts[i]!, Number(parts[i + 1])]);
  return out;
}

/** The terms of a table entry, without their weights (what `unpackTerms` gives, without making the pairs). */
export function termsOf(packed: string): string[] {
  const parts = packed.split(' ');
  const out: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push(parts[i]!);
  return out;
}

/** Terms and weights as a table entry holds them. */
export function packTerms(terms: readonly (readonly [string, number])[]): string {
  return terms.map(([t, w]) => `${t} ${w}`).join(' ');
}

/** The longest phrase looked up, in folded words. */
export const MAX_PHRASE = 5;

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** True for a question in Latin letters without any Japanese: mixed questions stay Japanese. */
export function isEnglish(text: string): boolean {
  return LATIN_WORD.test(text) && !JAPANESE.test(text);
}

const VOWEL = /[aeiouy]/;
/** Plurals no rule makes. */
const IRREGULAR: Record<string, string> = { news: 'news', women: 'woman', men: 'man', people: 'person', children: 'child', staff: 'staff', data: 'data' };

/**
 * One form for a word's inflections, the same for a gloss and a question: plural and possessive -s,
 * -ing and -ed (with the silent e put back where English spelling dropped it: hiring → hire, financing →
 * finance, running → run), -ies/-ied → -y, and British -our, -ise, -isation, -tre.
 *
 * @example lemma('subsidies') // 'subsidy'
 * @example lemma('hiring') // 'hire'
 */
export function lemma(word: string): string {
  let w = word.replace(/'s?$/, '');
  if (Object.hasOwn(IRREGULAR, w)) return IRREGULAR[w]!;
  if (w.length < 3 || /\d/.test(w)) return w;
  if (w.length === 3) return /[^su]s$/.test(w) ? w.slice(0, -1) : w;
  w = w.replace(/([blv])our$/, '$1or').replace(/is(ation|e|ed|es|ing)$/, 'iz$1').replace(/(?<=.{3})tre(s?)$/, 'ter$1');
  if (/ies$|ied$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes|zzes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const inflected = /^(.+?)(ing|ed)$/.exec(w);
  if (!inflected || (inflected[2] === 'ed' && inflected[1]!.endsWith('e'))) return w;
  let stem = inflected[1]!;
  if (stem.length < 3 || !VOWEL.test(stem)) return w;
  if (stem.length >= 4 && /([bdgkmnprt])\1$/.test(stem)) return stem.slice(0, -1);
  if (needsE(stem)) stem += 'e';
  return stem;
}

/** Whether a stem left by -ing/-ed had a silent e (hir → hire, manag → manage, chang → change). */
function needsE(stem: string): boolean {
  if (/([cvu]|[^s]s|[^z]z|[ard]g|[ae]ng|[^aeioul]l|[^aeiou]ur|[^aeiou]ir|[^aeio]at|[^aeiou]ut)$/.test(stem)) return !/[ae]ng$/.test(stem) || stem.length >= 5;
  // One syllable ending consonant–vowel–consonant (sav, car, stor): save, care, store.
  return /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(stem);
}

/** Words that carry no subject: articles, dropped everywhere (in glosses too). */
const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * The words of a text as the table keys them: lower case, split at anything but letters, digits and &
 * (R&D, M&A), articles dropped, each folded by `lemma`.
 *
 * @example englishWords('Loans for start-ups') // ['loan', 'for', 'start', 'up']
 */
export function englishWords(text: string, fold: (word: string) => string = lemma): string[] {
  return rawWords(text).map(fold);
}

/** Lower case, split at anything but letters, digits, & and apostrophes, articles dropped. */
function rawWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^a-z0-9&']+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0 && !ARTICLES.has(w));
}

/** English words of asking, not of the subject: looked up only inside a longer phrase. */
export const STOPWORDS = new Set(
  englishWords(
    'the and for with about that this there what which who whom whose how when where why are was were been being have has had does did do ' +
      'can could would should will shall may might must into from onto over under than then them they their your you our ours its it ' +
      'is be am to of in on at by or as if so not no yes me my mine we us i he she his her him want need like tell give get know find look help ' +
      'support program scheme system any some all each every such also just please thank thanks here gives got make made use used using ' +
      'company business firm japan japanese government ministry office handle handles contact phone number call department division available offer provide ' +
      'something anything thing kind type way lot much many more most very really there apply application ask receive obtain eligible ' +
      'information detail after before during while until since because between within without through also only even still again now ' +
      'against toward towards per via among across around near',
  ),
);

/** Nouns English uses alike for a company: a phrase with one (small firm) is looked up with each (small business). */
const COMPANY_NOUNS = englishWords('business company firm enterprise corporation');

/** A phrase, then the same phrase with its company noun written as each of the others. */
function phraseKeys(phrase: string): string[] {
  const words = phrase.split(' ');
  const at = words.findIndex((w) => COMPANY_NOUNS.includes(w));
  if (at < 0) return [phrase];
  return [phrase, ...COMPANY_NOUNS.filter((c) => c !== words[at]).map((c) => [...words.slice(0, at), c, ...words.slice(at + 1)].join(' '))];
}

/** A phrase of the question found in the table, and the terms it is searched with. */
export interface EnglishMatch {
  phrase: string;
  terms: [term: string, weight: number][];
}

export interface EnglishQuery {
  matches: EnglishMatch[];
  /** Acronyms as written (ZEH, DX, IT): the documents use them so. */
  acronyms: string[];
  /** Subject words the table does not know: kept, as the documents may not cover them either. */
  unknown: string[];
}

/**
 * Looks an English question up in the tables (the first that has a phrase gives it): its longest phrases first, each word in one phrase, a
 * stopword only as part of a longer phrase; acronyms kept as written, other words the table lacks kept
 * as they are.
 *
 * @example translateEnglish('loans for startups', { loan: [['融資', 0.8]], startup: [['スタートアップ', 0.6]] }).matches.map((m) => m.phrase) // ['loan', 'startup']
 */
export function translateEnglish(question: string, ...tables: EnglishTable[]): EnglishQuery {
  const raw = rawWords(question);
  const words = raw.map(lemma);
  const acronyms = [...new Set(question.match(/\b[A-Z][A-Z0-9&]{1,5}\b/g) ?? [])];
  const acronymWords = new Set(acronyms.map((a) => a.toLowerCase()));
  const used = new Array<boolean>(words.length).fill(false);
  const found: { at: number; match: EnglishMatch }[] = [];
  for (let n = Math.min(MAX_PHRASE, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      if (used.slice(i, i + n).some(Boolean)) continue;
      const phrase = words.slice(i, i + n).join(' ');
      // A stopword written as an acronym (IT) is a subject word.
      if (n === 1 && STOPWORDS.has(phrase) && !acronymWords.has(raw[i]!)) continue;
      const key = n > 1 ? phraseKeys(phrase).find((k) => tables.some((t) => Object.hasOwn(t, k))) : tables.some((t) => Object.hasOwn(t, phrase)) ? phrase : undefined;
      if (key === undefined) continue;
      const table = tables.find((t) => Object.hasOwn(t, key))!;
      for (let j = i; j < i + n; j++) used[j] = true;
      found.push({ at: i, match: { phrase: key, terms: unpackTerms(table[key]!) } });
    }
  }
  const unknown = words.filter((w, i) => !used[i] && w.length > 2 && !STOPWORDS.has(w) && !acronymWords.has(raw[i]!) && !/^\d+$/.test(w));
  return { matches: found.sort((a, b) => a.at - b.at).map((f) => f.match), acronyms, unknown: [...new Set(unknown)] };
}
