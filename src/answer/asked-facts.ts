import type { Fact, Program } from '../catalog.js';
import { normalize } from '../text/normalize.js';

/** What a question asks for, and the labels a document states it under. The first that the question names wins. */
const KINDS: { asked: RegExp; label: RegExp }[] = [
  { asked: /申請期間|公募期間|受付期間|申請期限|締切|締め切り|〆切|いつまでに申請/, label: /申請期間|公募期間|受付期間|申請期限|締切/ },
  { asked: /補助率|助成率|負担割合|何割|何分の/, label: /補助率|助成率/ },
  { asked: /利率|金利/, label: /利率|金利/ },
  { asked: /限度額|上限|最大(で)?いくら|いくらまで|支給額|助成額|補助額|融資額|貸付額|貸付金額/, label: /上限|限度額|支給額|助成額|補助額|融資額|貸付金額/ },
  { asked: /対象経費|経費/, label: /経費/ },
  { asked: /対象者|対象は|対象となる|誰が|だれが|どんな(人|企業|事業者|会社)/, label: /対象者|^対象$/ },
  { asked: /返済期間|貸付期間|据置/, label: /返済期間|貸付期間|据置期間/ },
  { asked: /実施期間|事業期間|期間/, label: /^期間$|実施期間|事業期間/ },
];

/**
 * The program's facts stated under the label the question asks for (補助率, 補助上限額, 貸付限度額 …),
 * in the document's order; [] when the question asks for none or the program states none.
 *
 * @example askedFacts('「IT導入補助金」の補助率を教えてください', program) // [{ label: '補助率', text: '1/2以内', … }]
 */
export function askedFacts(question: string, program: Program): Fact[] {
  const q = normalize(question);
  const kind = KINDS.find((k) => k.asked.test(q));
  return kind ? program.facts.filter((f) => kind.label.test(f.label)) : [];
}
