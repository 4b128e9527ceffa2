import { createHash } from 'node:crypto';
import type { Program } from '../catalog.js';
import { chunkPrograms } from '../text/chunk.js';
import type { ChunkText } from './analyse-segment.js';

/** A run of consecutive programs' chunks, analysed together, and the key of what it analyses. */
export interface SegmentPlan {
  key: string;
  chunks: ChunkText[];
}

export const SEGMENT_DEFAULTS = {
  /** A segment ends after a program whose identity hashes to 0 modulo this: ~this many programs each. */
  programs: 128,
  /** …or once it holds this many chunks: what one thread holds at a time. */
  maxChunks: 4000,
};

/**
 * The corpus's chunks cut into segments where the programs themselves say (a hash of each program's
 * document and id), so that a segment's bounds do not move when a program elsewhere changes: an unchanged
 * segment keeps its key, and its analysis is reused. `salt` names everything else the analysis depends on
 * (the dictionary, the synonym phrases looked for, the analyser's version).
 */
export function planSegments(programs: readonly Program[], salt: string, options = SEGMENT_DEFAULTS): SegmentPlan[] {
  const plans: SegmentPlan[] = [];
  let chunks: ChunkText[] = [];
  let hash = createHash('sha256').update(salt);
  const close = () => {
    if (chunks.length) plans.push({ key: hash.digest('hex'), chunks });
    chunks = [];
    hash = createHash('sha256').update(salt);
  };
  for (const program of programs) {
    for (const c of chunkPrograms([program])) {
      const text: ChunkText = { title: c.programTitle, section: c.section === c.programTitle ? null : c.section, text: c.text };
      chunks.push(text);
      hash.update(`${text.title}\u0001${text.section ?? ''}\u0001${text.text}\u0002`);
    }
    const boundary = createHash('sha1').update(`${program.source.document}\u0000${program.id}`).digest().readUInt32LE(0) % options.programs === 0;
    if (boundary || chunks.length >= options.maxChunks) close();
  }
  close();
  return plans;
}
