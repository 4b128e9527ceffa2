import { compact } from './normalize.js';

/** The 47 prefectures, as catalogs and questions write them. */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県',
  '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県',
  '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県',
  '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

const KNOWN = new Set<string>(PREFECTURES);

export function isPrefecture(name: string): boolean {
  return KNOWN.has(name);
}

/**
 * The first prefecture a text names in full (静岡県, 東京都, 北海道); null when it names none.
 *
 * @example prefectureIn('静岡県の事業者です。販路を広げたい') // '静岡県'
 */
export function prefectureIn(text: string): string | null {
  const t = compact(text);
  let best: { name: string; at: number } | null = null;
  for (const name of PREFECTURES) {
    const at = t.indexOf(name);
    if (at >= 0 && (!best || at < best.at)) best = { name, at };
  }
  return best?.name ?? null;
}
