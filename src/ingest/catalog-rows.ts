import { createRequire } from 'node:module';
import type { CatalogProblem } from './catalog-file.js';
import { isObject } from './field-map.js';

const require = createRequire(import.meta.url);
type CsvParse = typeof import('csv-parse/sync').parse;
let csvParse: CsvParse | undefined;
/** csv-parse's synchronous parser (its CommonJS build), loaded at the first CSV catalog read: not by every ingest. */
const parseCsv = ((...args: Parameters<CsvParse>) => (csvParse ??= (require('csv-parse/sync') as { parse: CsvParse }).parse)(...args)) as CsvParse;

type Issue = Omit<CatalogProblem, 'document'>;

/** One record slot of a catalog file, before the field map is applied. */
export interface CatalogRow {
  /** 0-based position among the file's records, counting the ones that could not be read. */
  index: number;
  /** 1-based line where it starts; null for JSON. */
  line: number | null;
  value: Record<string, unknown>;
}

export interface Rows {
  rows: CatalogRow[];
  issues: Issue[];
}

/**
 * Parses a whole `.json` catalog; an error names the line of V8's reported position where it gives one.
 *
 * @example parseJsonCatalog('{"items": [}') // { code: 'SYNTAX', reason: 'invalid JSON: Unexpected token …', line: 1 }
 */
export function parseJsonCatalog(text: string): { data: unknown } | Issue {
  try {
    return { data: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const issue: Issue = { code: 'SYNTAX', reason: `invalid JSON: ${message}` };
    if (position !== undefined) issue.line = lineAt(text, Number(position));
    return issue;
  }
}

/**
 * The records of a parsed JSON catalog: the top-level array, or the array at `records` (a dot path).
 *
 * @example jsonRows({ items: [{ id: 1 }] }, 'items').rows // [{ index: 0, line: null, value: { id: 1 } }]
 */
export function jsonRows(data: unknown, records: string | null): Rows {
  let list: unknown = data;
  for (const key of records?.split('.') ?? []) list = isObject(list) ? list[key] : undefined;
  if (!Array.isArray(list)) {
    const reason = records
      ? `no array of records at "${records}" (the field map's "records")`
      : 'the file is not an array of records: set "records" in the field map to where the array is (e.g. "items")';
    return { rows: [], issues: [{ code: 'NO_RECORDS', reason }] };
  }
  const rows: CatalogRow[] = [];
  const issues: Issue[] = [];
  list.forEach((value: unknown, index) => {
    if (isObject(value)) rows.push({ index, line: null, value });
    else issues.push({ code: 'NOT_A_RECORD', reason: `record ${index} is not a JSON object; skipped`, record: `[${index}]` });
  });
  return { rows, issues };
}

/**
 * One JSON object per line; blank lines are skipped, a line that does not parse is reported and the rest kept.
 *
 * @example jsonlRows('{"id": 1}\n\n{"id": 2}').rows.map((r) => r.line) // [1, 3]
 */
export function jsonlRows(text: string): Rows {
  const rows: CatalogRow[] = [];
  const issues: Issue[] = [];
  let index = 0;
  text.split(/\r?\n/).forEach((source, i) => {
    if (source.trim() === '') return;
    const line = i + 1;
    const slot = index++;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (e) {
      issues.push({ code: 'SYNTAX', reason: `invalid JSON on line ${line}: ${(e as Error).message}; skipped`, line });
      return;
    }
    if (isObject(value)) rows.push({ index: slot, line, value });
    else issues.push({ code: 'NOT_A_RECORD', reason: `line ${line} is not a JSON object; skipped`, line });
  });
  return { rows, issues };
}

/**
 * A CSV with a header line (RFC 4180: quoted fields may hold commas, quotes and line breaks). A row whose
 * column count differs from the header's is reported and skipped; a quoting error ends the file there.
 *
 * @example csvRows('id,title\n1,"省エネ\n診断"').rows // [{ index: 0, line: 2, value: { id: '1', title: '省エネ\n診断' } }]
 */
export function csvRows(text: string): Rows {
  const parsed: { cells: string[]; end: number }[] = [];
  let broken: string | null = null;
  try {
    parseCsv(text, {
      skip_empty_lines: true,
      relax_quotes: true,
      // Report ragged rows ourselves instead of throwing, so the other rows are still read.
      relax_column_count: true,
      on_record: (cells: string[], context) => {
        parsed.push({ cells, end: context.bytes });
        return null;
      },
    });
  } catch (e) {
    broken = (e as Error).message;
  }

  const utf8 = new TextEncoder().encode(text);
  // With a quoting error, the record that broke starts where the last good one ended.
  const lineOf = startLines(utf8, [...parsed.map((p) => p.end), ...(broken === null ? [] : [utf8.length])]);
  const issues: Issue[] = [];
  if (broken !== null) {
    const line = lineOf.at(-1)!;
    issues.push({ code: 'SYNTAX', reason: `invalid CSV in the record from line ${line}: ${broken}; rows from there on are not read`, line });
  }
  const [header, ...body] = parsed.map((p, i) => ({ ...p, line: lineOf[i]! }));
  if (!header) return { rows: [], issues };
  const columns = header.cells.map((c) => c.trim());
  const rows: CatalogRow[] = [];
  let index = 0;
  for (const { cells, line } of body) {
    if (cells.every((c) => c.trim() === '')) continue;
    const slot = index++;
    if (cells.length !== columns.length) {
      issues.push({ code: 'COLUMN_COUNT', reason: `line ${line} has ${cells.length} columns, the header has ${columns.length}; skipped`, line });
      continue;
    }
    rows.push({ index: slot, line, value: Object.fromEntries(columns.map((c, i) => [c, cells[i]])) });
  }
  return { rows, issues };
}

/** 1-based start line of each record, from the UTF-8 offsets where csv-parse says each one ends. */
function startLines(utf8: Uint8Array, ends: number[]): number[] {
  const lines: number[] = [];
  let position = 0;
  let line = 1;
  for (const end of ends) {
    // Blank lines that csv-parse skipped belong before the record.
    while (position < end && (utf8[position] === 0x0a || utf8[position] === 0x0d)) if (utf8[position++] === 0x0a) line++;
    lines.push(line);
    for (; position < end; position++) if (utf8[position] === 0x0a) line++;
  }
  return lines;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
