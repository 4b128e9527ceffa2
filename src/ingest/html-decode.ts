export type HtmlProblemCode = 'EMPTY' | 'BINARY' | 'TOO_LARGE' | 'NO_TEXT' | 'UNREADABLE';

export interface HtmlProblem {
  code: HtmlProblemCode;
  reason: string;
}

/** Pages past this are refused before decoding: a ministry page is well under 1 MB. */
export const MAX_HTML_BYTES = 20 * 1024 * 1024;

// Where a page declares its charset: <meta charset>, <meta http-equiv … content="…; charset=…">, or an
// XHTML page's XML declaration. The HTML standard looks no further than the first 1024 bytes; old CMS
// pages put long comments first, hence 4 KB.
const META = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_DECLARATION = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i;
// C0 controls other than tab, line breaks and form feed do not occur in a page's text.
const CONTROL = /[\x01-\x08\x0B\x0E-\x1F]/;
// Labels Windows software writes that the Encoding Standard does not know.
const ALIASES: Record<string, string> = { cp932: 'shift_jis', 'x-ms-cp932': 'shift_jis', 'shift-jisx0213': 'shift_jis' };

/**
 * Decodes a page: by its BOM, else by the charset it declares in its first 4 KB, else UTF-8, falling back
 * to Shift_JIS when the bytes are not valid UTF-8. Empty, binary and oversized files give a problem instead.
 *
 * @example decodeHtml(new TextEncoder().encode('<p>補助金</p>')) // { text: '<p>補助金</p>', encoding: 'utf-8' }
 */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } | HtmlProblem {
  if (bytes.length === 0) return { code: 'EMPTY', reason: 'empty file' };
  if (bytes.length > MAX_HTML_BYTES) {
    return { code: 'TOO_LARGE', reason: `too large: ${(bytes.length / 1048576).toFixed(1)} MB, the limit is ${MAX_HTML_BYTES / 1048576} MB` };
  }
  const bom = byBom(bytes);
  if (bom) {
    const text = new TextDecoder(bom).decode(bytes);
    return text.includes('\0') ? binary() : { text, encoding: bom };
  }
  if (bytes.includes(0)) return binary();
  const declared = declaredEncoding(bytes);
  const tried = [...new Set([declared, 'utf-8', 'shift_jis'].filter((e): e is string => e !== null))];
  for (const encoding of tried) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // not this encoding: a page that declares one charset and is saved in another is common
    }
  }
  // Broken bytes in a page that is otherwise text become U+FFFD; junk without NUL bytes is still junk.
  const text = new TextDecoder(tried[0]).decode(bytes);
  return CONTROL.test(text) ? binary() : { text, encoding: tried[0]! };
}

function binary(): HtmlProblem {
  return { code: 'BINARY', reason: 'binary file (control bytes such as NUL), not an HTML page' };
}

function byBom(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** The encoding the page declares, as the Encoding Standard names it; null when none or unknown. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const label = (XML_DECLARATION.exec(head) ?? META.exec(head))?.[1]?.toLowerCase();
  if (!label) return null;
  try {
    const encoding = new TextDecoder(ALIASES[label] ?? label).encoding;
    // A page cannot declare UTF-16 in ASCII bytes: the standard reads such a declaration as UTF-8.
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return null;
  }
}
