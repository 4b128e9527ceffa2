import { isEnglish } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import { askedKind } from './asked-facts.js';
import { parseRanking, type Ranking } from './rank-spec.js';

export type Aggregate = 'sum' | 'new' | 'list' | 'rank';

/** What kind of answer a question asks for, beyond "which program and what does it do". */
export interface Intent {
  /** 問い合わせ先, 担当, 連絡先, 電話, どこに聞けば … */
  contact: boolean;
  /** 予算, 概算要求額, 前年度 … */
  budget: boolean;
  /** 何件, 何年間, 上限, いつまで, 規模 … : a figure quoted as written. */
  figure: boolean;
  /** A question about the catalog as a whole, answered from the structured records. */
  aggregate: Aggregate | null;
  /** The ranking or comparison asked for (一番大きい, 上位3つ, 10億円未満, 前年度より増えた); also narrows a sum. */
  rank: Ranking | null;
  english: boolean;
}

const CONTACT_JA = /問い?合わ?せ|担当|連絡先|電話|窓口はどこ|どこに(聞|相談|問)|相談先|部署/;
const CONTACT_EN = /\b(contact|office|phone|call|who (handles|runs|is in charge)|department|division|ask)\b/i;
const BUDGET_JA = /予算|概算要求|要求額|前年度|新規(の事業)?(です|でしょう)か|いくら.*(事業|補助金)|(事業|補助金).*いくら|金額/;
const BUDGET_EN = /\b(budget|how much|amount|funding)\b/i;
const FIGURE_JA = /何件|何年|何人|何名|何社|何か所|何%|いくら|いくつ|上限|限度額|(助成|支給|補助|融資|貸付)額|いつまで|いつから|どのくらい|どれくらい|どれだけ|規模|期間|目標|割合|率は|何倍|何平方|何円/;
const FIGURE_EN = /\b(how many|how long|how much|limit|until when|target|size)\b/i;
const SUM = /合計|合わせて|総額|全部でいくら|足すと/;
const NEW = /新規/;
const WHICH = /どれ|どの事業|どんな事業|一覧|すべて|全て|全部|いくつ|何件の事業|ありますか|教えて|\b(which|list|all)\b/i;
const LIST = /一覧|(すべて|全て)の(事業|制度)|どんな(事業|制度)があり|(事業|制度)を全部|(何件|いくつ)の(事業|制度|補助金|支援策)|(事業|制度|補助金|支援策)は(全部で)?(いくつ|何件)|全部で(いくつ|何件)|list (all|of)|all (the )?programs|how many programs/i;

/**
 * A question split into the phrases that say what it asks for (予算, 前年度, 問い合わせ先, いつまで, 補助率 …)
 * and the rest: what it asks about.
 *
 * @example splitAsking('前年度の予算は？') // { asking: ['前年度', '予算'], rest: ' の は?' }
 */
export function splitAsking(question: string): { asking: string[]; rest: string } {
  let rest = normalize(question);
  const asking: string[] = [];
  const take = (cue: RegExp) => {
    rest = rest.replace(new RegExp(cue.source, 'g'), (m) => {
      asking.push(m);
      return ' ';
    });
  };
  for (const cue of [CONTACT_JA, BUDGET_JA, FIGURE_JA]) take(cue);
  for (let kind = askedKind(rest); kind; kind = askedKind(rest)) take(kind.asked);
  return { asking, rest };
}

/**
 * Reads a question's intent from its phrasing. These cues choose the answer's shape; they never decide
 * whether a question is answerable.
 *
 * @example detectIntent('省エネ診断の問い合わせ先は？') // { contact: true, budget: false, figure: false, aggregate: null, rank: null, english: false }
 */
export function detectIntent(question: string, namesProgram: boolean): Intent {
  const q = normalize(question);
  const english = isEnglish(question);
  let aggregate: Aggregate | null = null;
  // A question that names a program asks about that program's budget, however it is phrased.
  const rank = namesProgram ? null : parseRanking(q);
  if (!namesProgram) {
    if (SUM.test(q) || /\b(total|sum)\b/i.test(q)) aggregate = 'sum';
    else if (rank) aggregate = 'rank';
    else if ((NEW.test(q) || /\bnew\b/i.test(q)) && WHICH.test(q)) aggregate = 'new';
    else if (LIST.test(q)) aggregate = 'list';
  }
  return {
    contact: CONTACT_JA.test(q) || (english && CONTACT_EN.test(q)),
    budget: BUDGET_JA.test(q) || (english && BUDGET_EN.test(q)) || aggregate === 'sum' || aggregate === 'rank',
    figure: FIGURE_JA.test(q) || (english && FIGURE_EN.test(q)),
    aggregate,
    rank,
    english,
  };
}
