import type { Fact, Program } from '../catalog.js';
import { normalize } from '../text/normalize.js';

/**
 * What a question may ask a program for: how the question names it, the labels a document states it under,
 * what a passage giving it looks like, and how the answer names it when the document does not give it.
 */
export interface AskedKind {
  asked: RegExp;
  label: RegExp;
  stated: RegExp;
  name: { ja: string; en: string };
}

/** The first kind the question names wins: 申請期間 before 期間, 補助率 before 上限. */
const KINDS: AskedKind[] = [
  {
    asked: /申請期間|公募期間|受付期間|募集期間|申請期限|締切|締め切り|〆切|いつまでに申請|申請はいつまで|deadline|application period|apply by/,
    label: /申請期間|公募期間|受付期間|募集期間|申請期限|締切/,
    stated: /申請期間|公募期間|受付期間|募集期間|申請期限|締切|締め切り|〆切|受付は|\d+月\d+日(まで|〆|締)/,
    name: { ja: '申請期間・締切', en: 'application period or deadline' },
  },
  {
    asked: /補助率|助成率|負担割合|何割|何分の|subsidy rate|rate of (the )?subsidy|what (share|percentage)/,
    label: /補助率|助成率/,
    stated: /補助率|助成率|\d+\s*分の\s*\d+|\d+\s*\/\s*\d+\s*(以内|補助|助成)|定額/,
    name: { ja: '補助率', en: 'subsidy rate' },
  },
  {
    asked: /利率|金利|interest rate/,
    label: /利率|金利/,
    stated: /利率|金利/,
    name: { ja: '利率', en: 'interest rate' },
  },
  {
    asked: /限度額|上限|最大(で)?いくら|いくらまで|支給額|助成額|補助額|融資額|貸付額|貸付金額|maximum (amount|grant|subsidy|loan)|upper limit|cap on/,
    label: /上限|限度額|支給額|助成額|補助額|融資額|貸付金額/,
    // Lenient: better to quote a sentence with an amount than to say wrongly that none is given.
    stated: /上限|限度|最大\s*[\d０-９]|まで(補助|助成|支給|融資|貸付)|\d\s*[万千]?円/,
    name: { ja: '上限額', en: 'maximum amount' },
  },
  {
    asked: /対象経費|経費/,
    label: /経費/,
    stated: /経費/,
    name: { ja: '対象経費', en: 'eligible costs' },
  },
  {
    asked: /申請方法|申請の仕方|申請のやり方|どうやって申請|申し込み方法|申込方法|申請手続|how (do i|to|can i) apply/,
    label: /申請方法|申込方法|利用方法/,
    stated: /申請方法|申込方法|申請書|電子申請|jgrants|申し込み|申込み|応募/,
    name: { ja: '申請方法', en: 'how to apply' },
  },
  {
    asked: /対象者|対象は|対象となる|誰が|だれが|どんな(人|企業|事業者|会社)|応募できる|申請できる|応募資格|申請資格|要件|条件|eligib|who (can|may) apply|requirements?/,
    label: /対象者|^対象$|要件|資格/,
    stated: /対象者|対象となる|対象は|を対象|要件|資格|に限る|に限り|限定/,
    name: { ja: '対象者・応募の条件', en: 'who may apply' },
  },
  {
    asked: /返済期間|貸付期間|据置/,
    label: /返済期間|貸付期間|据置期間/,
    stated: /返済期間|貸付期間|据置/,
    name: { ja: '返済期間', en: 'repayment period' },
  },
  {
    // The program's own period: not any 期間 a question names (開発期間を短縮する is a goal).
    asked: /実施期間|事業期間|(事業|制度|支援)の期間|いつまで(実施|行|続|の事業)|何年間の事業|何年度まで|how long (is|does|will)|until when/,
    label: /^期間$|実施期間|事業期間/,
    stated: /期間|年度まで|年間/,
    name: { ja: '実施期間', en: 'period' },
  },
];

/**
 * The kind of stated fact a question asks for (補助率, 締切, 対象者の条件 …); null when it asks for none.
 *
 * @example askedKind('省エネ診断の補助率は何％ですか？')!.name.ja // '補助率'
 */
export function askedKind(question: string): AskedKind | null {
  const q = normalize(question);
  return KINDS.find((k) => k.asked.test(q)) ?? null;
}

/**
 * The program's facts stated under the label the question asks for (補助率, 補助上限額, 貸付限度額 …),
 * in the document's order; [] when the question asks for none or the program states none.
 *
 * @example askedFacts(askedKind('「IT導入補助金」の補助率を教えてください'), program) // [{ label: '補助率', text: '1/2以内', … }]
 */
export function askedFacts(kind: AskedKind | null, program: Program): Fact[] {
  return kind ? program.facts.filter((f) => kind.label.test(f.label)) : [];
}
