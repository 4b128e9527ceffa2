import { foldDashes, PHONE } from '../text/normalize.js';
import type { Contact } from '../catalog.js';

const SCOPE = /^\((\d+)\)(?:\s*[～~〜]\s*\((\d+)\))?\s*/;
const LABEL = /^(?:担当|お?問い?合わ?せ先?|連絡先)\s*[:：]?\s*/;

/** Finds a phone number in a line (after NFKC and hyphen folding); null when there is none. */
export function phoneIn(line: string): string | null {
  return foldDashes(line).match(PHONE)?.[0] ?? null;
}

/**
 * Reads a contact block: office lines, each group closed by a phone line, an optional scope prefix
 * naming the sub-items it covers. Returns null when the lines are not a contact block.
 *
 * @example parseContacts(['(5) 通商政策局 アジア大洋州課', '03-3501-1953'])
 *   // [{ office: '通商政策局 アジア大洋州課', phone: '03-3501-1953', scope: '(5)' }]
 */
export function parseContacts(lines: string[]): Contact[] | null {
  const contacts: Contact[] = [];
  let office: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\*+/g, '').trim();
    if (!line) continue;
    const phone = phoneIn(line);
    if (!phone) {
      office.push(line);
      continue;
    }
    const rest = foldDashes(line).replace(PHONE, '').replace(/[:：()（）\s]+$/, '').trim();
    if (rest) office.push(rest);
    if (office.length === 0) return null;
    contacts.push({ ...splitScope(office.join(' ')), phone });
    office = [];
  }
  return contacts.length > 0 && office.length === 0 ? contacts : null;
}

function splitScope(text: string): { office: string; scope: string | null } {
  const normalized = text.normalize('NFKC').replace(/\s+/g, ' ').trim().replace(LABEL, '');
  const m = SCOPE.exec(normalized);
  if (!m) return { office: normalized, scope: null };
  const scope = m[2] ? `(${m[1]})～(${m[2]})` : `(${m[1]})`;
  return { office: normalized.slice(m[0].length).trim(), scope };
}
