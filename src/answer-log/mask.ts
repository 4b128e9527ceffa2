/**
 * Personal details a question may carry, masked before it is written: e-mail addresses, phone numbers
 * (Japanese numbers as people type them: any dash, brackets, full-width digits, +81) and other long
 * digit runs (account, card and My Number digits). Amounts written with commas, dates and years stay.
 *
 * @example maskPersonal('03-1234-5678 か taro@example.jp まで') // '[電話番号] か [メール] まで'
 */
export function maskPersonal(text: string): string {
  return text
    .replace(EMAIL, MASKS.email)
    .replace(PHONE, MASKS.phone)
    .replace(DIGIT_GROUPS, (match) => (match.replace(NOT_DIGIT, '').length >= 10 ? MASKS.digits : match))
    .replace(DIGIT_RUN, MASKS.digits);
}

export const MASKS = { email: '[メール]', phone: '[電話番号]', digits: '[番号]' };

const D = '[0-9０-９]';
const NOT_DIGIT = /[^0-9０-９]/gu;
const DASHES = '\\-‐‑‒–—―−ー－ｰ';
// Between a phone number's digits: a dash, a space, a dot, a bracket around the area code.
const SEP = `[${DASHES}\\s()（）.．]`;
const NAME = '[\\w\\-Ａ-Ｚａ-ｚ０-９＿]';

const EMAIL = new RegExp(`[\\w.+\\-Ａ-Ｚａ-ｚ０-９＿．＋]+[@＠]${NAME}+(?:[.．]${NAME}+)+`, 'gu');
// A 0 and 8 to 10 more digits (10 or 11 in all; 0120 numbers too), or +81 and the number without its 0.
const PHONE = new RegExp(`(?<!${D})(?:[(（]?[0０]|[+＋](?:81|８１)${SEP}{0,2}[0０]?)(?:${SEP}{0,2}${D}){8,10}(?!${D})`, 'gu');
// Digit groups split by spaces or dashes (cards: 1234 5678 9012 3456); masked from 10 digits in all.
const DIGIT_GROUPS = new RegExp(`${D}+(?:[\\s${DASHES}]${D}+)+`, 'gu');
// Six digits or more in one run.
const DIGIT_RUN = new RegExp(`${D}{6,}`, 'gu');
