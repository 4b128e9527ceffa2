/**
 * Where something stands in the corpus: the file (relative to CORPUS_DIR) and, by the file's kind,
 * 1-based inclusive `lines` (text), `pages` (PDF) or the catalog `record`'s id.
 */
export interface Source {
  document: string;
  lines?: [number, number];
  pages?: [number, number];
  record?: string;
}

/**
 * A contact office as the document gives it; `scope` names the sub-items it covers, e.g. "(1)～(4)".
 * `phone` is null where the document gives only an office, an e-mail address or a URL; a FAX number is never one.
 */
export interface Contact {
  office: string;
  phone: string | null;
  scope: string | null;
  /** 内線 as written, e.g. "4041". */
  extension?: string;
  email?: string;
  url?: string;
  /** 受付時間 as written. */
  hours?: string;
}

/** A figure or condition the document states under its own label (補助率, 補助上限額, 対象者, 期間 …), as written. */
export interface Fact {
  label: string;
  text: string;
  source: Source;
}

export interface Budget {
  /** e.g. 令和2年度 */
  fiscalYear: string | null;
  /** Requested amount in 億円. */
  requested: number;
  /** Previous year's amount in 億円; null for a new program. */
  previous: number | null;
  isNew: boolean;
  /** The budget line as the document writes it, without layout marks. */
  text: string;
  /** Notes such as ※（）内のうち臨時・特別の措置120.4億円。 */
  notes: string[];
  /** The program's header: title, budget line, notes and contact blocks. */
  source?: Source;
}

export interface Item {
  /** "(1)" or "①" as written (normalized to half-width parentheses). */
  key: string;
  number: number;
  label: string;
  text: string;
  source: Source;
}

export interface Section {
  name: string;
  text: string;
  items: Item[];
  source: Source;
}

/**
 * The one program model every reader fills, whatever the source: a budget-request sheet, a catalog record,
 * a Markdown, text, PDF or HTML document. `kind` is 'document' for a document that describes no program of its own.
 */
export interface Program {
  id: string;
  kind: 'program' | 'document';
  title: string;
  /** 所管: the ministry, agency or local government responsible, as the source names it. */
  authority: string | null;
  /** Prefectures the program serves; [] = nationwide. */
  region: string[];
  url: string | null;
  budget: Budget | null;
  contacts: Contact[];
  facts: Fact[];
  keywords: string[];
  /** e.g. 平成31年度から令和5年度までの5年間 */
  period: string | null;
  /** Figures stated as goals in 成果目標 (150件, 1/5, 800件 …). */
  targets: string[];
  sections: Section[];
  source: Source;
}

/** Whether a program serves a prefecture: it is that prefecture's own, or nationwide. */
export function servesRegion(program: Pick<Program, 'region'>, prefecture: string): boolean {
  return program.region.length === 0 || program.region.includes(prefecture);
}

/** The passage of a program's keywords, and of a catalog record's contact text: searched, never quoted as an answer. */
export const KEYWORDS_SECTION = 'キーワード';
export const CONTACT_SECTION = '問い合わせ先';
const UNQUOTED = new Set([KEYWORDS_SECTION, CONTACT_SECTION, '予算']);

/** Whether a passage's sentences may answer a question (the budget line, keywords and contact text are answered otherwise). */
export function isQuotable(chunk: Pick<Chunk, 'section'>): boolean {
  return !UNQUOTED.has(chunk.section);
}

/** A retrievable passage: a section or a sub-item of one program. */
export interface Chunk {
  id: number;
  programId: string;
  programTitle: string;
  section: string;
  item: string | null;
  text: string;
  contacts: Contact[];
  source: Source;
}

/** A line the parser could not place, reported by ingest. */
export interface Unplaced {
  document: string;
  line: number;
  text: string;
  reason: string;
}
