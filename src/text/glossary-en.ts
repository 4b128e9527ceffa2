/**
 * English → Japanese search terms for the program domain, reviewed by hand. An English question is
 * searched with the Japanese terms of the phrases it contains (and its acronyms: ZEH, AI, JIS …).
 * Longer phrases are matched first, so "energy audit" wins over "energy".
 */
export const GLOSSARY_EN: readonly (readonly [string, string])[] = [
  ['energy saving', '省エネ'],
  ['energy efficiency', '省エネ'],
  ['energy conservation', '省エネ'],
  ['energy audit', '省エネ診断'],
  ['audit', '診断'],
  ['diagnosis', '診断'],
  ['free', '無料'],
  ['free of charge', '無料'],
  ['small business', '小規模事業者'],
  ['small and medium sized company', '中小企業'],
  ['small and medium sized enterprise', '中小企業'],
  ['small and medium enterprise', '中小企業'],
  ['sme', '中小企業'],
  ['small company', '中小企業'],
  ['cybersecurity', 'サイバーセキュリティ'],
  ['cyber security', 'サイバーセキュリティ'],
  ['cyber attack', 'サイバー攻撃'],
  ['hacker', 'サイバー攻撃'],
  ['subsidy', '補助金'],
  ['grant', '補助金'],
  ['loan', '融資'],
  ['financing', '融資'],
  ['interest', '利子'],
  ['equipment', '設備'],
  ['investment', '投資'],
  ['3d printing', '積層造形'],
  ['3d printer', '積層造形'],
  ['additive manufacturing', '積層造形'],
  ['metal part', '金属部品'],
  ['nuclear power plant', '原子力発電施設'],
  ['nuclear', '原子力'],
  ['factory', '工場'],
  ['electricity bill', '電気料金 省エネ'],
  ['electricity cost', '電気料金 省エネ'],
  ['overseas', '海外'],
  ['international', '国際'],
  ['global', '国際 海外'],
  ['domestic', '国内'],
  ['local', '地域'],
  ['regional', '地域'],
  ['expand overseas', '海外展開'],
  ['overseas expansion', '海外展開'],
  ['export', '輸出'],
  ['trade fair', '見本市'],
  ['trade show', '見本市'],
  ['exhibition', '展示会'],
  ['foreign worker', '外国人材'],
  ['foreign talent', '外国人材'],
  ['foreign national', '外国人材'],
  ['specified skilled worker', '特定技能外国人'],
  ['manufacturing', '製造業'],
  ['manufacturer', '製造業'],
  ['training', '研修'],
  ['nurse', '看護師'],
  ['care worker', '介護福祉士'],
  ['japanese language', '日本語'],
  ['international standard', '国際標準'],
  ['standardization', '標準化'],
  ['artificial intelligence', 'AI'],
  ['budget', '概算要求額'],
  ['budget request', '概算要求額'],
  ['request', '概算要求額'],
  ['requested', '概算要求額'],
  ['new program', '新規'],
  ['emerging country', '新興国'],
  ['emerging market', '新興国'],
  ['infrastructure', 'インフラ'],
  ['tax', '税制'],
  ['house', '住宅'],
  ['housing', '住宅'],
  ['building', 'ビル 建築物'],
  ['insulation', '断熱材'],
  ['renovation', '改修'],
  ['consultation', '相談'],
  ['business advice', '経営相談 経営指導'],
  ['management advice', '経営相談 経営指導'],
  ['shop', '小規模事業者'],
  ['store', '小規模事業者'],
  ['new this year', '新規'],
  ['advice', '相談'],
  ['expert', '専門家'],
  ['chamber of commerce', '商工会議所'],
  ['work style reform', '働き方改革'],
  ['tourism', '観光'],
  ['relocation', '立地'],
  ['land', '用地'],
  ['employment', '雇用'],
  ['hire', '雇用'],
  ['labor shortage', '人手不足'],
  ['labour shortage', '人手不足'],
  ['internship', 'インターンシップ'],
  ['seminar', 'セミナー'],
  ['supply chain', 'サプライチェーン'],
  ['air conditioning', '空調'],
  ['lighting', '照明'],
  ['boiler', 'ボイラー'],
];

/** English words of asking, not of the subject (after singular folding). */
const STOPWORDS = new Set(
  ('the and for with about that this there what which who whom whose how when where why are was were been being have has had does did ' +
    'can could would should will shall may might must into from onto over under than then them they their your you our ours its ' +
    'want need like tell give get know find look help support program programs scheme system any some all each every such also just ' +
    'please thank thanks there here doe ha wa gives give get got make made use used using company companie business businesse firm ' +
    'japan japanese government ministry office handle handles contact phone number call department division available offer provide').split(' '),
);

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** True for a question in Latin letters without any Japanese: mixed questions stay Japanese. */
export function isEnglish(text: string): boolean {
  return LATIN_WORD.test(text) && !JAPANESE.test(text);
}

function singular(w: string): string {
  if (w.length <= 3 || !w.endsWith('s') || w.endsWith('ss')) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}
const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).map(singular);
const ENTRIES = GLOSSARY_EN.map(([en, ja]) => ({ en: words(en), ja })).sort((a, b) => b.en.length - a.en.length);

/**
 * Japanese search terms for an English question: glossary phrases (longest first, each word used once)
 * and the question's acronyms.
 *
 * @example toJapaneseTerms('Is there a free energy audit?') // '省エネ診断 無料'
 */
export function toJapaneseTerms(question: string): string {
  const tokens = words(question);
  const used = new Array<boolean>(tokens.length).fill(false);
  const out: string[] = [];
  for (const { en, ja } of ENTRIES) {
    for (let i = 0; i + en.length <= tokens.length; i++) {
      if (en.every((w, j) => tokens[i + j] === w && !used[i + j])) {
        for (let j = 0; j < en.length; j++) used[i + j] = true;
        out.push(ja);
      }
    }
  }
  const acronyms = question.match(/\b[A-Z][A-Z0-9]{1,5}\b/g) ?? [];
  // Content words the glossary does not know stay in the query: the documents do not cover them either.
  const acronymSet = new Set(acronyms.map((a) => a.toLowerCase()));
  const unknown = tokens.filter((w, i) => !used[i] && w.length > 2 && !STOPWORDS.has(w) && !acronymSet.has(w) && !/^\d+$/.test(w));
  return [...new Set([...out, ...acronyms, ...unknown])].join(' ');
}
