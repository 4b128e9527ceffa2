import { createHash } from 'node:crypto';
import { compact } from '../text/normalize.js';

/**
 * A stable id from the document name and the program title: the same program in the same document
 * keeps its id across ingests, whatever else the document gains or loses.
 *
 * @example programId('000_8b4ae6fbbcfaceef.txt', '現地進出支援強化事業') // 'p-…' (12 hex digits)
 */
export function programId(document: string, title: string): string {
  return 'p-' + createHash('sha256').update(`${document}\n${compact(title)}`).digest('hex').slice(0, 12);
}
