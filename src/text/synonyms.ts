import type { Analysis, Analyzer } from './analyzer.js';
import { distinctTerms, type WeightedTerm } from '../vectors/bm25.js';
import { isEnglish, translateEnglish, type EnglishTable } from './english.js';
import { ENGLISH_GLOSSARY } from './glossary-en.js';
import { charBigrams } from './ngrams.js';
import { compact } from './normalize.js';
import type { Respelling } from './spelling.js';

const HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
/** Corpus words taken from one reading of kana (homophones, the most used first). */
const SPELT_MAX = 3;

/** term → the other terms of its synonym group that the corpus actually uses. */
export type SynonymGroups = Record<string, string[]>;

/**
 * What the index's synonyms.json holds: Sudachi's synonym groups for Japanese words, and EDICT's English
 * glosses of the corpus's words for English ones (empty when ingest had no EDICT).
 */
export interface SynonymTable {
  ja: SynonymGroups;
  en: EnglishTable;
}

/** One synonym group of the Sudachi dictionary, as `sudachi-synonyms-dictionary` ships it. */
export interface SudachiGroup {
  items: { midashi: string; expandControl: number }[];
}

/** Every phrase a Sudachi group could be kept for: what ingest looks for in the corpus. */
export function synonymCandidates(groups: SudachiGroup[]): Set<string> {
  const out = new Set<string>();
  for (const group of groups) for (const i of group.items) if (i.expandControl !== 2) out.add(compact(i.midashi));
  return out;
}

/** A Sudachi group's words as compared (compacted), those flagged "never expand" (2) left out; `trigger` for flag 0. */
export type SynonymGroup = { word: string; trigger: boolean }[];

export function synonymGroups(groups: SudachiGroup[]): SynonymGroup[] {
  return groups.map((group) => group.items.filter((i) => i.expandControl !== 2).map((i) => ({ word: compact(i.midashi), trigger: i.expandControl === 0 })));
}

/**
 * Keeps the Sudachi groups that can reach the corpus: a group is kept when one of its words is a
 * corpus phrase (1–3 adjacent content words); each of its words then points to those corpus phrases.
 * Words flagged "never expand" (2) are dropped; flag 1 words are targets, not triggers.
 */
export function synonymTableFrom(groups: SudachiGroup[], corpusPhrases: Set<string>): SynonymGroups {
  return synonymTableOf(synonymGroups(groups), corpusPhrases);
}

/** `synonymTableFrom` over groups already prepared (`synonymGroups`). */
export function synonymTableOf(groups: readonly SynonymGroup[], corpusPhrases: ReadonlySet<string>): SynonymGroups {
  // No prototype: a word such as "constructor" must not find Object's own properties.
  const table: SynonymGroups = Object.create(null);
  for (const items of groups) {
    const targets = [...new Set(items.map((i) => i.word).filter((w) => corpusPhrases.has(w)))];
    if (targets.length === 0) continue;
    for (const { word, trigger } of items) {
      if (!trigger) continue;
      const others = targets.filter((t) => t !== word);
      if (others.length) table[word] = [...new Set([...(Object.hasOwn(table, word) ? table[word]! : []), ...others])];
    }
  }
  return table;
}

/**
 * A reviewed lexicon entry: interchangeable phrases (each brings in the others), or phrases that also
 * bring in `adds` without being brought in by them.
 */
export type LexiconEntry = readonly string[] | { readonly terms: readonly string[]; readonly adds: readonly string[] };

/** A query's terms per view, each term once with its highest weight. */
export interface QueryTerms {
  /** For an English question, the Japanese terms it is searched with (the question itself otherwise). */
  asked?: string;
  /** For an English question, its phrases and their translations: what judging its scope weighs. */
  english?: EnglishUnit[];
  /** The question's own content words, each once: what it asks about, before any expansion. */
  own: string[];
  words: WeightedTerm[];
  grams: WeightedTerm[];
  pairs: WeightedTerm[];
  /** The expansions applied, for explaining a ranking. */
  expansions: string[];
  /**
   * Where each expansion came from: the phrase of the question that brought it in, whether a reviewed
   * lexicon did, and how it was found: a lexicon or Sudachi synonym, a kana reading, a typo's neighbour,
   * another translation of an English phrase (its trigger is then the translation the question is searched with);
   * and the expansion as the analyser reads it (expansions come from fixed tables: each is analysed once).
   */
  origins: { expansion: string; trigger: string; reviewed: boolean; kind: ExpansionKind; analysis: Analysis }[];
}

/** One phrase of an English question (or a word it leaves as written), for judging whether a program covers it. */
export interface EnglishUnit {
  phrase: string;
  /**
   * Its translations, the best first (a word left as written is its own), with the credit a program
   * holding one's words gets: full for a term EDICT's glosses name it by well enough (FULL_CREDIT), less below.
   */
  translations: { term: string; words: string[]; credit: number }[];
}

/** A translation weighing this much (a gloss a few words share, or a precise one) covers its phrase fully. */
const FULL_CREDIT = 0.25;

export type ExpansionKind = 'lexicon' | 'sudachi' | 'reading' | 'typo' | 'english';

export interface QueryExpanderOptions {
  analyzer: Analyzer;
  synonyms: SynonymGroups;
  /** English word or phrase → corpus terms (EDICT): how an English question is searched. */
  english?: EnglishTable;
  lexicon: readonly LexiconEntry[];
  /** Weight of expansion terms relative to the user's own words (1). */
  weight: number;
  /** Whether the corpus uses a content word: Sudachi synonyms stand in only for words it does not. */
  known?: (word: string) => boolean;
  /** Kana read as corpus words and typos' nearest words (text/spelling.ts). */
  respell?: (analysis: Analysis, text: string) => Respelling;
  /** Weight of words read from kana or a typo's neighbours (below 1: the question did not write them); `weight` if not given. */
  spellingWeight?: number;
}

/**
 * Analyses a query and adds synonyms with a lower weight: domain lexicon groups matched anywhere in
 * the query text; Sudachi synonyms for the query's phrases that the corpus does not use itself; the
 * corpus words a run of kana reads as, and those one edit from a word the corpus does not know.
 * Words read from kana stand in `own` for the analyser's words of that run (せく, といあわせる): they are
 * what the question says. The terms may be shared between callers: never mutate them.
 *
 * @example createQueryExpander({ analyzer, synonyms: {}, lexicon: [['電気代', '省エネ']], weight: 0.4 })('電気代').expansions // ['省エネ']
 */
export function createQueryExpander(options: QueryExpanderOptions): (query: string) => QueryTerms {
  const { analyzer, synonyms, weight } = options;
  const spellingWeight = options.spellingWeight ?? weight;
  const known = options.known ?? (() => false);
  const lexicon = options.lexicon.map((e) => {
    const terms = ('terms' in e ? e.terms : (e as readonly string[])).map(compact);
    // Each term's content words, analysed on the first query.
    return { terms, brings: [...terms, ...('adds' in e ? e.adds : []).map(compact)], parts: null as string[][] | null };
  });
  // Expansions come from fixed tables: each is analysed once.
  const analysed = new Map<string, Analysis>();
  const analyse = (phrase: string) => {
    let a = analysed.get(phrase);
    if (!a) analysed.set(phrase, (a = analyzer.analyze(phrase)));
    return a;
  };
  const translate = (question: string) => englishTerms(question, options.english ?? {}, analyse);
  const expandQuery = (query: string): QueryTerms => {
    // An English question is searched with its Japanese terms.
    const english = isEnglish(query) ? translate(query) : null;
    const asked = english?.asked ?? query;
    const own = analyzer.analyze(asked);
    const text = compact(asked);
    const words = new Set(own.words);
    // A phrase is in the query when written as is, or when all its content words are (経営の相談 ~ 経営相談).
    const mentions = (phrase: string, parts: string[]) => {
      if (text.includes(phrase)) return true;
      if (parts.length < 2) return false;
      for (const w of parts) if (!words.has(w)) return false;
      return true;
    };
    const expansions = new Map<string, { trigger: string; reviewed: boolean; kind: ExpansionKind; weight?: number }>();
    for (const alt of english?.alternatives ?? []) if (!text.includes(alt.term) && !expansions.has(alt.term)) expansions.set(alt.term, { trigger: alt.trigger, reviewed: false, kind: 'english', weight: alt.weight });
    for (const entry of lexicon) {
      const parts = (entry.parts ??= entry.terms.map((t) => analyse(t).words));
      let trigger: string | undefined;
      for (let i = 0; i < entry.terms.length && trigger === undefined; i++) if (mentions(entry.terms[i]!, parts[i]!)) trigger = entry.terms[i];
      if (trigger) for (const p of entry.brings) if (!text.includes(p) && !expansions.has(p)) expansions.set(p, { trigger, reviewed: true, kind: 'lexicon' });
    }
    for (const phrase of own.phrases) {
      // Most phrases have no synonyms: whether the corpus knows them is asked only of those that do.
      if (!Object.hasOwn(synonyms, phrase) || known(phrase)) continue;
      for (const s of synonyms[phrase]!) if (!text.includes(s) && !expansions.has(s)) expansions.set(s, { trigger: phrase, reviewed: false, kind: 'sudachi' });
    }
    const spelt = options.respell?.(own, text) ?? { explained: new Set<number>(), runs: [], read: [], typos: [] };
    const ownWords = own.words.filter((_, i) => !spelt.explained.has(i));
    for (const { written, words: read } of spelt.read) {
      ownWords.push(read[0]!);
      for (const w of read.slice(0, SPELT_MAX)) if (!expansions.has(w)) expansions.set(w, { trigger: written, reviewed: false, kind: 'reading' });
    }
    for (const { written, words: near } of spelt.typos) {
      for (const w of near) if (!expansions.has(w)) expansions.set(w, { trigger: written, reviewed: false, kind: 'typo' });
    }
    // An English question's terms weigh as specific as EDICT's glosses make them; acronyms and untranslated words 1.
    const ownWeight = (term: string, views: 'words' | 'grams') => english?.weights[views].get(term) ?? 1;
    const wordTerms = own.words.filter((_, i) => !spelt.explained.has(i)).map((term) => ({ term, weight: ownWeight(term, 'words') }));
    // Bigrams of kana endings and particles (ます, てい, すか …) only add noise to a question, as do those
    // of katakana read as other words.
    const readGrams = new Set(spelt.runs.flatMap((r) => charBigrams(r)));
    const grams = own.grams.filter((g) => !HIRAGANA.test(g) && !readGrams.has(g)).map((term) => ({ term, weight: ownWeight(term, 'grams') }));
    const pairs = own.pairs
      .filter((_, i) => !spelt.explained.has(i) && !spelt.explained.has(i + 1))
      // A pair weighs as its lighter word (each 1 but in an English question).
      .map((term) => ({ term, weight: english ? Math.min(...term.split(' ').map((w) => ownWeight(w, 'words'))) : 1 }));
    for (let i = 0; i + 1 < spelt.read.length; i++) pairs.push({ term: `${spelt.read[i]!.words[0]} ${spelt.read[i + 1]!.words[0]}`, weight: spellingWeight });
    for (const [e, { trigger, reviewed, kind, weight: given }] of expansions) {
      const a = analyse(e);
      // A reviewed term standing in for words the documents never use (3Dプリンター → 積層造形) is all the
      // question has to say about them: it weighs as the user's own word.
      let w = given ?? (kind === 'reading' || kind === 'typo' ? spellingWeight : reviewed && !analyse(trigger).words.some((t) => t.length > 1 && known(t)) ? 1 : weight);
      if (english && kind !== 'english') {
        // A synonym of an English question's translation weighs as that translation does, at most.
        w *= Math.max(0, ...analyse(trigger).words.map((t) => english.weights.words.get(t) ?? 0)) || 1;
        for (const unit of english.units) {
          const from = unit.translations.find((t) => compact(t.term).includes(trigger));
          if (from) unit.translations.push({ term: e, words: a.words, credit: from.credit * (reviewed ? 0.8 : 0.5) });
        }
      }
      wordTerms.push(...a.words.map((term) => ({ term, weight: w })));
      grams.push(...a.grams.map((term) => ({ term, weight: w })));
    }
    return {
      ...(english && { asked, english: english.units }),
      own: [...new Set(ownWords)],
      words: distinctTerms(wordTerms),
      grams: distinctTerms(grams),
      pairs: distinctTerms(pairs),
      expansions: [...expansions.keys()],
      origins: [...expansions].map(([expansion, o]) => ({ expansion, ...o, analysis: analyse(expansion) })),
    };
  };
  // The answerer and then the retriever expand a question, one call right after the other. The last
  // expansion is kept until the code running now yields: those two calls share it, and no other request
  // (which only runs after a yield) ever sees it.
  let last: { query: string; terms: QueryTerms } | null = null;
  const forget = () => {
    last = null;
  };
  return (query) => {
    if (last !== null && last.query === query) return last.terms;
    const terms = expandQuery(query);
    if (last === null) queueMicrotask(forget);
    last = { query, terms };
    return terms;
  };
}

/** An English question as searched: the Japanese text, its words' and bigrams' weights, the other translations. */
interface EnglishTerms {
  asked: string;
  units: EnglishUnit[];
  weights: { words: Map<string, number>; grams: Map<string, number> };
  alternatives: { term: string; trigger: string; weight: number }[];
}

/**
 * An English question → the best translation of each phrase found (what it is searched with, at the weight
 * EDICT's gloss gives it), its acronyms and untranslated words as written (at 1), and the other
 * translations, to be searched as expansions of the best one.
 */
function englishTerms(question: string, table: EnglishTable, analyse: (phrase: string) => Analysis): EnglishTerms {
  const { matches, acronyms, unknown } = translateEnglish(question, ENGLISH_GLOSSARY, table);
  const weights = { words: new Map<string, number>(), grams: new Map<string, number>() };
  const raise = (map: Map<string, number>, term: string, w: number) => map.set(term, Math.max(map.get(term) ?? 0, w));
  const alternatives: EnglishTerms['alternatives'] = [];
  const units: EnglishUnit[] = [];
  for (const { phrase, terms } of matches) {
    const [best, w] = terms[0]!;
    const a = analyse(best);
    for (const t of a.words) raise(weights.words, t, w);
    for (const g of a.grams) raise(weights.grams, g, w);
    for (const [other, ow] of terms.slice(1)) alternatives.push({ term: other, trigger: best, weight: ow });
    units.push({ phrase, translations: terms.map(([term, tw]) => ({ term, words: analyse(term).words, credit: Math.min(1, tw / FULL_CREDIT) })) });
  }
  const written = [...new Set([...acronyms, ...unknown])];
  for (const word of written) units.push({ phrase: word, translations: [{ term: word, words: analyse(word).words, credit: 1 }] });
  return { asked: [...new Set([...matches.map((m) => m.terms[0]![0]), ...written])].join(' '), units, weights, alternatives };
}
