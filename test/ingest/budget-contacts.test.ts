import { describe, expect, it } from 'vitest';
import { isBudgetLine, parseBudget } from '../../src/ingest/budget.js';
import { parseContacts, phoneIn } from '../../src/ingest/contacts.js';

describe('parseBudget', () => {
  it.each([
    ['令和2年度概算要求額 **59.2億円（50.3億円）**', 59.2, 50.3, false],
    ['令和2年度概算要求額 **47.0億円**（44.0億円）', 47, 44, false],
    ['令和2年度概算要求額 **19.0億円** (新規)', 19, null, true],
    ['令和2年度概算要求額 **23.3億円 (22.3億円)**', 23.3, 22.3, false],
    ['令和2年度概算要求額 ５．０億円（新規）', 5, null, true],
    ['令和3年度概算要求額 1,234.5億円（1,000.0億円）', 1234.5, 1000, false],
  ])('%s', (line, requested, previous, isNew) => {
    expect(isBudgetLine(line)).toBe(true);
    expect(parseBudget(line)).toMatchObject({ requested, previous, isNew });
  });

  it('keeps the fiscal year and the text without layout marks', () => {
    expect(parseBudget('令和2年度概算要求額 **59.2億円（50.3億円）**')).toEqual({
      fiscalYear: '令和2年度', requested: 59.2, previous: 50.3, isNew: false, text: '令和2年度概算要求額 59.2億円（50.3億円）', notes: [],
    });
  });

  it('is not fooled by prose mentioning a budget', () => {
    expect(isBudgetLine('概算要求額については別紙を参照してください。')).toBe(false);
    expect(parseBudget('本事業の予算は10億円です')).toBeNull();
  });
});

describe('parseContacts', () => {
  it('joins office lines closed by a phone line', () => {
    expect(parseContacts(['資源エネルギー庁', '省エネルギー・新エネルギー部', '省エネルギー課', '03-3501-9726'])).toEqual([
      { office: '資源エネルギー庁 省エネルギー・新エネルギー部 省エネルギー課', phone: '03-3501-9726', scope: null },
    ]);
  });

  it('reads scopes with and without a space after them', () => {
    expect(parseContacts(['(1)通商政策局 総務課', '03-3501-1827', '(2)貿易経済協力局 投資促進課', '03-3501-1662'])).toEqual([
      { office: '通商政策局 総務課', phone: '03-3501-1827', scope: '(1)' },
      { office: '貿易経済協力局 投資促進課', phone: '03-3501-1662', scope: '(2)' },
    ]);
    expect(parseContacts(['（１）～（４） 貿易経済協力局 技術・人材協力課', '０３－３５０１－１９３７'])).toEqual([
      { office: '貿易経済協力局 技術・人材協力課', phone: '03-3501-1937', scope: '(1)～(4)' },
    ]);
  });

  it('is null for lines that are not a contact block', () => {
    expect(parseContacts(['※（）内のうち臨時・特別の措置120.4億円。'])).toBeNull();
    expect(parseContacts(['03-3501-9726'])).toBeNull();
    expect(parseContacts(['製造産業局 素材材産業室', '03-3501-1063', '余った行'])).toBeNull();
  });

  it('keeps a phone written with other dashes out of the office name', () => {
    expect(parseContacts(['中小企業庁 経営支援課 03‐3501‐1953'])).toEqual([{ office: '中小企業庁 経営支援課', phone: '03-3501-1953', scope: null }]);
  });

  it('finds phones written with other dashes', () => {
    expect(phoneIn('電話 03‐3501‐1063（直通）')).toBe('03-3501-1063');
    expect(phoneIn('令和2年度')).toBeNull();
  });
});
