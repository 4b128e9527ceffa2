import { englishWords, lemma, MAX_PHRASE, packTerms, STOPWORDS, type EnglishTable } from './english.js';
import { compact } from './normalize.js';

/** One sense of an EDICT entry: its parts of speech ((n), (vs) …), other tags ((uk), (comp) …) and glosses. */
export interface EdictSense {
  pos: string[];
  tags: string[];
  glosses: string[];
}

/** One line of EDICT: a headword (or a word written in kana), its reading, (P) for priority, its senses. */
export interface EdictEntry {
  headword: string;
  reading: string;
  priority: boolean;
  senses: EdictSense[];
}

/** Parts of speech that carry no subject (particles, auxiliaries, affixes, interjections, counters). */
const FUNCTION_POS = new Set(['prt', 'aux', 'aux-v', 'aux-adj', 'conj', 'cop', 'int', 'pref', 'suf', 'unc', 'ctr']);
/** Senses no help desk question means. */
const FADED = new Set(['arch', 'obs', 'obsc', 'rare', 'dated']);
/** Corpus terms kept for one English word or phrase. */
const MAX_TERMS = 4;
/**
 * Among a key's terms, the corpus's own word for it counts more: a term weighs USED + (1 - USED) × its
 * use relative to the most used (by idf); one the corpus does not use (a synonym takes it there) USED.
 */
const USED = 0.75;
/** Below this a term says too little to search with, as does one far below the key's best. */
const MIN_WEIGHT = 0.08;
const RELATIVE_WEIGHT = 0.5;

/**
 * How well a gloss names a headword: priority entries first, then earlier senses and earlier glosses
 * of a sense; a gloss read with its parenthesis ("free (of charge)" as "free of charge") a little less.
 */
const quality = (priority: boolean, sense: number, gloss: number, inlined: boolean, faded: boolean) =>
  ((priority ? 1 : 0.85) / (1 + 0.5 * sense) / (1 + 0.2 * gloss)) * (inlined ? 0.9 : 1) * (faded ? 0.5 : 1);

/** How specific a gloss is: one that n headwords share says 1/(1 + log2(n)/2) of each (1, 0.5 for 4, 0.2 for 256). */
const specificity = (n: number) => 1 / (1 + Math.log2(Math.max(n, 1)) / 2);

/**
 * The keys a gloss is looked up by: its words without parentheses, and with them when they are a short
 * part of the phrase ("(hospital) nurse" → "nurse", "hospital nurse"); "to …" of a verb dropped. Glosses
 * longer than a question's phrase (MAX_PHRASE words), elliptic ones ("pretending to ...") and those made
 * of stopwords alone are not keys.
 *
 * @example glossKeys('free (of charge)') // [['free', false], ['free of charge', true]]
 */
export function glossKeys(gloss: string, fold: (word: string) => string = lemma): [key: string, inlined: boolean][] {
  if (gloss.includes('...') || gloss.includes('…')) return [];
  const bare = gloss.includes('(') ? gloss.replace(/\([^()]*\)/g, ' ') : gloss;
  const inlined = bare === gloss ? gloss : gloss.replace(/\(([^()]*)\)/g, (_, inner: string) => (/[.:;=]|\d/.test(inner) || inner.split(' ').length > 3 ? ' ' : ` ${inner} `));
  const out: [string, boolean][] = [];
  for (const [text, isInlined] of [[bare, false], [inlined, true]] as const) {
    const words = englishWords(text, fold);
    if (words[0] === 'to' && words.length > 1) words.shift();
    if (words.length === 0 || words.length > MAX_PHRASE || words.every((w) => STOPWORDS.has(w))) continue;
    const key = words.join(' ');
    if (!out.some(([k]) => k === key)) out.push([key, isInlined]);
  }
  return out;
}

/** Whether a sense names something: not a particle, an auxiliary or an affix alone. */
const content = (s: EdictSense) => s.pos.length === 0 || s.pos.some((p) => !FUNCTION_POS.has(p));

/**
 * The forms of an entry a document may use, as the corpus analysis compacts them: the headword, and
 * the reading of a word usually written in kana ((uk) in its first sense). A single kana is no word to
 * look for.
 */
export function edictForms(entry: EdictEntry): string[] {
  if (!entry.senses.some(content)) return [];
  const forms = [compact(entry.headword)];
  if (entry.reading !== entry.headword && entry.senses[0]?.tags.includes('uk') && entry.reading.length >= 3) forms.push(compact(entry.reading));
  return forms.filter((f) => !/^[\p{Script=Hiragana}\p{Script=Katakana}ー]$/u.test(f));
}

/**
 * EDICT reduced to what the English table needs, built as it is read: each entry's forms, its glosses'
 * keys with how well each names it, and how many words of the whole dictionary give each key. Typed
 * arrays: the parsed dictionary would weigh some 250 MB.
 */
export interface EdictGlosses {
  /** Entry i's forms (`edictForms`) are forms[formStart[i] … formStart[i + 1]). */
  forms: string[];
  formStart: Uint32Array;
  /** Entry i's keys (ids into `keys`) and their quality are at pairStart[i] … pairStart[i + 1]. */
  pairKey: Uint32Array;
  pairQuality: Float32Array;
  pairStart: Uint32Array;
  keys: string[];
  /** How many words give each key: EDICT gives each spelling and reading of a word its own line, with the same senses, and a word is counted once, by its senses. */
  sharing: Uint32Array;
  /** A hash of what the reduction was made from (ingest/edict.ts: the EDICT file), where known: it names `forms` without reading them. */
  id?: string;
}

/** Entries → their forms and keys, each gloss keyed once however many spellings share it. */
export function indexEdict(entries: Iterable<EdictEntry>): EdictGlosses {
  const forms: string[] = [];
  const formStart: number[] = [0];
  const pairKey: number[] = [];
  const pairQuality: number[] = [];
  const pairStart: number[] = [0];
  const keyIds = new Map<string, number>();
  const senseIds = new Map<string, number>();
  const glossKeysOf = new Map<string, [string, boolean][]>();
  // EDICT's glosses use some 60k words: each is folded once.
  const lemmas = new Map<string, string>();
  const fold = (w: string) => {
    let l = lemmas.get(w);
    if (l === undefined) lemmas.set(w, (l = lemma(w)));
    return l;
  };
  // key id × 2^20 + senses id, for counting the words (by senses) that give each key.
  const given: number[] = [];
  for (const entry of entries) {
    forms.push(...edictForms(entry));
    formStart.push(forms.length);
    const best = new Map<number, number>();
    entry.senses.forEach((sense, s) => {
      if (!content(sense)) return;
      const faded = sense.tags.some((t) => FADED.has(t));
      sense.glosses.forEach((gloss, g) => {
        let keys = glossKeysOf.get(gloss);
        if (!keys) glossKeysOf.set(gloss, (keys = glossKeys(gloss, fold)));
        for (const [key, inlined] of keys) {
          let id = keyIds.get(key);
          if (id === undefined) keyIds.set(key, (id = keyIds.size));
          best.set(id, Math.max(best.get(id) ?? 0, quality(entry.priority, s, g, inlined, faded)));
        }
      });
    });
    if (best.size) {
      const signature = entry.senses.map((s) => s.glosses.join('/')).join('|');
      let senses = senseIds.get(signature);
      if (senses === undefined) senseIds.set(signature, (senses = senseIds.size));
      for (const [id, q] of best) {
        pairKey.push(id);
        pairQuality.push(q);
        given.push(id * 2 ** 20 + senses);
      }
    }
    pairStart.push(pairKey.length);
  }
  const sharing = new Uint32Array(keyIds.size);
  const sorted = Float64Array.from(given).sort();
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sharing[Math.floor(sorted[i]! / 2 ** 20)]!++;
  return {
    forms,
    formStart: Uint32Array.from(formStart),
    pairKey: Uint32Array.from(pairKey),
    pairQuality: Float32Array.from(pairQuality),
    pairStart: Uint32Array.from(pairStart),
    keys: [...keyIds.keys()],
    sharing,
  };
}

/**
 * English word or phrase → the corpus terms EDICT translates it with. Only entries whose headword the
 * corpus uses, or one that a synonym takes to the corpus's words (`reachable`, found at ingest), are kept;
 * each term weighs how well the gloss names it times how specific the gloss is in the whole dictionary (a
 * gloss hundreds of headwords share, such as "support", says little of any of them), and the corpus's own
 * words count more (`idf`: how rare a term is in the corpus, null for one it does not use); the best
 * MAX_TERMS terms of each key are kept, best first.
 */
export function englishTableFrom(edict: EdictGlosses, reachable: Set<string>, idf: (term: string) => number | null = () => 0): EnglishTable {
  const scored = new Map<number, Map<string, number>>();
  const forms: string[] = [];
  for (let e = 0; e + 1 < edict.formStart.length; e++) {
    // Most entries' forms are not the corpus's: they are passed over without a list of their own.
    forms.length = 0;
    for (let f = edict.formStart[e]!; f < edict.formStart[e + 1]!; f++) if (reachable.has(edict.forms[f]!)) forms.push(edict.forms[f]!);
    if (forms.length === 0) continue;
    for (let p = edict.pairStart[e]!; p < edict.pairStart[e + 1]!; p++) {
      const key = edict.pairKey[p]!;
      let terms = scored.get(key);
      if (!terms) scored.set(key, (terms = new Map()));
      for (const f of forms) terms.set(f, Math.max(terms.get(f) ?? 0, edict.pairQuality[p]!));
    }
  }
  // No prototype: a key such as "constructor" must not find Object's own properties.
  const table: EnglishTable = Object.create(null);
  const byKey = [...scored].map(([id, terms]) => [edict.keys[id]!, id, terms] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // A term comes under many keys: its idf is asked for once.
  const idfOf = new Map<string, number | null>();
  const termIdf = (t: string) => {
    let v = idfOf.get(t);
    if (v === undefined) idfOf.set(t, (v = idf(t)));
    return v;
  };
  for (const [key, id, terms] of byKey) {
    const spec = specificity(edict.sharing[id]!);
    const idfs = new Map([...terms.keys()].map((t) => [t, termIdf(t)]));
    const mostUsed = Math.min(...[...idfs.values()].map((v) => v ?? Infinity));
    const use = (t: string) => (idfs.get(t) == null ? 0 : Math.exp(mostUsed - idfs.get(t)!));
    const kept = [...terms]
      .map(([term, q]): [string, number] => [term, Math.round(spec * q * (USED + (1 - USED) * use(term)) * 100) / 100])
      .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))
      .filter(([, w], _, all) => w >= MIN_WEIGHT && w >= all[0]![1] * RELATIVE_WEIGHT)
      .slice(0, MAX_TERMS);
    if (kept.length) table[key] = packTerms(kept);
  }
  return table;
}
