import { baseForm, isContent, lemmasOfNormalized, type Lemma, type Morpheme, type Morphology } from './morphemes.js';
import { charBigrams } from './ngrams.js';
import { normalize } from './normalize.js';

/** The two token views every document and query gets. */
export interface Analysis {
  /** Content-word base forms (kuromoji, IPADIC). */
  words: string[];
  /** Each content word as the text writes it (受け for 受ける): where a question's spelling is checked. */
  surfaces: string[];
  /** The surfaces of content words the dictionary lacks, guessed from their characters (ゅりてぃたいさく…). */
  guessed: string[];
  /** Character bigrams, so compounds and unknown words still match. */
  grams: string[];
  /** Adjacent content-word pairs ("年間 降水"): word order and proximity as terms. */
  pairs: string[];
  /** Concatenations of 1–3 adjacent content words: where multi-word synonyms are looked up. */
  phrases: string[];
  /** Runs of adjacent nouns as written (IT導入補助金, 創業助成金): candidate names of programs. */
  nounPhrases: string[];
  /** The content words that are nouns. */
  nouns: string[];
}

export interface Analyzer {
  /** Recorded in the index manifest: an index built by another analyser is refused. */
  readonly id: string;
  /** The result may be shared between callers: never mutate it. */
  analyze(text: string): Analysis;
}

export const ANALYZER_ID = 'ja-kuromoji-ipadic+bigram/1';

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * @example
 *   const analyzer = createAnalyzer(kuromojiTokenizer);
 *   analyzer.analyze('工場の電気代').words // ['工場', '電気', '代']
 */
export function createAnalyzer(morphology: Morphology): Analyzer {
  // One question is analysed several times per answer (retrieval, scope, follow-up): keep recent results.
  const recent = new Map<string, Analysis>();
  const analyze = (text: string): Analysis => {
    // Normalized once: for the morphemes and for the bigrams.
    const normalized = normalize(text);
    const content = lemmasOfNormalized(morphology, normalized);
    const kept = content.filter((l) => WORDLIKE.test(l.text));
    const words = kept.map((l) => l.text);
    const nouns = content.filter((l) => l.noun).map((l) => l.text);
    return { words, surfaces: kept.map((l) => l.surface), guessed: kept.filter((l) => l.guessed).map((l) => l.surface), grams: charBigrams(normalized), pairs: pairsOf(words), phrases: phrasesOf(words), nounPhrases: nounPhrasesOf(content), nouns };
  };
  return {
    id: ANALYZER_ID,
    analyze(text) {
      if (text.length > RECENT_MAX_CHARS) return analyze(text);
      let a = recent.get(text);
      if (a) recent.delete(text);
      else {
        a = analyze(text);
        // The least recently used goes: a request's own question stays while its expansions come and go.
        if (recent.size >= RECENT_SIZE) recent.delete(recent.keys().next().value!);
      }
      recent.set(text, a);
      return a;
    },
  };
}

// Enough for the texts of one request; small enough that the benchmark repeating questions measures real work.
const RECENT_SIZE = 16;
const RECENT_MAX_CHARS = 400;

function nounPhrasesOf(content: Lemma[]): string[] {
  const out: string[] = [];
  let run = '';
  content.forEach((l, i) => {
    if (l.noun) run += l.surface;
    if (!l.noun || l.runEnd || i === content.length - 1) {
      if (run) out.push(run);
      run = '';
    }
  });
  return out;
}

/** The content words of a text, base forms, as `analyze(text).words` gives them. */
export function contentWords(morphology: Morphology, text: string): string[] {
  const out: string[] = [];
  for (const t of morphology.tokenize(normalize(text))) {
    const w = contentWordOf(t);
    if (w !== null) out.push(w);
  }
  return out;
}

/** The content word a morpheme is, as `analyze(text).words` holds it (its base form), or null. */
export function contentWordOf(t: Morpheme): string | null {
  const base = baseForm(t);
  return isContent(t, base) && WORDLIKE.test(base) ? base : null;
}

export function pairsOf(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

export function phrasesOf(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let phrase = '';
    for (let n = 1; n <= 3 && i + n <= words.length; n++) out.push((phrase += words[i + n - 1]));
  }
  return out;
}
