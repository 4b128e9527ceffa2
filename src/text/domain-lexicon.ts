import type { LexiconEntry } from './synonyms.js';

/**
 * Plain words of business owners ↔ the words program documents use. Reviewed by hand. A list is a
 * group of interchangeable phrases (each brings in the others); `{ terms, adds }` also brings in what
 * the documents call the remedy for that need, without the reverse (省エネ does not mean 電気代).
 * Applied at query time only, with a lower weight than the user's own words.
 */
export const DOMAIN_LEXICON: readonly LexiconEntry[] = [
  ['3Dプリンター', '3Dプリンタ', '3D造形', '積層造形'],
  { terms: ['電気代', '電気料金', '電力料金', '光熱費', 'エネルギーコスト'], adds: ['省エネ', '省エネルギー', 'エネルギー消費'] },
  ['省エネ', '省エネルギー'],
  ['ZEH', 'ゼッチ', 'ネット・ゼロ・エネルギー・ハウス'],
  ['ZEB', 'ゼブ', 'ネット・ゼロ・エネルギー・ビル'],
  { terms: ['断熱材', '断熱'], adds: ['省エネ建材', '省エネ改修'] },
  ['リフォーム', '改修'],
  { terms: ['ハッカー', 'サイバー攻撃', '不正アクセス', 'ウイルス', 'マルウェア', 'ランサムウェア', '標的型メール', '情報漏えい', '情報漏洩'], adds: ['サイバーセキュリティ'] },
  { terms: ['冷暖房', 'エアコン', '空調'], adds: ['省エネ', '高効率空調'] },
  ['事務所', 'オフィス', '事業場'],
  ['原発', '原子力発電所', '原子力発電施設'],
  ['外国人', '外国人材', '特定技能外国人'],
  ['人手不足', '人材不足'],
  ['見本市', '展示会', '商談会'],
  ['海外進出', '海外展開', '現地進出'],
  { terms: ['融資', '借入', 'ローン', '借りる', '借り入れ'], adds: ['金融機関'] },
  ['銀行', '金融機関'],
  ['利子', '利息', '金利', '利子補給'],
  { terms: ['町工場'], adds: ['中小企業', '小規模事業者'] },
  { terms: ['お店', '店', '小さな店', '商店', '個人商店', 'パン屋', '飲食店', '美容院'], adds: ['小規模事業者'] },
  { terms: ['売上が落ち', '売り上げが落ち', '経営が苦しい', '経営に困'], adds: ['経営指導', '伴走型支援'] },
  ['経営相談', '経営指導', '窓口相談'],
  ['研修', 'トレーニング', '人材育成'],
  ['標準化', '国際標準', '規格', 'JIS'],
  { terms: ['工場を新設', '工場を建てる'], adds: ['新規立地', '企業立地'] },
];
