import { describe, expect, it } from 'vitest';
import { maskPersonal } from '../../src/answer-log/mask.js';

describe('maskPersonal', () => {
  it.each([
    ['phone', '03-1234-5678に電話してください', '[電話番号]に電話してください'],
    ['phone', 'フリーダイヤル0120-123-456まで', 'フリーダイヤル[電話番号]まで'],
    ['phone', '０１２０－１２３－４５６', '[電話番号]'],
    ['phone', '携帯は０９０ー１２３４ー５６７８です', '携帯は[電話番号]です'],
    ['phone', '(03)1234-5678', '[電話番号]'],
    ['phone', '（０３）１２３４－５６７８', '[電話番号]'],
    ['phone', '090 1234 5678', '[電話番号]'],
    ['phone', '09012345678です', '[電話番号]です'],
    ['phone', '+81-3-1234-5678', '[電話番号]'],
    ['phone', '+81 90-1234-5678', '[電話番号]'],
    ['e-mail', '連絡は taro.yamada+desk@example.co.jp へ', '連絡は [メール] へ'],
    ['e-mail', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐに送って', '[メール]に送って'],
    ['e-mail', 'hanako_01@city.shizuoka.lg.jp', '[メール]'],
    ['digit run', '口座番号1234567です', '口座番号[番号]です'],
    ['digit run', 'マイナンバーは１２３４５６７８９０１２', 'マイナンバーは[番号]'],
    ['digit run', 'カード 1234 5678 9012 3456 で払った', 'カード [番号] で払った'],
    ['digit run', '受付番号 1234-5678-90', '受付番号 [番号]'],
  ])('masks the %s in %s', (_, text, masked) => {
    expect(maskPersonal(text)).toBe(masked);
  });

  it.each(['令和7年度の予算は1,000,000円ですか', '2025年4月1日から', '申請は2025-04-01まで', '〒100-8901 東京都千代田区', '補助率は1/2、上限500万円', '省エネ診断の問い合わせ先は？'])('keeps %s as it is', (text) => {
    expect(maskPersonal(text)).toBe(text);
  });
});
