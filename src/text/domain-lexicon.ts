import type { LexiconGroup } from './synonyms.js';

/**
 * Plain words of business owners ↔ the words program documents use. Reviewed by hand: each group
 * holds phrases a help-desk officer would treat as the same request. Applied at query time only,
 * with a lower weight than the user's own words.
 */
export const DOMAIN_LEXICON: readonly LexiconGroup[] = [
  ['3Dプリンター', '3Dプリンタ', '3D造形', '積層造形'],
  ['電気代', '電気料金', '電力料金', '光熱費', 'エネルギーコスト', '省エネ', '省エネルギー', 'エネルギー消費'],
  ['省エネ', '省エネルギー'],
  ['ZEH', 'ゼッチ', 'ネット・ゼロ・エネルギー・ハウス'],
  ['ZEB', 'ゼブ', 'ネット・ゼロ・エネルギー・ビル'],
  ['断熱材', '断熱', '省エネ建材', '省エネ改修'],
  ['リフォーム', '改修'],
  ['ハッカー', 'サイバー攻撃', 'サイバーセキュリティ', '不正アクセス', 'ウイルス感染'],
  ['原発', '原子力発電所', '原子力発電施設'],
  ['外国人', '外国人材', '特定技能外国人'],
  ['人手不足', '人材不足'],
  ['見本市', '展示会', '商談会'],
  ['海外進出', '海外展開', '現地進出'],
  ['融資', '借入', 'ローン', '金融機関'],
  ['利子', '利息', '金利', '利子補給'],
  ['町工場', '中小企業', '小規模事業者'],
  ['お店', '小さな店', '商店', '個人商店', 'パン屋', '飲食店', '美容院', '小規模事業者'],
  ['経営相談', '経営指導', '窓口相談'],
  ['研修', 'トレーニング', '人材育成'],
  ['標準化', '国際標準', '規格', 'JIS'],
  ['工場を新設', '新規立地', '企業立地'],
];
