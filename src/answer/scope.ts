import type { SearchEngine } from '../retrieve/engine.js';
import { compact } from '../text/normalize.js';
import type { EnglishUnit, ExpansionKind, QueryTerms } from '../text/synonyms.js';
import type { CatalogView } from './catalog-view.js';
import { askedKind } from './asked-facts.js';
import { RANKING_WORDS } from './rank-spec.js';

/**
 * The words of asking rather than of the subject (教える, 問い合わせ先, いくら …): they say nothing about
 * whether the documents cover a question.
 */
export const FRAME = new Set([
  '教える', '知る', '思う', '考える', 'わかる', '分かる', '聞く', 'ください', '下さい', '願う', '質問', '何', 'どこ', 'いつ', 'だれ', '誰',
  '方法', 'ところ', '場合', 'ほしい', '欲しい', '使える', '受ける', '受けられる', 'もらえる', 'もらう', '良い', 'いい', 'わけ', '的',
  '問い合わせ', '問合せ', '先', '担当', '連絡', '電話', '番号', '部署', '窓口', 'いくら', '額', '金額', '予算', 'どれ', 'どの', 'どう',
  'やり方', '仕方', '手続き', '詳しい', '詳細', '合計', '総額', '一覧', '全部', 'すべて', '全て', '合わせる', '足す', '見せる',
]);

/** The question's own subject words: not synonyms, not the words of asking, not bare numbers. */
export function subjectWords(terms: QueryTerms): string[] {
  return terms.own.filter((w) => !FRAME.has(w) && !/^[\d.,]+$/.test(w));
}

/** Heads of a program name (…補助金, …助成金, …事業): a name ending so asks about one program. */
const PROGRAM_HEAD = /(補助金|助成金|給付金|交付金|奨励金|支援金|事業|制度|融資|貸付)$/;
/** Heads that only name money given out: what comes before them names the program, not a line of business. */
const GRANT_HEAD = /(補助金|助成金|給付金|交付金|奨励金|支援金)$/;
/** The share of a grant name's modifier (idf-weighted) that program names must hold for it to shorten one. */
const NAMED_SHARE = 0.5;
/** Nouns that attach to a name without naming anything (中小企業向け, 設備用, 省エネ関連). */
const ATTACHED = new Set(['向け', '用', '等', '関連', '関係', '全般']);
/** Heads of other public schemes (法人税, 雇用保険, 厚生年金, 医療費控除): unknown unless the documents name them. */
const SCHEME_HEAD = /.(税|保険|年金|控除|手当)$/;

/**
 * Calibrated with `npm run bench -- scope` on the dev questions (answerable ones must pass) and on
 * JSQuAD's Wikipedia questions (out of scope for a program corpus): see the README for the rates.
 */
export const COVERAGE_THRESHOLD = 0.33;
/** A verb, adjective or adverb (求める, 困る, まず) tells less about the topic than a noun (天気, 控除). */
const NON_NOUN = 0.4;
/**
 * Credit for a word the corpus lacks when its synonym is in the passage: more for the reviewed lexicon; full
 * for the word a typo meant (支縁 for 支援), as one wrong character must not cost the answer.
 */
const SYNONYM_CREDIT = { reviewed: 0.8, sudachi: 0.5, spelt: 1 };

export interface ScopeJudgement {
  answerable: boolean;
  /** Share of the question's subject words (idf-weighted) that one of the best programs covers. */
  coverage: number;
  /** A program name in the question that no document describes (IT導入補助金, 創業助成金). */
  unknownProgram: string | null;
}

/**
 * Whether the documents cover a question: enough of its subject words must be found in one of the best programs,
 * and it must not ask about a named program that no document describes.
 */
export function judgeScope(engine: SearchEngine, view: CatalogView, query: string, terms: QueryTerms, programIds: string[]): ScopeJudgement {
  const unknownProgram = unknownProgramName(engine, view, query);
  const nouns = new Set(engine.analyzer.analyze(query).nouns);
  // Words read from kana (しんだん → 診断) stand in the question's own words: nouns as they are.
  for (const o of terms.origins) if (o.kind === 'reading') for (const n of o.analysis.nouns) nouns.add(n);
  const origins = expansionsOf(engine, terms);
  const subject = subjectWeights(engine, terms, nouns, unnamedCompounds(engine, query, terms, origins));
  // A question may span two programs' words (取引先から省エネを求められている製造業): the best of the top few counts.
  const coverageIn = (words: Set<string>) => (terms.english ? englishCoverage(engine, terms.english, words) : coverageOf(subject, origins, words));
  const coverage = Math.max(0, ...programIds.map((id) => coverageIn(view.programWords(id))));
  return { answerable: !unknownProgram && coverage >= COVERAGE_THRESHOLD, coverage, unknownProgram };
}

interface SubjectWeights {
  /**
   * The subject words, each with its weight, whether the corpus uses it, and whether it is part of a compound
   * the documents cannot name (`unnamedCompounds`), which no program's text covers.
   */
  words: { term: string; weight: number; known: boolean; unnamed: boolean }[];
  total: number;
}

/** The subject words' weights: the same for every program (a word the corpus never uses weighs as its rarest). */
function subjectWeights(engine: SearchEngine, terms: QueryTerms, nouns: Set<string>, unnamed: Set<string>): SubjectWeights {
  const { lexical } = engine;
  const rarest = lexical.maxIdf('words');
  const words = subjectWords(terms).map((term) => {
    const known = lexical.hasWord(term);
    // An unknown Latin word is a name or a noun the glossary did not translate (farmer, mortgage).
    const noun = nouns.has(term) || /^[a-z]+$/.test(term);
    return { term, weight: (known ? lexical.idf('words', term) : rarest) * (noun ? 1 : NON_NOUN), known, unnamed: unnamed.has(term) };
  });
  let total = 0;
  for (const w of words) total += w.weight;
  return { words, total };
}

/** The share of the subject words the program's text holds. */
function coverageOf(subject: SubjectWeights, origins: Expansion[], words: Set<string>): number {
  if (subject.words.length === 0) return 0;
  let covered = 0;
  for (const { term, weight, known, unnamed } of subject.words) {
    if (unnamed) continue;
    if (words.has(term)) covered += weight;
    else if (!known) covered += weight * synonymCredit(origins, term, words);
  }
  return subject.total > 0 ? covered / subject.total : 0;
}

/**
 * The words of the question's compound nouns whose modifier is a word no document uses and no expansion stands
 * in for (月面基地: 月面): such a compound names one thing the documents never name, so its other words (基地) found
 * in a program (基地局) name something else there and cover nothing of what is asked.
 *
 * @example unnamedCompounds(engine, '月面基地の建設に使える補助金はありますか', origins) // Set { '月面', '基地' }
 */
function unnamedCompounds(engine: SearchEngine, query: string, terms: QueryTerms, origins: Expansion[]): Set<string> {
  const subject = new Set(subjectWords(terms));
  const out = new Set<string>();
  const orphan = (w: string) => !engine.lexical.hasWord(w) && !origins.some((o) => o.triggeredBy(w));
  const phrases = engine.analyzer.analyze(query).nounPhrases.map(compact);
  // Each noun phrase's subject words.
  const words = phrases.map((p) => engine.analyzer.analyze(p).nouns.filter((w) => subject.has(w)));
  for (const w of words) {
    // Compounds are right-headed: a modifier no document uses (月面) makes the head another thing; a last word
    // the corpus lacks is often a suffix written otherwise (発行済み for 発行済).
    if (w.length >= 2 && w.slice(0, -1).some(orphan)) for (const x of w) out.add(x);
  }
  // AのB is one thing, as a compound is: when no document uses any word of A or of B, nor an expansion stands
  // in for them, the other found in a program names something else there (自動車 of 自動車の車検 in a
  // cyber-security program, 料金 of スマホの料金 as 電気料金). A B that is an attribute a program states (補助率,
  // 申請期限) is asked of A, not part of it.
  const text = compact(query);
  const unused = (i: number) => words[i]!.length > 0 && words[i]!.every(orphan);
  for (let i = 0; i + 1 < phrases.length; i++) {
    if (!text.includes(`${phrases[i]}の${phrases[i + 1]}`) || askedKind(phrases[i + 1]!) !== null) continue;
    if (unused(i) || unused(i + 1)) for (const x of [...words[i]!, ...words[i + 1]!]) out.add(x);
  }
  return out;
}

/**
 * The share of an English question's phrases a program's text holds: each phrase weighs how rare it is in
 * the corpus (as rare as its most used translation, since any of them covers it; a word the corpus lacks
 * weighs as the rarest), and counts for the best share of one translation's words the program holds,
 * times that translation's credit.
 */
function englishCoverage(engine: SearchEngine, units: EnglishUnit[], words: Set<string>): number {
  const { lexical } = engine;
  const rarest = lexical.maxIdf('words');
  const idf = (w: string) => (lexical.hasWord(w) ? lexical.idf('words', w) : rarest);
  let total = 0;
  let covered = 0;
  for (const unit of units) {
    const rarity = Math.min(...unit.translations.map((t) => Math.max(0, ...t.words.filter((w) => !FRAME.has(w)).map(idf))));
    const weight = rarity;
    let share = 0;
    for (const t of unit.translations) {
      const sum = t.words.reduce((s, w) => s + idf(w), 0);
      const held = t.words.reduce((s, w) => s + (words.has(w) ? idf(w) : 0), 0);
      if (sum > 0) share = Math.max(share, (t.credit * held) / sum);
    }
    total += weight;
    covered += weight * share;
  }
  return total > 0 ? covered / total : 0;
}

/** An expansion of the question, with its trigger analysed when first needed, once per question. */
interface Expansion {
  kind: ExpansionKind;
  reviewed: boolean;
  /** Whether the phrase of the question that brought it in holds the word (written or analysed). */
  triggeredBy(word: string): boolean;
  words: string[];
}

function expansionsOf(engine: SearchEngine, terms: QueryTerms): Expansion[] {
  return terms.origins.map((o) => {
    let trigger: string | undefined;
    let triggerWords: string[] | undefined;
    return {
      kind: o.kind,
      reviewed: o.reviewed,
      triggeredBy: (word) => (trigger ??= compact(o.trigger)).includes(word) || (triggerWords ??= engine.analyzer.analyze(o.trigger).words).includes(word),
      words: o.analysis.words,
    };
  });
}

function synonymCredit(origins: Expansion[], word: string, words: Set<string>): number {
  let credit = 0;
  for (const o of origins) {
    if (!o.triggeredBy(word)) continue;
    if (o.words.some((w) => words.has(w))) {
      credit = Math.max(credit, o.kind === 'typo' || o.kind === 'reading' ? SYNONYM_CREDIT.spelt : o.reviewed ? SYNONYM_CREDIT.reviewed : SYNONYM_CREDIT.sudachi);
    }
  }
  return credit;
}

function unknownProgramName(engine: SearchEngine, view: CatalogView, query: string): string | null {
  const phrases = engine.analyzer.analyze(query).nounPhrases;
  for (const [i, phrase] of phrases.entries()) {
    if (SCHEME_HEAD.test(phrase) && !view.mentions(phrase)) return asWritten(query, phrase);
    const head = PROGRAM_HEAD.exec(phrase);
    if (!head || view.knowsName(phrase)) continue;
    const unexpanded = (text: string) => engine.expand(text).expansions.length === 0;
    if (phrase.length > head[0].length) {
      // 省エネ補助金 shortens a program the documents describe; IT導入補助金 names one they never mention.
      const modifier = phrase.slice(0, -head[0].length);
      // A grant is named for what a program is named for (中小企業向け補助金, 立地補助金): ものづくり補助金 is
      // another program, though one purpose statement here uses the word.
      // Any other head (…事業, …制度) names a program by what it does: unknown only if the documents lack those words.
      if (GRANT_HEAD.test(phrase) ? namedShare(engine, view, modifier) < NAMED_SHARE : !view.mentions(modifier) && unexpanded(modifier) && knownShare(engine, modifier) < NAMED_SHARE) {
        return asWritten(query, phrase);
      }
    } else if (i > 0) {
      // 子育て支援の給付金: the noun phrase before names it; unknown if it holds a word no document uses.
      const before = phrases[i - 1]!;
      const unknown = engine.analyzer.analyze(before).nouns.some((w) => !engine.lexical.hasWord(w) && !FRAME.has(w));
      if (unknown && unexpanded(before) && query.includes(`${before}の`)) return asWritten(query, `${before}の${phrase}`);
    }
  }
  return null;
}

/** How much of a phrase (idf-weighted) the documents' words hold. */
function knownShare(engine: SearchEngine, phrase: string): number {
  let total = 0;
  let known = 0;
  for (const term of engine.expand(phrase).own.filter((w) => !ATTACHED.has(w))) {
    const weight = engine.lexical.idf('words', term) || engine.lexical.maxIdf('words');
    total += weight;
    if (engine.lexical.hasWord(term)) known += weight;
  }
  return total > 0 ? known / total : 1;
}

/** How much of a phrase (idf-weighted, with its lexicon expansions) the words of program names hold. */
function namedShare(engine: SearchEngine, view: CatalogView, phrase: string): number {
  const terms = engine.expand(phrase);
  const own = terms.own.filter((w) => !ATTACHED.has(w));
  const expanded = terms.words.some((w) => !terms.own.includes(w.term) && view.nameWords.has(w.term));
  let total = 0;
  let named = 0;
  for (const term of own) {
    const weight = engine.lexical.idf('words', term) || engine.lexical.maxIdf('words');
    total += weight;
    if (view.nameWords.has(term) || expanded) named += weight;
  }
  return total > 0 ? named / total : 1;
}

/** The phrase as the question writes it (analysis lower-cases and folds width). */
function asWritten(query: string, phrase: string): string {
  const q = query.normalize('NFKC');
  const at = q.toLowerCase().indexOf(phrase);
  return at >= 0 ? q.slice(at, at + phrase.length) : phrase;
}

/**
 * Attempts to override the assistant's instructions or extract its prompt. Not a topic filter (that is
 * the calibrated coverage above): a guard in depth, since such questions often reuse corpus words.
 */
const INJECTION = [
  /(指示|命令|ルール|設定|制約).{0,10}(無視|忘れ|破棄)/,
  /(システム|初期)?プロンプト.{0,12}(表示|出力|見せ|教え|開示|書き出)/,
  /システムプロンプト|ジェイルブレイク|開発者モード/,
  /\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|prompts?|rules)\b/i,
  /\b(system prompt|jailbreak|developer mode|reveal your (prompt|instructions))\b/i,
];

export function looksLikeInjection(question: string): boolean {
  const q = question.normalize('NFKC');
  return INJECTION.some((re) => re.test(q));
}

/**
 * A catalog question whose topic holds a noun no document uses (農林水産省の補助金の一覧): not ours. The words
 * of a ranking (上位, 未満, 十億円) order the catalog; the documents need not use them.
 */
export function asksAboutUnknown(engine: SearchEngine, terms: QueryTerms): boolean {
  const reached = new Set(terms.origins.map((o) => compact(o.trigger)));
  const topical = (w: string) => !FRAME.has(w) && !RANKING_WORDS.has(w) && !/^[〇一二三四五六七八九十百千万億]+$/.test(w);
  return subjectWords(terms).some((w) => !engine.lexical.hasWord(w) && topical(w) && ![...reached].some((t) => t.includes(w)) && w.length > 1);
}
