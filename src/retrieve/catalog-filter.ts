import { servesRegion, type Program } from '../catalog.js';
import { compact } from '../text/normalize.js';
import type { SearchEngine } from './engine.js';

/** Filters on the catalog, the same for GET /api/programs and any tool that lists programs. */
export interface CatalogFilter {
  /** Free text: programs ranked by retrieval, best first. */
  q?: string;
  /** true: only programs requested as 新規; false: only continuing ones. */
  isNew?: boolean;
  /** Requested amount bounds in 億円, inclusive. */
  budgetMin?: number;
  budgetMax?: number;
  /** Part of a contact office's name (課, 局, 庁 …). */
  office?: string;
  /** Part of the 所管's name (中小企業庁, 静岡県 …). */
  authority?: string;
  /** A prefecture: the programs serving it, its own and nationwide ones. */
  region?: string;
}

/**
 * @example await filterCatalog(engine, { isNew: true }) // the programs requested as 新規
 */
export async function filterCatalog(engine: SearchEngine, filter: CatalogFilter): Promise<Program[]> {
  let programs = engine.programs;
  if (filter.q) {
    const hits = await engine.retriever.searchPrograms(filter.q, engine.programs.length);
    const byId = new Map(programs.map((p) => [p.id, p]));
    programs = hits.map((h) => byId.get(h.chunk.programId)!).filter(Boolean);
  }
  const office = filter.office ? compact(filter.office) : null;
  const authority = filter.authority ? compact(filter.authority) : null;
  const { region } = filter;
  return programs.filter(
    (p) =>
      (filter.isNew === undefined || (p.budget !== null && p.budget.isNew === filter.isNew)) &&
      (filter.budgetMin === undefined || (p.budget !== null && p.budget.requested >= filter.budgetMin)) &&
      (filter.budgetMax === undefined || (p.budget !== null && p.budget.requested <= filter.budgetMax)) &&
      (office === null || p.contacts.some((c) => compact(c.office).includes(office))) &&
      (authority === null || (p.authority !== null && compact(p.authority).includes(authority))) &&
      (region === undefined || servesRegion(p, region)),
  );
}
