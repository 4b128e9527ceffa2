import type { CatalogJson } from './artifact.js';

/**
 * catalog.json.gz → the catalog, as `JSON.parse` of the whole text gives it, without the whole text ever
 * being there: gunzipped and decoded as a stream, each element of the object's arrays (a program) parsed
 * as soon as it is complete. Read whole, RS FY2025's catalog was a 14 MB array buffer and a 12 MB string
 * at once beside the objects made from them, both dead as soon as parsed but kept until V8's next full
 * collection; the pieces read here die young.
 */
export async function readCatalog(gz: Uint8Array): Promise<CatalogJson> {
  const gunzipped = new Blob([gz as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const splitter = objectOfArrays();
  const byob = byobReader(gunzipped);
  if (byob) {
    // workerd's streams fill one buffer of ours again and again: otherwise each piece it gives is an array
    // buffer of its own, 20 MB of them for RS FY2025, which V8 may leave dead until its next full collection.
    const utf8 = new TextDecoder();
    let buffer = new ArrayBuffer(PIECE);
    for (let r = await byob.read(new Uint8Array(buffer)); !r.done; r = await byob.read(new Uint8Array(buffer))) {
      splitter.push(utf8.decode(r.value, { stream: true }));
      buffer = r.value.buffer;
    }
    splitter.push(utf8.decode());
  } else {
    const reader = gunzipped.pipeThrough(new TextDecoderStream()).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) splitter.push(r.value);
  }
  return splitter.end() as unknown as CatalogJson;
}

const PIECE = 1 << 16;

/** A reader into buffers of ours where the stream offers one (workerd; Node's transform streams do not). */
function byobReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: 'byob' });
  } catch {
    return null;
  }
}

export interface JsonSplitter {
  /** The next piece of the text. */
  push(piece: string): void;
  /** The object, once the text is complete. Throws a SyntaxError when it is not. */
  end(): Record<string, unknown>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * A JSON object read a piece of text at a time: an array value's elements are parsed one by one, any
 * other value whole. What it returns equals `JSON.parse` of the text.
 *
 * @example const s = objectOfArrays(); s.push('{"a":[1,{"b'); s.push('":2}]}'); s.end() // { a: [1, { b: 2 }] }
 */
export function objectOfArrays(): JsonSplitter {
  const out: Record<string, unknown> = {};
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** At depth 1, what comes next. */
  let expect: 'key' | 'colon' | 'value' | 'comma' = 'key';
  let key = '';
  /** The array value being filled, while its elements are read (depth 2). */
  let array: unknown[] | null = null;
  /** The text being captured: a key, an array element, or a value other than an array. */
  let capture: 'key' | 'element' | 'value' | null = null;
  let pending = '';
  let start = 0;
  let piece = '';
  const begin = (kind: typeof capture, at: number) => {
    capture = kind;
    start = at;
  };
  const finish = (end: number): unknown => {
    const json = pending + piece.slice(start, end);
    pending = '';
    capture = null;
    return JSON.parse(json);
  };
  const set = (value: unknown) => Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  const unexpected = (c: number) => new SyntaxError(`unexpected ${String.fromCharCode(c)} in the JSON text`);

  return {
    push(next) {
      piece = next;
      start = 0;
      for (let i = 0; i < piece.length; i++) {
        if (inString) {
          // Most of the text is inside strings: skipped to the next quote not escaped.
          // A character the previous piece's last backslash escapes is skipped.
          const from = escaped ? i + 1 : i;
          const end = closingQuote(piece, from);
          escaped = false;
          if (end < 0) {
            escaped = endsEscaping(piece, from);
            break;
          }
          i = end;
          inString = false;
          if (capture === 'key') {
            key = finish(i + 1) as string;
            expect = 'colon';
          }
          continue;
        }
        const c = piece.charCodeAt(i);
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
        if (depth === 0) {
          if (c !== OPEN_BRACE) throw unexpected(c);
          depth = 1;
          expect = 'key';
          continue;
        }
        if (array && depth === 2) {
          // Between the elements of an array value, or at the end of one.
          if (c === COMMA || c === CLOSE_BRACKET) {
            if (capture === 'element') array.push(finish(i));
            if (c === CLOSE_BRACKET) {
              array = null;
              depth = 1;
              expect = 'comma';
            }
            continue;
          }
          if (!capture) begin('element', i);
        } else if (depth === 1 && !capture) {
          if (expect === 'key' && c === QUOTE) begin('key', i);
          else if (expect === 'key' && c === CLOSE_BRACE) {
            depth = 0;
            continue;
          } else if (expect === 'colon' && c === COLON) {
            expect = 'value';
            continue;
          } else if (expect === 'value' && c === OPEN_BRACKET) {
            set((array = []));
            depth = 2;
            continue;
          } else if (expect === 'value') begin('value', i);
          else if (expect === 'comma' && c === COMMA) {
            expect = 'key';
            continue;
          } else if (expect === 'comma' && c === CLOSE_BRACE) {
            depth = 0;
            continue;
          } else throw unexpected(c);
        } else if (depth === 1 && capture === 'value' && (c === COMMA || c === CLOSE_BRACE)) {
          set(finish(i));
          if (c === CLOSE_BRACE) depth = 0;
          else expect = 'key';
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      }
      if (capture) pending += piece.slice(start);
      piece = '';
    },
    end() {
      if (depth !== 0 || inString || capture) throw new SyntaxError('the JSON text ends early');
      return out;
    },
  };
}

/**
 * Where the string being read ends: the first quote from `from` that no backslash escapes, or −1 when the
 * piece ends first.
 */
function closingQuote(piece: string, from: number): number {
  let at = from;
  for (let q = piece.indexOf('"', at); q >= 0; q = piece.indexOf('"', at)) {
    let backslashes = 0;
    while (q - backslashes - 1 >= at && piece.charCodeAt(q - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
    at = q + 1;
  }
  return -1;
}

/** Whether the piece, read inside a string from `from`, ends with a backslash that escapes the next piece's first character. */
function endsEscaping(piece: string, from: number): boolean {
  let backslashes = 0;
  while (piece.length - backslashes - 1 >= from && piece.charCodeAt(piece.length - backslashes - 1) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}
