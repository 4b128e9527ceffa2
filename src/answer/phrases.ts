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
  // Rankings: `pool` names the programs compared (新規の事業, 概算要求額が10億円未満の事業), null for all.
  rankBound: (op: 'ge' | 'gt' | 'le' | 'lt', amount: string, s: Style) =>
    s.lang === 'en' ? `${{ ge: 'at least', gt: 'over', le: 'at most', lt: 'under' }[op]} ${amount}` : `${amount}${{ ge: '以上', gt: '超', le: '以下', lt: '未満' }[op]}`,
  rankPool: (status: 'new' | 'continuing' | null, bounds: string[], change: 'up' | 'down' | 'same' | null, s: Style) => {
    if (s.lang === 'en') {
      if (!status && !bounds.length && !change) return null;
      const since = change && ` whose request ${{ up: 'rose from', down: 'fell from', same: 'is unchanged from' }[change]} the previous year`;
      return `${status ? `${status} ` : ''}programs${bounds.length ? ` requesting ${bounds.join(' and ')}` : ''}${since ?? ''}`;
    }
    const amount = bounds.length ? `概算要求額が${bounds.join('、')}` : '';
    const rest = change
      ? amount
        ? `${amount}で、${{ up: '前年度より増えた', down: '前年度より減った', same: '前年度と同額の' }[change]}`
        : { up: '前年度より概算要求額が増えた', down: '前年度より概算要求額が減った', same: '概算要求額が前年度と同額の' }[change]
      : amount && `${amount}の`;
    const kind = status && { new: '新規', continuing: '継続' }[status];
    if (!kind && !rest) return null;
    return kind ? (rest ? `${kind}で${rest}事業` : `${kind}の事業`) : `${rest}事業`;
  },
  rankMeasure: (change: 'up' | 'down' | 'same' | null, year: string | null, s: Style) =>
    s.lang === 'en'
      ? change === 'up' ? 'increase from the previous year' : change === 'down' ? 'decrease from the previous year' : 'budget request'
      : change === 'up' ? '前年度からの増加額' : change === 'down' ? '前年度からの減少額' : `${year ?? ''}概算要求額`,
  rankChange: (requested: number, previous: number | null, s: Style) => {
    const en = s.lang === 'en';
    if (previous === null) return `${yen(requested)}${en ? ' (new)' : '（新規）'}`;
    const d = Math.round((requested - previous) * 1e6) / 1e6;
    if (d === 0) return `${yen(requested)}${en ? ' (same as the previous year)' : '（前年度と同額）'}`;
    return en
      ? `${yen(requested)} (previous year ${yen(previous)}, ${d > 0 ? 'up' : 'down'} ${yen(Math.abs(d))})`
      : `${yen(requested)}（前年度${yen(previous)}から${yen(Math.abs(d))}${d > 0 ? '増' : '減'}）`;
  },
  rankOne: (pool: string | null, measure: string, order: 'desc' | 'asc', items: string, listed: number, s: Style) =>
    s.lang === 'en'
      ? `The program${listed > 1 ? 's' : ''}${pool ? ` among ${pool}` : ''} with the ${order === 'desc' ? 'largest' : 'smallest'} ${measure} ${listed > 1 ? 'are (tied)' : 'is'} ${items}.`
      : `${pool ? `${pool}のうち、` : ''}${measure}が${order === 'desc' ? '最も大きい' : '最も少ない'}${pool ? 'の' : '事業'}は${listed > 1 ? '、' : ''}${items}${listed > 1 ? `の${listed}事業` : ''}です。`,
  rankNth: (pool: string | null, measure: string, order: 'desc' | 'asc', nth: number, items: string, s: Style) =>
    s.lang === 'en'
      ? `The program${pool ? ` among ${pool}` : ''} with the ${nth}${nth % 10 === 1 && nth !== 11 ? 'st' : nth % 10 === 2 && nth !== 12 ? 'nd' : nth % 10 === 3 && nth !== 13 ? 'rd' : 'th'} ${order === 'desc' ? 'largest' : 'smallest'} ${measure}: ${items}.`
      : `${pool ? `${pool}のうち、` : ''}${measure}が${nth}番目に${order === 'desc' ? '大きい' : '少ない'}${pool ? 'の' : '事業'}は${items}です。`,
  rankFirst: (pool: string | null, measure: string, order: 'desc' | 'asc', count: number, items: string, listed: number, s: Style) =>
    s.lang === 'en'
      ? `The ${count} programs${pool ? ` among ${pool}` : ''} with the ${order === 'desc' ? 'largest' : 'smallest'} ${measure}s are ${items}${listed > count ? ` (${listed} with a tie)` : ''}.`
      : `${pool ? `${pool}のうち、` : ''}${measure}が${order === 'desc' ? '大きい順に上位' : '少ない順に'}${count}事業は、${items}です${listed > count ? `（同額の事業を含めて${listed}事業）` : ''}。`,
  rankAll: (pool: string | null, measure: string, order: 'desc' | 'asc', count: number, items: string, more: number, s: Style) => {
    const first = order === 'desc' ? (s.lang === 'en' ? 'largest' : '大きい') : s.lang === 'en' ? 'smallest' : '少ない';
    if (s.lang === 'en') {
      const rest = `${items}${more ? `, and ${more} more` : ''}`;
      return pool ? `There are ${count} ${pool} (${first} ${measure} first): ${rest}.` : `The ${count} programs by ${measure}, ${first} first: ${rest}.`;
    }
    const rest = `${items}${more ? `ほか${more}件` : ''}`;
    return pool ? `${pool}は${count}件です（${measure}が${first}順）：${rest}。` : `${count}事業を${measure}が${first}順に並べると、${rest}です。`;
  },
  rankNone: (pool: string, s: Style) => (s.lang === 'en' ? `These documents describe no ${pool}.` : `この資料の事業のうち、${pool}はありません。`),
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
