import { csvRows, jsonlRows, jsonRows, parseJsonCatalog, type CatalogRow, type Rows } from './catalog-rows.js';
import { decodeCatalog } from './catalog-text.js';
import { allPaths, isMirasapo, MIRASAPO_FIELD_MAP, parseFieldMap, texts, valuesAt, type FieldMap, type FieldPaths } from './field-map.js';

export interface CatalogRecord {
  /** 0-based position of the record in the file. */
  index: number;
  /** 1-based line where the record starts (JSONL, CSV); null for JSON. */
  line: number | null;
  id: string;
  title: string;
  authority: string | null;
  /** Prefectures; [] = nationwide. */
  region: string[];
  url: string | null;
  /** Free text of the inquiry/contact field. */
  contact: string | null;
  keywords: string[];
  /** In field-map order, empty texts dropped. */
  sections: { name: string; text: string }[];
}

export type CatalogProblemCode =
  | 'UNSUPPORTED'
  | 'BINARY'
  | 'EMPTY'
  | 'FIELD_MAP_MISSING'
  | 'FIELD_MAP_INVALID'
  | 'SYNTAX'
  | 'NO_RECORDS'
  | 'NOT_A_RECORD'
  | 'COLUMN_COUNT'
  | 'PATH_UNMATCHED'
  | 'MISSING_FIELD'
  | 'DUPLICATE_ID';

export interface CatalogProblem {
  code: CatalogProblemCode;
  document: string;
  reason: string;
  line?: number;
  /** The record's id, or `[index]` where it has none. */
  record?: string;
}

export interface CatalogRead {
  records: CatalogRecord[];
  problems: CatalogProblem[];
}

const FORMAT = /\.(json|jsonl|csv)$/i;

/**
 * Reads a catalog file (`.json`, `.jsonl`, `.csv`) into records through its field map, the text of the
 * `NAME.fields.json` beside it (null when there is none: only the ミラサポplus layout is read without one).
 * Every fault is a problem naming the file and, where it can, the line or record; good records are kept.
 *
 * @example readCatalog('rs/rs2025.jsonl', bytes, '{"id": "projectId", "title": "projectName", "authority": ["ministry", "bureau"]}')
 *   // { records: [{ index: 0, line: 1, id: '1', title: '内閣人事局経費(研修事業)', authority: '内閣官房 内閣人事局', … }, …], problems: [] }
 */
export function readCatalog(path: string, bytes: Uint8Array, fieldMap: string | null): CatalogRead {
  const problems: CatalogProblem[] = [];
  const report = (issues: Omit<CatalogProblem, 'document'>[]) => problems.push(...issues.map((i) => ({ document: path, ...i })));
  const done = (records: CatalogRecord[] = []) => ({ records, problems });
  const fail = (issue: Omit<CatalogProblem, 'document'>) => {
    report([issue]);
    return done();
  };

  const format = FORMAT.exec(path)?.[1]?.toLowerCase();
  if (!format) return fail({ code: 'UNSUPPORTED', reason: 'not a catalog: only .json, .jsonl and .csv are read' });
  const decoded = decodeCatalog(bytes);
  if ('code' in decoded) return fail(decoded);

  let map: FieldMap | null = null;
  if (fieldMap !== null) {
    const parsed = parseFieldMap(fieldMap);
    report(parsed.issues);
    if (!parsed.map) return done();
    map = parsed.map;
  }
  const missingMap = () =>
    fail({ code: 'FIELD_MAP_MISSING', reason: `no field map: put ${path.replace(FORMAT, '.fields.json')} beside it (see CONTRACT.md, "Catalog files")` });

  let rows: Rows;
  if (format === 'json') {
    const parsed = parseJsonCatalog(decoded.text);
    if ('code' in parsed) return fail(parsed);
    if (!map && isMirasapo(parsed.data)) map = MIRASAPO_FIELD_MAP;
    if (!map) return missingMap();
    rows = jsonRows(parsed.data, map.records);
  } else {
    if (!map) return missingMap();
    if (map.records) report([{ code: 'FIELD_MAP_INVALID', reason: `field map: "records" applies to .json files only; ignored for .${format}` }]);
    rows = format === 'jsonl' ? jsonlRows(decoded.text) : csvRows(decoded.text);
  }
  report(rows.issues);
  return done(toRecords(rows.rows, map, report));
}

function toRecords(rows: CatalogRow[], map: FieldMap, report: (issues: Omit<CatalogProblem, 'document'>[]) => void): CatalogRecord[] {
  if (rows.length === 0) return [];
  const unmatched = allPaths(map).filter((p) => rows.every((row) => valuesAt(row.value, p) === undefined));
  report(unmatched.map((p) => ({ code: 'PATH_UNMATCHED', reason: `field map path "${p}" matches nothing in any record` })));
  // A misspelt id or title path would otherwise be reported once per record.
  if ([map.id, map.title].some((paths) => paths.every((p) => unmatched.includes(p)))) return [];

  const records: CatalogRecord[] = [];
  const seen = new Map<string, CatalogRow>();
  for (const row of rows) {
    const record = toRecord(row, map);
    const at = row.line === null ? `record ${row.index}` : `line ${row.line}`;
    const name = { ...(row.line === null ? {} : { line: row.line }), record: record.id || `[${row.index}]` };
    const missing = (['id', 'title'] as const).filter((f) => record[f] === '');
    if (missing.length > 0) {
      report([{ code: 'MISSING_FIELD', reason: `${at} has no ${missing.join(' and ')} (field map: ${missing.map((f) => map[f].join(' + ')).join(', ')}); skipped`, ...name }]);
      continue;
    }
    const first = seen.get(record.id);
    if (first) {
      const firstAt = first.line === null ? `record ${first.index}` : `line ${first.line}`;
      report([{ code: 'DUPLICATE_ID', reason: `${at}: duplicate id "${record.id}" (first at ${firstAt}); skipped`, ...name }]);
      continue;
    }
    seen.set(record.id, row);
    records.push(record);
  }
  return records;
}

function toRecord(row: CatalogRow, map: FieldMap): CatalogRecord {
  const list = (paths: FieldPaths) => paths.flatMap((p) => texts(valuesAt(row.value, p) ?? []));
  const words = (paths: FieldPaths) => [...new Set(list(paths).map((s) => s.trim()).filter(Boolean))];
  const joined = (paths: FieldPaths) => words(paths).join(' ');
  const text = (paths: FieldPaths) => list(paths).join(' ');
  return {
    index: row.index,
    line: row.line,
    id: joined(map.id),
    title: joined(map.title),
    authority: joined(map.authority) || null,
    region: words(map.region),
    url: joined(map.url) || null,
    contact: text(map.contact) || null,
    keywords: words(map.keywords),
    sections: map.sections.map((s) => ({ name: s.name, text: text(s.paths) })).filter((s) => s.text !== ''),
  };
}
