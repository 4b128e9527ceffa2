import type { Budget, Contact } from '../catalog.js';
import type { Mode } from './types.js';

/** The fixed wording of answers, per language and mode: one place to review it. */
export interface Style {
  lang: 'ja' | 'en';
  mode: Mode;
}

const yen = (n: number) => `${n.toFixed(1)}億円`;

/**
 * Offices with what the document gives for each (phone and 内線, hours, e-mail, URL); each prefixed by the
 * sub-items it covers unless `withScope` is false.
 *
 * @example contactList([{ office: '省エネルギー課', phone: '03-3501-9726', scope: null }], { lang: 'ja', mode: 'answer' }) // '省エネルギー課（電話 03-3501-9726）'
 */
export function contactList(contacts: Contact[], style: Style, withScope = true): string {
  const en = style.lang === 'en';
  const one = (c: Contact) => {
    const scope = c.scope && withScope ? (en ? `for ${c.scope}: ` : `${c.scope}は`) : '';
    const phone = c.phone && (en ? `tel. ${c.phone}${c.extension ? ` ext. ${c.extension}` : ''}` : `電話 ${c.phone}${c.extension ? ` 内線${c.extension}` : ''}`);
    const hours = c.hours && (en ? `hours: ${c.hours}` : /^(受付|対応|営業|開庁|相談)?(時間|日時)/.test(c.hours) ? c.hours : `受付時間 ${c.hours}`);
    const details = [phone, hours, c.email, c.url].filter(Boolean).join(en ? '; ' : '、');
    if (!c.office) return `${scope}${details}`;
    return details ? (en ? `${scope}${c.office} (${details})` : `${scope}${c.office}（${details}）`) : `${scope}${c.office}`;
  };
  return contacts.map(one).join(en ? '; ' : '、');
}

export function budgetText(b: Budget, style: Style): string {
  const previous = b.isNew ? (style.lang === 'en' ? 'new program' : '新規') : `${style.lang === 'en' ? 'previous year ' : '前年度'}${yen(b.previous!)}`;
  return `${yen(b.requested)}（${previous}）`;
}

export const yenText = yen;

export const P = {
  matches: (title: string, s: Style) =>
    s.lang === 'en' ? `The program that matches is 「${title}」` : s.mode === 'draft' ? `ご質問の件は、「${title}」が該当するかと存じます` : `「${title}」が該当します`,
  contactIs: (title: string, scope: string | null, list: string, s: Style) =>
    s.lang === 'en'
      ? `The contact office for 「${title}」${scope ? ` (${scope})` : ''} is ${list}`
      : s.mode === 'draft'
        ? `「${title}」${scope ? `の${scope}` : ''}のお問い合わせ先は、${list}でございます`
        : `「${title}」${scope ? `の${scope}` : ''}の問い合わせ先は、${list}です`,
  contactsAre: (list: string, scope: string | null, s: Style) =>
    s.lang === 'en'
      ? `Contact${scope ? ` for ${scope}` : ''}: ${list}`
      : s.mode === 'draft'
        ? `${scope ? `${scope}の` : ''}お問い合わせ先は、${list}でございます`
        : `${scope ? `${scope}の` : ''}問い合わせ先は${list}です`,
  noContact: (s: Style) =>
    s.lang === 'en' ? 'This document names no contact office for it.' : s.mode === 'draft' ? 'なお、この資料には問い合わせ先の記載がございません。' : 'この資料には問い合わせ先の記載がありません。',
  noContactFor: (title: string, s: Style) =>
    s.lang === 'en' ? `The entry for 「${title}」 names no contact office.` : `「${title}」の掲載には問い合わせ先の記載がありません。`,
  budgetIs: (title: string, year: string | null, amount: string, s: Style) =>
    s.lang === 'en'
      ? `The ${year ?? ''} budget request for 「${title}」 is ${amount}`.replace('  ', ' ')
      : s.mode === 'draft'
        ? `「${title}」の${year ?? ''}概算要求額は${amount}でございます`
        : `「${title}」の${year ?? ''}概算要求額は${amount}です`,
  factIs: (title: string, label: string, text: string, s: Style) =>
    s.lang === 'en' ? `For 「${title}」, the document states ${label}: ${text}` : s.mode === 'draft' ? `「${title}」の${label}は、${text}でございます` : `「${title}」の${label}は、${text}です`,
  notStated: (title: string, name: string, s: Style) =>
    s.lang === 'en'
      ? `The document for 「${title}」 does not state the ${name}`
      : s.mode === 'draft'
        ? `「${title}」の資料には${name}の記載がございません`
        : `「${title}」の資料には${name}の記載はありません`,
  factOthers: (texts: string[], s: Style) =>
    s.lang === 'en' ? `It also states: ${texts.join('; ')}` : `このほか、区分により${texts.join('、')}との記載があります`,
  detailLead: (s: Style) => (s.lang === 'en' ? 'From the document: ' : ''),
  related: (titles: string, s: Style) => (s.lang === 'en' ? `Related: ${titles}.` : `関連する事業：${titles}。`),
  sum: (label: string, total: string, parts: string, s: Style) =>
    s.lang === 'en' ? `The budget requests of ${label} total ${total} (${parts}).` : `${label}の概算要求額の合計は${total}です（${parts}）。`,
  newOnes: (list: string, s: Style) => (s.lang === 'en' ? `The new programs requested are ${list}.` : `新規に要求されている事業は、${list}です。`),
  listAll: (count: number, list: string, more: number, s: Style) =>
    s.lang === 'en'
      ? `The documents describe ${count} programs: ${list}${more ? `, and ${more} more` : ''}.`
      : `この資料には${count}件の事業が記載されています：${list}${more ? `ほか${more}件` : ''}。`,
  notCovered: (unknown: string | null, scope: string, s: Style) => {
    if (s.lang === 'en') {
      return `${unknown ? `「${unknown}」 is not in these documents. ` : ''}The documents here do not cover that question. This help desk covers ${scope}.`;
    }
    const lead = unknown ? `「${unknown}」はこの資料に含まれていません。` : '';
    return s.mode === 'draft'
      ? `お問い合わせいただきありがとうございます。${lead}申し訳ございませんが、ご質問の内容はこの窓口の資料には記載がございません。この窓口では、${scope}についてご案内しております。`
      : `${lead}申し訳ありませんが、ご質問の内容はこの窓口の資料には記載がありません。この窓口では、${scope}についてご案内できます。`;
  },
  scopeSummary: (titles: string[], s: Style) => {
    const shown = titles.slice(0, 4).map((t) => `「${t}」`).join(s.lang === 'en' ? ', ' : '、');
    return s.lang === 'en' ? `${titles.length} programs such as ${shown}` : `${shown}など${titles.length}件の事業`;
  },
  draftOpen: 'お問い合わせいただきありがとうございます。',
  draftClose: 'なお、制度の内容や公募の時期は変更される場合がございますので、最新の公募要領もあわせてご確認ください。',
  draftNote: '（送信前の確認：回答内容と問い合わせ先を最新の公募要領で確認してから送信してください。）',
};
