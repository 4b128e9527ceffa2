import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { VIEWS, type View } from '../vectors/lexical-index.js';
import { packParts, unpackParts, viewOf } from '../vectors/pack.js';
import type { Segment } from '../vectors/postings.js';
import type { AnalysedSegment } from './analyse-segment.js';
import type { ReadingUses } from './readings.js';
import { writeAtomically } from './tables.js';

/** An analysed segment as kept: what it met as readings (`readingUses`) rather than as dictionary entries. */
export type StoredSegment = Omit<AnalysedSegment, 'seen'> & { readings: ReadingUses };

/** Analysed segments by key, kept between ingests: what makes changing one file of many cheap to ingest. */
export interface SegmentCache {
  get(key: string): Promise<StoredSegment | null>;
  put(key: string, segment: StoredSegment): Promise<void>;
  /** Forgets every segment but these (those of the build now in service). */
  keep(keys: ReadonlySet<string>): Promise<void>;
}

const FORMAT = 'madoguchi-segment/2';
const DIGEST = 32;
/** After a CRC-32 in the digest's first 4 bytes, what says that it is one: earlier files hold a sha256 there. */
const CRC_MARK = new TextEncoder().encode('madoguchi-segment crc32 mark');

/**
 * A folder of segment files, `<key>.bin`: a check of the rest (a CRC-32, or a sha256 in files written
 * before), then the segment packed (`pack.ts`). Written atomically; a file that does not match its check
 * is ignored (and analysed again). A CRC-32 catches a torn or damaged file as well, at a third of the cost.
 */
export function folderSegmentCache(dir: string): SegmentCache {
  const path = (key: string) => join(dir, `${key}.bin`);
  return {
    async get(key) {
      const data = await readFile(path(key)).catch(() => null);
      if (!data || data.length < DIGEST) return null;
      const body = data.subarray(DIGEST);
      if (!checks(data.subarray(0, DIGEST), body)) return null;
      try {
        return unpackSegment(new Uint8Array(body));
      } catch {
        return null;
      }
    },
    async put(key, segment) {
      // A cache: a segment that cannot be kept (a full disk) is analysed again next time, nothing worse.
      let body: Uint8Array;
      try {
        body = packSegment(segment);
      } catch {
        return;
      }
      await writeAtomically(path(key), [check(body), body]);
    },
    async keep(keys) {
      const entries = await readdir(dir).catch(() => [] as string[]);
      for (const e of entries) if (e.endsWith('.bin') && !keys.has(e.slice(0, -4))) await rm(join(dir, e), { force: true });
    },
  };
}

function check(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(DIGEST);
  new DataView(out.buffer).setUint32(0, crc32(body), true);
  out.set(CRC_MARK, 4);
  return out;
}

function checks(digest: Uint8Array, body: Uint8Array): boolean {
  if (Buffer.from(digest.subarray(4)).equals(CRC_MARK)) return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0, true) === crc32(body);
  return createHash('sha256').update(body).digest().equals(digest);
}

function packSegment(s: StoredSegment): Uint8Array {
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const parts: Record<string, Uint8Array> = { 'window-chunk': bytes(s.windowChunk) };
  for (const v of VIEWS) {
    const p = s.views[v];
    for (const [name, a] of Object.entries({ keys: p.keys, starts: p.starts, lengths: p.lengths, lasts: p.lasts, bytes: p.bytes, ...(p.hashes ? { hashes: p.hashes } : {}) })) parts[`${v}.${name}`] = bytes(a);
  }
  const text = new TextEncoder();
  parts.words = text.encode(s.words.join('\n'));
  parts.phrases = text.encode(s.phrases.join('\n'));
  parts.readings = text.encode(s.readings.map((r) => r.join('\t')).join('\n'));
  return packParts(FORMAT, parts, { characters: s.characters });
}

function unpackSegment(bytes: Uint8Array): StoredSegment {
  const { meta, parts } = unpackParts(FORMAT, bytes, 'a cached segment');
  const lines = (name: string) => {
    const t = new TextDecoder().decode(parts[name]!);
    return t ? t.split('\n') : [];
  };
  const views = Object.fromEntries(
    VIEWS.map((v) => {
      const part = (name: string) => parts[`${v}.${name}`]!;
      const segment: Segment = { keys: viewOf(part('keys'), Float64Array), starts: viewOf(part('starts'), Uint32Array), lengths: viewOf(part('lengths'), Uint32Array), lasts: viewOf(part('lasts'), Uint32Array), bytes: part('bytes') };
      if (parts[`${v}.hashes`]) segment.hashes = viewOf(part('hashes'), Uint32Array);
      return [v, segment];
    }),
  ) as Record<View, Segment>;
  const readings = lines('readings').map((l): ReadingUses[number] => {
    const [reading, word, count] = l.split('\t');
    return [reading!, word!, Number(count)];
  });
  return { views, windowChunk: viewOf(parts['window-chunk']!, Uint32Array), words: lines('words'), phrases: lines('phrases'), readings, characters: Number(meta.characters) };
}
