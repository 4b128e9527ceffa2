import type { Program } from '../catalog.js';

type Required = 'id' | 'kind' | 'title' | 'sections' | 'source';

const empty = (): Omit<Program, Required> => ({
  authority: null,
  region: [],
  url: null,
  budget: null,
  contacts: [],
  facts: [],
  keywords: [],
  period: null,
  targets: [],
});

/**
 * The one program model, filled by every reader with what its source states; the rest takes the
 * model's empty values (nationwide, no budget, no contacts), so nothing downstream knows which reader ran.
 *
 * @example createProgram({ id, kind: 'program', title: 'IT導入補助金', sections, source: { document: 'supports.json', record: '214' } })
 */
export function createProgram(given: Pick<Program, Required> & Partial<Program>): Program {
  const { id, kind, title, ...stated } = given;
  return { id, kind, title, ...empty(), ...stated };
}

/** 所管 from the first office that names its ministry or agency (中小企業庁 経営支援部 … → 中小企業庁). */
export function authorityOf(offices: string[]): string | null {
  for (const office of offices) {
    const m = /^[^\s]*?(?:省|庁|府|委員会)(?=\s|$)/u.exec(office.trim());
    if (m) return m[0];
  }
  return null;
}
