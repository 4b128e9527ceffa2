/** Where something stands in the corpus: the file (relative to CORPUS_DIR) and 1-based inclusive lines. */
export interface Source {
  document: string;
  lines: [number, number];
}

/** A contact office as the document gives it; `scope` names the sub-items it covers, e.g. "(1)～(4)". */
export interface Contact {
  office: string;
  phone: string;
  scope: string | null;
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

/** A program summary parsed from a program document, or a generic document (no budget, no contacts). */
export interface Program {
  id: string;
  kind: 'program' | 'document';
  title: string;
  budget: Budget | null;
  contacts: Contact[];
  /** e.g. 平成31年度から令和5年度までの5年間 */
  period: string | null;
  /** Figures stated as goals in 成果目標 (150件, 1/5, 800件 …). */
  targets: string[];
  sections: Section[];
  source: Source;
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
