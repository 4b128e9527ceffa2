import { englishWords, packTerms, type EnglishTable } from './english.js';

/**
 * English phrases of the program domain that EDICT does not translate into the words program documents
 * use, reviewed by hand. Everything else an English question says is translated through EDICT's glosses
 * (text/english-table.ts); these are looked up first.
 */
const GLOSSARY: readonly (readonly [english: string, japanese: string])[] = [
  // No entry: EDICT has no SME, and its "audit" is 監査, where programs say 診断 (省エネ診断).
  ['sme', '中小企業'],
  ['energy audit', '省エネ診断'],
  // EDICT gives 小企業, 零細企業, スモールビジネス: words the programs' documents do not use.
  ['small business', '中小企業 小規模事業者'],
  ['small company', '中小企業'],
  // EDICT gives 外国人労働者; the ministries write 外国人材.
  ['foreign worker', '外国人材'],
  ['foreign talent', '外国人材'],
  // Newer than EDICT's entries: 積層造形 is not in it, nor is 3D printing; its DX is "deluxe".
  ['3d printing', '積層造形'],
  ['additive manufacturing', '積層造形'],
  ['digital transformation', 'DX'],
  // EDICT has only the whole names: "chamber of commerce and industry", "request for budgetary appropriations".
  ['chamber of commerce', '商工会議所'],
  ['budget request', '概算要求'],
];

/** How much a reviewed translation weighs: as a precise EDICT gloss of a common word. */
const REVIEWED_WEIGHT = 0.6;

/** The reviewed phrases as the English table keys them, each with its terms. */
export const ENGLISH_GLOSSARY: EnglishTable = Object.assign(
  Object.create(null) as EnglishTable,
  Object.fromEntries(GLOSSARY.map(([en, ja]) => [englishWords(en).join(' '), packTerms(ja.split(' ').map((term): [string, number] => [term, REVIEWED_WEIGHT]))])),
);
