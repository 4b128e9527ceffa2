import type { CatalogProblem } from './catalog-file.js';

/** A field of a catalog record: one dot path, or several whose values are joined with a space. */
export type FieldPaths = string[];

/** Where each part of a program is in a catalog record (CONTRACT.md, "Catalog files"), paths normalised to lists. */
export interface FieldMap {
  records: string | null;
  id: FieldPaths;
  title: FieldPaths;
  authority: FieldPaths;
  region: FieldPaths;
  url: FieldPaths;
  contact: FieldPaths;
  keywords: FieldPaths;
  sections: { name: string; paths: FieldPaths }[];
}

type Issue = Omit<CatalogProblem, 'document'>;

const LIST_FIELDS = ['id', 'title', 'authority', 'region', 'url', 'contact', 'keywords'] as const;
const KNOWN_KEYS = new Set<string>(['records', 'sections', ...LIST_FIELDS]);
const SEGMENT = String.raw`[^.\[\]\s]+(?:\[\])?`;
const PATH = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})*$`);

/** The ミラサポplus `supports.json` layout, which comes without a `.fields.json`. */
export const MIRASAPO_FIELD_MAP: FieldMap = {
  records: 'items',
  id: ['id'],
  title: ['title'],
  authority: ['competent_authorities[].name'],
  region: ['prefectures[].name'],
  url: ['application_url'],
  contact: ['inquiry'],
  // The catalog's own classification (資金繰り, 海外展開, 製造業 …) says what a program is for, as keywords do.
  keywords: ['keywords', 'purpose_categories[].name', 'stage_categories[].name', 'industry_categories[].name', 'life_stage_categories[].name'],
  sections: Object.entries({
    概要: 'summary',
    対象者: 'target',
    内容: 'body',
    対象経費: 'application_target',
    利用方法: 'usage',
    受付: 'reception_remarks',
    支援機関: 'support_organization',
    根拠法: 'governing_law',
    参考: 'refernece', // sic: the published field name
    対象地域: 'area',
  }).map(([name, path]) => ({ name, paths: [path] })),
};

/**
 * True for the ミラサポplus layout: `{ items: [...] }` whose records carry `title` and `competent_authorities`.
 *
 * @example isMirasapo({ total: 1, items: [{ id: '26', title: '…', competent_authorities: [] }] }) // true
 */
export function isMirasapo(data: unknown): boolean {
  if (!isObject(data) || !Array.isArray(data.items)) return false;
  const first: unknown = data.items[0];
  return isObject(first) && 'title' in first && 'competent_authorities' in first;
}

/**
 * Reads the text of a `NAME.fields.json`. A map without a usable `id` or `title` is null; smaller faults
 * (an unknown key, a malformed optional path) are reported and that entry is left out.
 *
 * @example parseFieldMap('{"id": "projectId", "title": "projectName", "authority": ["ministry", "bureau"]}')
 *   // { map: { records: null, id: ['projectId'], title: ['projectName'], authority: ['ministry', 'bureau'], region: [], … }, issues: [] }
 */
export function parseFieldMap(text: string): { map: FieldMap | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const fail = (reason: string) => {
    issues.push({ code: 'FIELD_MAP_INVALID', reason });
    return { map: null, issues };
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`field map is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(raw)) return fail('field map must be a JSON object such as {"id": "id", "title": "title"}');

  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) issues.push({ code: 'FIELD_MAP_INVALID', reason: `field map: unknown key "${key}" ignored (known: ${[...KNOWN_KEYS].join(', ')})` });
  }
  const paths = (key: string, value: unknown): FieldPaths => {
    if (value === undefined) return [];
    const list = typeof value === 'string' ? [value] : value;
    if (Array.isArray(list) && list.length > 0 && list.every((p) => typeof p === 'string' && PATH.test(p))) return list as string[];
    issues.push({ code: 'FIELD_MAP_INVALID', reason: `field map: "${key}" must be a dot path or a list of them (e.g. "prefectures[].name"), got ${JSON.stringify(value)}; ignored` });
    return [];
  };

  const map: FieldMap = { ...MIRASAPO_FIELD_MAP, records: null, sections: [] };
  for (const field of LIST_FIELDS) map[field] = paths(field, raw[field]);
  if (raw.records !== undefined) {
    if (typeof raw.records === 'string' && PATH.test(raw.records) && !raw.records.includes('[]')) map.records = raw.records;
    else issues.push({ code: 'FIELD_MAP_INVALID', reason: `field map: "records" must be a dot path to the array of records, got ${JSON.stringify(raw.records)}; ignored` });
  }
  if (isObject(raw.sections)) {
    for (const [name, value] of Object.entries(raw.sections)) {
      const sectionPaths = paths(`sections.${name}`, value);
      if (sectionPaths.length > 0) map.sections.push({ name, paths: sectionPaths });
    }
  } else if (raw.sections !== undefined) {
    issues.push({ code: 'FIELD_MAP_INVALID', reason: 'field map: "sections" must be an object of section name → path; ignored' });
  }

  const missing = (['id', 'title'] as const).filter((f) => map[f].length === 0);
  if (missing.length > 0) return fail(`field map: ${missing.map((f) => `"${f}"`).join(' and ')} required (a dot path into each record)`);
  return { map, issues };
}

/** Every path of a map, once each, for telling which ones match nothing. */
export function allPaths(map: FieldMap): string[] {
  return [...new Set([...LIST_FIELDS.flatMap((f) => map[f]), ...map.sections.flatMap((s) => s.paths)])];
}

/**
 * The values a path reaches, flattened; `a[].b` collects `b` over the array `a`, and an array at the end
 * gives its elements. `undefined` when the path reaches nothing, so a misspelt path can be told apart
 * from an empty field.
 *
 * @example valuesAt({ prefectures: [{ name: '静岡県' }] }, 'prefectures[].name') // ['静岡県']
 */
export function valuesAt(record: unknown, path: string): unknown[] | undefined {
  let current: unknown[] = [record];
  for (const segment of path.split('.')) {
    const spread = segment.endsWith('[]');
    const key = spread ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    let reached = false;
    for (const value of current) {
      if (!isObject(value) || !Object.hasOwn(value, key)) continue;
      reached = true;
      const child = value[key];
      if (!spread) next.push(child);
      else if (Array.isArray(child)) next.push(...child);
    }
    if (!reached) return undefined;
    // An empty array on the way (no prefectures) is a field that is there and empty, not a misspelt path.
    if (next.length === 0) return [];
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** Strings and numbers as text (ids are often numbers); null, objects and blanks are left out. */
export function texts(values: unknown[]): string[] {
  return values.flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : [])).filter((s) => s.trim() !== '');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
