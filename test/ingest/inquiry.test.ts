import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInquiry } from '../../src/ingest/inquiry.js';
import { findNumbers, findPhones } from '../../src/ingest/phones.js';

// Texts marked with an id are the `inquiry` field of that record in the ミラサポplus catalog, copied as written.

describe('findPhones', () => {
  it.each([
    ['03-3501-1697', '03-3501-1697'],
    ['(054)221-2407', '054-221-2407'],
    ['電話:(03)5470-1525', '03-5470-1525'],
    ['03(5470)1525', '03-5470-1525'],
    ['054(221）3153', '054-221-3153'],
    ['電話:03)3581-1101', '03-3581-1101'],
    ['TEL : (03)-3502-8111', '03-3502-8111'],
    ['ＴＥＬ：０９２－６４３－３７３４', '092-643-3734'],
    ['電話:(045)210‐5871', '045-210-5871'],
    ['電話 03−3501−1697', '03-3501-1697'],
    ['福岡県保健医療介護部健康増進課　092ー643ー3269', '092-643-3269'],
    ['こども家庭班（054ｰ221ｰ3760）', '054-221-3760'],
    ['電話:0120-565653', '0120-565653'],
    ['電話：0120-1919-62', '0120-1919-62'],
    ['お客様窓口 0120565653', '0120565653'],
  ])('%s', (line, phone) => {
    expect(findPhones(line).map((p) => p.phone)).toEqual([phone]);
  });

  it('keeps the 内線 as written and the remark after a number', () => {
    expect(findPhones('電話:(03)3581-1101(内線2145)')).toEqual([{ phone: '03-3581-1101', fax: false, extension: '2145', from: 0, index: 3, end: 24 }]);
    expect(findPhones('電話：03-3581-1101（内線2121～2123）')[0]!.extension).toBe('2121～2123');
    expect(findPhones('電話：03-5253-1111（5543）')[0]!.extension).toBe('5543');
    expect(findPhones('(024)521-8575(毎日　午前9時30分～午後5時30分)')[0]!.note).toBe('毎日　午前9時30分～午後5時30分');
  });

  it('tells a FAX number from a phone, however FAX is written', () => {
    const line = 'TEL：092-643-3433　FAX：092-643-3436';
    expect(findNumbers(line).map((n) => [n.phone, n.fax])).toEqual([['092-643-3433', false], ['092-643-3436', true]]);
    for (const fax of ['Ｆ Ａ Ｘ : 092-289-9397', 'ファックス番号：(019)629-5704', 'ファクス：(019)629-5766', 'FAX番号092-717-9988', 'Fax (0561)76-8304']) {
      expect(findPhones(fax)).toEqual([]);
    }
  });

  it('is not fooled by postal codes, dates, times or foreign numbers', () => {
    for (const line of ['〒020-8570　岩手県盛岡市内丸10-1', '受付時間：10:00～17:00（土日祝日および12/29～1/3を除く）', '電話：+886-2-2713-8000', '児童相談所共通ダイヤル189']) {
      expect(findNumbers(line)).toEqual([]);
    }
  });
});

describe('parseInquiry', () => {
  it('is empty for empty text', () => {
    expect(parseInquiry('')).toEqual([]);
    expect(parseInquiry(' \n\u3000\n')).toEqual([]);
  });

  it('reads an office and the phone on the next line (1370)', () => {
    expect(parseInquiry('静岡県地域医療課\n(054)221-2407')).toEqual([{ office: '静岡県地域医療課', phone: '054-221-2407', scope: null }]);
  });

  it('joins the office lines above a phone and drops the phone label (2059)', () => {
    const text = '* 中小企業基盤整備機構\n販路支援部　販路支援企画課　展示会事業担当 \n電話:(03)5470-1525\n* 中小企業庁 \n創業・新事業促進課 \n電話:(03)3501-1767';
    expect(parseInquiry(text)).toEqual([
      { office: '中小企業基盤整備機構 販路支援部 販路支援企画課 展示会事業担当', phone: '03-5470-1525', scope: null },
      { office: '中小企業庁 創業・新事業促進課', phone: '03-3501-1767', scope: null },
    ]);
  });

  it('reads full-width digits and dashes, and a spaced-out 電話 label (845, 1052)', () => {
    expect(parseInquiry('事業再構築補助金事務局\nコールセンター\n電話：\n＜ナビダイヤル＞０５７０－０１２－０８８\n＜IP電話用＞ 　 ０３－４２１６－４０８０')).toEqual([
      { office: '事業再構築補助金事務局 コールセンター ナビダイヤル', phone: '0570-012-088', scope: null },
      { office: '事業再構築補助金事務局 コールセンター IP電話用', phone: '03-4216-4080', scope: null },
    ]);
    expect(parseInquiry('●福島県新型コロナウイルス感染症対策本部　総括班\n電　　　話:(024)521-8647\n実施日時:祝日を除く月曜日から金曜日(午前9時～午後5時)')).toEqual([
      { office: '福島県新型コロナウイルス感染症対策本部 総括班', phone: '024-521-8647', scope: null, hours: '実施日時:祝日を除く月曜日から金曜日(午前9時～午後5時)' },
    ]);
  });

  it('never takes a FAX number for the phone (2280, 2302, 1238)', () => {
    expect(parseInquiry('福岡県　建築都市部　住宅計画課　住環境整備係\nＴＥＬ：０９２－６４３－３７３４（直通）\nＦＡＸ：０９２－６４３－３７３７\nE-mail：jukankyo@pref.fukuoka.lg.jp')).toEqual([
      { office: '福岡県 建築都市部 住宅計画課 住環境整備係', phone: '092-643-3734', scope: null, email: 'jukankyo@pref.fukuoka.lg.jp' },
    ]);
    expect(parseInquiry('福岡県人づくり・県民生活部生活安全課　交通安全係\n電 話 ：092-643-3167 \nＦ Ａ Ｘ : 092-643-3169\nＥメール : anzen@pref.fukuoka.lg.jp')).toEqual([
      { office: '福岡県人づくり・県民生活部生活安全課 交通安全係', phone: '092-643-3167', scope: null, email: 'anzen@pref.fukuoka.lg.jp' },
    ]);
    expect(parseInquiry('農林水産部　団体指導課　金融共済担当\n〒020-8570　岩手県盛岡市内丸10－1\n電話番号:(019)629-5699　ファックス番号:(019)629-5704')).toEqual([
      { office: '農林水産部 団体指導課 金融共済担当', phone: '019-629-5699', scope: null },
    ]);
  });

  it('gives each bulleted office its own phone (1040)', () => {
    const text = '●福島県子育て支援課　　　電話(024)521-8205　　　\n●福島市こども家庭課　　　電話(024)525-7671\n●いわき市こども家庭課　　電話(0246)27-8597';
    expect(parseInquiry(text)).toEqual([
      { office: '福島県子育て支援課', phone: '024-521-8205', scope: null },
      { office: '福島市こども家庭課', phone: '024-525-7671', scope: null },
      { office: 'いわき市こども家庭課', phone: '0246-27-8597', scope: null },
    ]);
  });

  it('names each line under a 【】 heading by its own office (1041)', () => {
    const text = '【最寄りの地方振興局県税部】\n○県北地方振興局県税部　　:(024)521-2682\n○県中地方振興局県税部　　:(024)935-1241\n';
    expect(parseInquiry(text)).toEqual([
      { office: '県北地方振興局県税部', phone: '024-521-2682', scope: null },
      { office: '県中地方振興局県税部', phone: '024-935-1241', scope: null },
    ]);
  });

  it('names a contact by its heading when its own lines name none (1480, 1821)', () => {
    expect(parseInquiry('【福岡本部】\nTel：(092)725-0876 \n福岡市中央区天神1丁目1番1号アクロス福岡東オフィス3階\n\n【北九州事務所】\nTel：(093)533-5443')).toEqual([
      { office: '福岡本部', phone: '092-725-0876', scope: null },
      { office: '北九州事務所', phone: '093-533-5443', scope: null },
    ]);
    expect(parseInquiry('### **企業誘致・国際ビジネス課**\n電話:＜国内企業の方＞(045)210-5573、＜外国企業の方＞(045)210-5565\n### **金融課**\n電話:(045)210-5681')).toEqual([
      { office: '企業誘致・国際ビジネス課 国内企業の方', phone: '045-210-5573', scope: null },
      { office: '企業誘致・国際ビジネス課 外国企業の方', phone: '045-210-5565', scope: null },
      { office: '金融課', phone: '045-210-5681', scope: null },
    ]);
  });

  it('reads several numbers on one line, each under its own label (2019, 1420)', () => {
    expect(parseInquiry('* 大阪中小企業投資育成株式会社 \n電話：本社 06-6459-1700、九州支社 092-724-0651\nURL：https://www.sbic-wj.co.jp/')).toEqual([
      { office: '大阪中小企業投資育成株式会社 本社', phone: '06-6459-1700', scope: null, url: 'https://www.sbic-wj.co.jp/' },
      { office: '大阪中小企業投資育成株式会社 九州支社', phone: '092-724-0651', scope: null, url: 'https://www.sbic-wj.co.jp/' },
    ]);
    expect(parseInquiry('賀茂農林事務所農村整備課(0558)24-2080、東部農林事務所農村整備課(055)920-2165')).toEqual([
      { office: '賀茂農林事務所農村整備課', phone: '0558-24-2080', scope: null },
      { office: '東部農林事務所農村整備課', phone: '055-920-2165', scope: null },
    ]);
  });

  it('keeps a branch under the office it belongs to (963, 2035)', () => {
    expect(parseInquiry('ひとり親サポートセンター\n○春日センター：092-584-3931\n○飯塚ブランチ：0948-21-0390')).toEqual([
      { office: 'ひとり親サポートセンター 春日センター', phone: '092-584-3931', scope: null },
      { office: 'ひとり親サポートセンター 飯塚ブランチ', phone: '0948-21-0390', scope: null },
    ]);
    expect(parseInquiry('* 各経済産業局 取引調査担当\n北海道　電話：011-700-2251\n中部　電話：052-951-2860\n* 中小企業庁 \n取引課（取引調査班） \n電話：03-3501-3649')).toEqual([
      { office: '各経済産業局 取引調査担当 北海道', phone: '011-700-2251', scope: null },
      { office: '各経済産業局 取引調査担当 中部', phone: '052-951-2860', scope: null },
      { office: '中小企業庁 取引課（取引調査班）', phone: '03-3501-3649', scope: null },
    ]);
  });

  it('does not give the next office the lines that describe the one before (1928)', () => {
    const text = '株式会社日本政策金融公庫（日本公庫）　　事業資金相談ダイヤル：0120-154-505\n　・国民生活事業（個人企業・小規模企業向け事業資金）\n　・中小企業事業（中小企業向け長期事業資金）\n沖縄振興開発金融公庫　　事業資金相談ダイヤル：0120-981-827\n';
    expect(parseInquiry(text)).toEqual([
      { office: '株式会社日本政策金融公庫（日本公庫） 事業資金相談ダイヤル', phone: '0120-154-505', scope: null },
      { office: '沖縄振興開発金融公庫 事業資金相談ダイヤル', phone: '0120-981-827', scope: null },
    ]);
  });

  it('leaves addresses out of office names (1220, 1234)', () => {
    expect(parseInquiry('東予地方局　税務管理課・課税課\n〒793-0042　西条市喜多川796番地1　TEL(0897)56-1300\n<所管区域:新居浜市、西条市、四国中央市>')).toEqual([
      { office: '東予地方局 税務管理課・課税課', phone: '0897-56-1300', scope: null },
    ]);
    const table = '【受付窓口】　　　　【住所・電話番号】　　　　【管轄市町村等】\n\n＜中北林務環境事務所＞　　　　韮崎市本町4-2-4　　　　 中巨摩郡、韮崎市\n　　　　　　　(0551)23-3090　　　  甲斐市および中央市';
    expect(parseInquiry(table)).toEqual([{ office: '中北林務環境事務所', phone: '0551-23-3090', scope: null }]);
  });

  it('keeps 内線, on the phone line or on lines of its own under the main number (2081, 2613)', () => {
    expect(parseInquiry('•特許庁\n普及支援課地域調整班\n電話:03-3581-1101（内線2107）')).toEqual([
      { office: '特許庁 普及支援課地域調整班', phone: '03-3581-1101', scope: null, extension: '2107' },
    ]);
    expect(parseInquiry('特許庁\n電話：03-3581-1101\n\n* 意匠について\n意匠課企画調査班\n（内線）2907')).toEqual([
      { office: '特許庁', phone: '03-3581-1101', scope: null },
      { office: '意匠課企画調査班', phone: '03-3581-1101', scope: null, extension: '2907' },
    ]);
  });

  it('attaches hours written before, beside or below the phone (26, 503, 1050, 1049)', () => {
    expect(parseInquiry('ものづくり補助金事務局サポートセンター（ものづくり・商業・サービス補助金事務局内）\n受付時間：10:00～17:00（土日祝日および12/29～1/3を除く）\n電話番号：050-8880-4053')).toEqual([
      { office: 'ものづくり補助金事務局サポートセンター（ものづくり・商業・サービス補助金事務局内）', phone: '050-8880-4053', scope: null, hours: '受付時間：10:00～17:00（土日祝日および12/29～1/3を除く）' },
    ]);
    expect(parseInquiry('独立行政法人中小企業基盤整備機構\n共済相談室\n電話:(050)5541-7171(平日:9：00から18：00) \n')).toEqual([
      { office: '独立行政法人中小企業基盤整備機構 共済相談室', phone: '050-5541-7171', scope: null, hours: '平日:9：00から18：00' },
    ]);
    const two = '●福島県一般相談(コールセンター)\n電話:0120-567-177\nFax :(024)521-7926\n平日 8時30分～21時 土日祝日 8時30分～17時15分\n※耳の不自由な方はファックスでご連絡ください。\n\n●厚生労働省厚生労働省相談窓口\n電話:0120-565653\n土日・祝日含む 9時～21時\n';
    expect(parseInquiry(two)).toEqual([
      { office: '福島県一般相談(コールセンター)', phone: '0120-567-177', scope: null, hours: '平日 8時30分～21時 土日祝日 8時30分～17時15分' },
      { office: '厚生労働省厚生労働省相談窓口', phone: '0120-565653', scope: null, hours: '土日・祝日含む 9時～21時' },
    ]);
    expect(parseInquiry('●受診・相談センター\n電話:0120-567-747\n毎日 (24時間／土日祝日含む)\n')).toEqual([
      { office: '受診・相談センター', phone: '0120-567-747', scope: null, hours: '毎日 (24時間／土日祝日含む)' },
    ]);
  });

  it('gives hours written under a list to every office of the list (1019)', () => {
    const text = '福岡県子育て女性就職支援センター\n・福岡：(092)725-4034\n・北九州：(093)533-6637\n（平日8時30分～17時15分、北九州のみ10時～18時）';
    const hours = '平日8時30分～17時15分、北九州のみ10時～18時';
    expect(parseInquiry(text)).toEqual([
      { office: '福岡県子育て女性就職支援センター 福岡', phone: '092-725-4034', scope: null, hours },
      { office: '福岡県子育て女性就職支援センター 北九州', phone: '093-533-6637', scope: null, hours },
    ]);
  });

  it('reads an office without a phone, with or without a link (485, 2260, 962, 2689)', () => {
    expect(parseInquiry('文化庁')).toEqual([{ office: '文化庁', phone: null, scope: null }]);
    expect(parseInquiry('都道府県労働局\nURL：http://www.mhlw.go.jp/general/sosiki/chihou/\n\n※助成金の受給に当たっては、さまざまな要件がございます。')).toEqual([
      { office: '都道府県労働局', phone: null, scope: null, url: 'http://www.mhlw.go.jp/general/sosiki/chihou/' },
    ]);
    expect(parseInquiry('[各保健福祉(環境)事務所](https://www.pref.fukuoka.lg.jp/uploaded/attachment/112584.pdf)')).toEqual([
      { office: '各保健福祉(環境)事務所', phone: null, scope: null, url: 'https://www.pref.fukuoka.lg.jp/uploaded/attachment/112584.pdf' },
    ]);
    expect(parseInquiry('事業所の所在地を管轄する[各都道府県の地域技能振興コーナー](https://monozukuri-meister.mhlw.go.jp/mm/mm/contents/corner/)\n')).toEqual([
      { office: '事業所の所在地を管轄する各都道府県の地域技能振興コーナー', phone: null, scope: null, url: 'https://monozukuri-meister.mhlw.go.jp/mm/mm/contents/corner/' },
    ]);
  });

  it('keeps an office with no phone apart from the one that has it (1036, 1039)', () => {
    expect(parseInquiry('●生徒の在籍している県立高等学校\n●福島県教育庁財務課　電話:(024)521-7754')).toEqual([
      { office: '生徒の在籍している県立高等学校', phone: null, scope: null },
      { office: '福島県教育庁財務課', phone: '024-521-7754', scope: null },
    ]);
    const text = '■厚生労働省 ひとり親世帯臨時特別給付金 コールセンター\n電話番号:0120-400-903 (受付時間 平日9時から18時まで)\n■お住まいの市町村の児童扶養手当担当課\n■県児童家庭課　家庭・給付担当\n電話番号:(024)521-7176\nhttp://www.pref.fukushima.lg.jp/sec/21035a/\n';
    expect(parseInquiry(text)).toEqual([
      { office: '厚生労働省 ひとり親世帯臨時特別給付金 コールセンター', phone: '0120-400-903', scope: null, hours: '受付時間 平日9時から18時まで' },
      { office: 'お住まいの市町村の児童扶養手当担当課', phone: null, scope: null },
      { office: '県児童家庭課 家庭・給付担当', phone: '024-521-7176', scope: null, url: 'http://www.pref.fukushima.lg.jp/sec/21035a/' },
    ]);
  });

  it('names no office where the text names none (1582, 2450)', () => {
    expect(parseInquiry('https://iri.pref.tochigi.lg.jp/index.php?id=72')).toEqual([{ office: '', phone: null, scope: null, url: 'https://iri.pref.tochigi.lg.jp/index.php?id=72' }]);
    expect(parseInquiry('TEL：098-859-6130\nE-mail：mice_support@ocvb.or.jp')).toEqual([{ office: '', phone: '098-859-6130', scope: null, email: 'mice_support@ocvb.or.jp' }]);
  });

  it('keeps the sentence that names the office when that is all there is (1501)', () => {
    expect(parseInquiry('お近くの税務署へお問い合わせください。\n各税務署の連絡先は国税庁ウェブサイトからご確認いただけます。')).toEqual([
      { office: 'お近くの税務署へお問い合わせください。', phone: null, scope: null },
    ]);
  });

  it('keeps an e-mail address written around a spam guard (836)', () => {
    expect(parseInquiry('国立研究開発法人土木研究所 企画部 研究企画課\ne-mail : kyoudou(a)pwri.go.jp\n※(a)を@に変更してください。')).toEqual([
      { office: '国立研究開発法人土木研究所 企画部 研究企画課', phone: null, scope: null, email: 'kyoudou(a)pwri.go.jp' },
    ]);
  });

  it('never throws, and every phone it returns is written in the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('電話：(03)3581-1101', 'FAX：03-3501-7170', '【窓口】', '・', '（内線）2145', 'URL：https://x.jp/')), { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        for (const c of parseInquiry(text)) if (c.phone) expect(digitRuns(text).some((run) => run.includes(c.phone!.replace(/-/g, '')))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

interface Support {
  id: string;
  inquiry?: string | null;
}

const SEPARATORS = /[\s()（）\-‐‑‒–—―−－ーｰ]/g;
const FAX = /(?:F\s*A\s*X|ファッ?[クッ]ス)[^\d]{0,6}$/i;

/** The digit runs of each line once separators are gone: where a phone's digits must be found. */
function digitRuns(text: string): string[] {
  return text.split('\n').flatMap((line) => line.normalize('NFKC').replace(SEPARATORS, '').match(/\d+/g) ?? []);
}

/** The numbers a reader would dial, found independently of the parser: 10–11 digits starting with 0, not a FAX. */
function phoneLike(text: string): { phones: string[]; faxes: string[] } {
  const phones: string[] = [];
  const faxes: string[] = [];
  for (const line of text.normalize('NFKC').split('\n')) {
    const plain = line.replace(/https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w.-]+/g, ' ');
    for (const m of plain.matchAll(/[\d()\-‐‑‒–—―−ーｰ]+/g)) {
      const digits = m[0].replace(/\D/g, '');
      if (!/^0\d{9,10}$/.test(digits)) continue;
      (FAX.test(plain.slice(0, m.index)) ? faxes : phones).push(digits);
    }
  }
  return { phones, faxes };
}

describe('parseInquiry on every inquiry of the ミラサポplus catalog', () => {
  let supports: Support[];
  beforeAll(async () => {
    const url = new URL('../../../shared/corpora/mirasapo/supports.json', import.meta.url);
    supports = (JSON.parse(await readFile(url, 'utf8')) as { items: Support[] }).items.filter((s) => s.inquiry?.trim());
  });

  it('reads all 865 inquiries, each into at least one contact, with no undefined fields', () => {
    expect(supports).toHaveLength(865);
    for (const s of supports) {
      const contacts = parseInquiry(s.inquiry!);
      expect(contacts.length, s.id).toBeGreaterThan(0);
      for (const c of contacts) expect(Object.values(c).includes(undefined), s.id).toBe(false);
    }
  });

  it('returns only phones whose digits are written in the text, and never a FAX number', () => {
    for (const s of supports) {
      const { faxes } = phoneLike(s.inquiry!);
      for (const c of parseInquiry(s.inquiry!)) {
        if (!c.phone) continue;
        const digits = c.phone.replace(/-/g, '');
        expect(c.phone, s.id).toMatch(/^0[\d-]+\d$/);
        expect(digits.length, s.id).toBeGreaterThanOrEqual(10);
        expect(digitRuns(s.inquiry!).some((run) => run.includes(digits)), `${s.id} ${c.phone}`).toBe(true);
        expect(faxes, `${s.id} ${c.phone}`).not.toContain(digits);
      }
    }
  });

  it('finds a phone in every inquiry that writes one, and every number written there', () => {
    const writing: string[] = [];
    const withPhone: string[] = [];
    const missing: string[] = [];
    for (const s of supports) {
      const written = phoneLike(s.inquiry!).phones;
      const found = parseInquiry(s.inquiry!).flatMap((c) => (c.phone ? [c.phone.replace(/-/g, '')] : []));
      if (written.length) writing.push(s.id);
      if (found.length) withPhone.push(s.id);
      else if (written.length) missing.push(s.id);
      // A run may carry the digits of a remark after the number ("03-3501-1957（9:30～…"), so the phone starts it.
      for (const run of written) expect(found.some((phone) => run.startsWith(phone)), `${s.id} ${run}`).toBe(true);
    }
    expect(writing).toHaveLength(652);
    // Four more write their only number as "03-5253-1111（5543）", which the detector above reads as 14 digits.
    expect(withPhone.filter((id) => !writing.includes(id))).toEqual(['2219', '2273', '2428', '2666']);
    expect(withPhone).toHaveLength(656);
    expect(missing).toEqual([]);
  });
});
