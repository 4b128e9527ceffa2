import type { CatalogProblem } from './catalog-file.js';

// C0 controls other than tab, line breaks, form feed and the DOS end-of-file mark do not occur in text:
// Shift_JIS accepts almost any byte sequence, so this is what tells junk from a legacy export.
const CONTROL = /[\x00-\x08\x0E-\x19\x1B-\x1F]/;

/**
 * Decodes a catalog file: UTF-8 (BOM stripped), UTF-16 by its BOM, else Shift_JIS (CP932, as Excel writes
 * CSV). Binary or undecodable bytes give a problem instead of text.
 *
 * @example decodeCatalog(new Uint8Array([0x95, 0xe2, 0x8f, 0x95])) // { text: '補助', encoding: 'shift_jis' }
 */
export function decodeCatalog(bytes: Uint8Array): { text: string; encoding: string } | Omit<CatalogProblem, 'document'> {
  let encodings = ['utf-8', 'shift_jis'];
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [encodings, body] = [['utf-8'], bytes.subarray(3)];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encodings, body] = [['utf-16le'], bytes.subarray(2)];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encodings, body] = [['utf-16be'], bytes.subarray(2)];
  for (const encoding of encodings) {
    let text: string;
    try {
      // ignoreBOM keeps the decoder from eating a second BOM: the one we saw is already cut off.
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      continue;
    }
    if (CONTROL.test(text)) return { code: 'BINARY', reason: 'binary file (control bytes such as NUL), not a catalog' };
    if (text.trim() === '') return { code: 'EMPTY', reason: 'empty file' };
    return { text, encoding };
  }
  return { code: 'BINARY', reason: `undecodable: not ${encodings[0] === 'utf-8' && encodings.length > 1 ? 'UTF-8 or Shift_JIS' : encodings[0]!.toUpperCase()} text` };
}
