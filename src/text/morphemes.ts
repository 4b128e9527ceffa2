import { normalize } from './normalize.js';

/** The part of a kuromoji token the analyser reads (IPADIC features). */
export interface Morpheme {
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  basic_form: string;
  /** 'UNKNOWN' for a word the dictionary lacks, guessed from its characters (kuromoji's unknown-word model). */
  word_type?: string;
}

/** Anything that splits text into IPADIC morphemes: kuromoji's Tokenizer satisfies it. */
export interface Morphology {
  tokenize(text: string): Morpheme[];
}

const DROPPED_POS = new Set(['助詞', '助動詞', '記号', 'フィラー', '連体詞', '接続詞', '感動詞', 'その他']);
const DROPPED_NOUN = new Set(['非自立', '代名詞']);
// Verbs and adjectives so frequent that they only dilute a query.
const LIGHT = new Set(['する', 'ある', 'いる', 'なる', 'れる', 'られる', 'せる', 'おる', 'くる', 'いう', 'ない', 'できる', 'よい', 'いい']);

/** A content word: its normalized base form, its surface, and where a run of content words ends. */
export interface Lemma {
  text: string;
  surface: string;
  noun: boolean;
  /** True when the next morpheme is not a content word (a particle, an auxiliary, a symbol …). */
  runEnd: boolean;
  /** True when the dictionary lacks the word: the analyser guessed it from its characters. */
  guessed: boolean;
}

/**
 * Content words of a text: base forms of nouns, verbs, adjectives, adverbs and prefixes,
 * without particles, auxiliaries, symbols or the lightest verbs.
 *
 * @example lemmas(m, '電気代が高くて困っています').map((l) => l.text) // ['電気', '代', '高い', '困る']
 */
export function lemmas(morphology: Morphology, text: string): Lemma[] {
  return lemmasOfNormalized(morphology, normalize(text));
}

/** `lemmas` of a text already normalized (`normalize`). */
export function lemmasOfNormalized(morphology: Morphology, normalized: string): Lemma[] {
  const out: Lemma[] = [];
  for (const t of morphology.tokenize(normalized)) {
    const base = baseForm(t);
    if (!isContent(t, base)) {
      if (out.length) out[out.length - 1]!.runEnd = true;
      continue;
    }
    out.push({ text: base, surface: t.surface_form, noun: t.pos === '名詞' || t.pos === '接頭詞', runEnd: false, guessed: t.word_type === 'UNKNOWN' });
  }
  if (out.length) out[out.length - 1]!.runEnd = true;
  return out;
}

/** A morpheme's base form as the analyser indexes it. */
export function baseForm(t: Morpheme): string {
  // The text was normalized before tokenizing; dictionary base forms are already in that form.
  return (t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form).trim();
}

/** Whether the analyser keeps a morpheme as a content word (not a particle, an auxiliary, a symbol, a light verb …). */
export function isContent(t: Pick<Morpheme, 'pos' | 'pos_detail_1'>, base: string): boolean {
  return !(
    DROPPED_POS.has(t.pos) ||
    (t.pos === '名詞' && DROPPED_NOUN.has(t.pos_detail_1)) ||
    (t.pos_detail_1 === '非自立' && t.pos !== '名詞') ||
    !base ||
    LIGHT.has(base)
  );
}
