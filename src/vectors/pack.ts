import { appError } from '../errors.js';

/**
 * Named byte arrays in one file: a u32 header length, a JSON header naming the format and each part's
 * offset, then the parts, each on an 8-byte boundary so that typed arrays can view them without a copy.
 * The query dictionary and the Worker's index bundle are such files.
 */
export function packParts(format: string, parts: Record<string, Uint8Array>, meta: Record<string, unknown> = {}): Uint8Array {
  const offsets: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, bytes] of Object.entries(parts)) {
    offsets[name] = [at, bytes.byteLength];
    at = align(at + bytes.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ ...meta, format, parts: offsets }));
  const start = align(4 + header.length);
  const out = new Uint8Array(start + at);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  for (const [name, bytes] of Object.entries(parts)) out.set(bytes, start + offsets[name]![0]);
  return out;
}

export interface Unpacked {
  meta: Record<string, unknown>;
  parts: Record<string, Uint8Array>;
}

/** The parts as views over `bytes` (copied once when `bytes` is not 8-byte aligned). Throws INDEX_CORRUPT. */
export function unpackParts(format: string, bytes: Uint8Array, what: string): Unpacked {
  const corrupt = (why: string) => appError('INDEX_CORRUPT', `${what} is unreadable (${why}): run \`npm run ingest\``);
  const data = bytes.byteOffset % ALIGN === 0 ? bytes : bytes.slice();
  if (data.byteLength < 4) throw corrupt('too short');
  const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  let header: { format?: unknown; parts?: Record<string, [number, number]> } & Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + length)));
  } catch {
    throw corrupt('bad header');
  }
  if (header.format !== format) throw corrupt(`format ${String(header.format)}, expected ${format}`);
  const start = align(4 + length);
  const parts: Record<string, Uint8Array> = {};
  for (const [name, [offset, size]] of Object.entries(header.parts ?? {})) {
    if (!(offset >= 0 && size >= 0 && offset % ALIGN === 0 && start + offset + size <= data.byteLength)) throw corrupt(`part ${name} out of bounds`);
    parts[name] = data.subarray(start + offset, start + offset + size);
  }
  const { format: _f, parts: _p, ...meta } = header;
  return { meta, parts };
}

/** A typed view over a part (whose offset is 8-byte aligned). */
export function viewOf<T>(part: Uint8Array, Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }): T {
  return new Type(part.buffer, part.byteOffset, part.byteLength / Type.BYTES_PER_ELEMENT);
}

const ALIGN = 8;

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
