import { createHash } from 'node:crypto';
import type { ProgramEntry } from './program-files.js';

/** A run of consecutive programs (`from` to `to`, exclusive, in corpus order), analysed together, and the key of what it analyses. */
export interface SegmentPlan {
  key: string;
  from: number;
  to: number;
  chunks: number;
}

export const SEGMENT_DEFAULTS = {
  /** A segment ends after a program whose identity hashes to 0 modulo this: ~this many programs each. */
  programs: 128,
  /** …or once it holds this many chunks: what one thread holds at a time. */
  maxChunks: 4000,
};

/**
 * The corpus's programs cut into segments where the programs themselves say (a hash of each program's
 * document and id), so that a segment's bounds do not move when a program elsewhere changes: an unchanged
 * segment keeps its key (made of its programs' chunk digests), and its analysis is reused. `salt` names
 * everything else the analysis depends on (the dictionary, the synonym phrases looked for, the analyser's version).
 */
export function planSegments(programs: readonly Pick<ProgramEntry, 'id' | 'document' | 'chunks' | 'digest'>[], salt: string, options = SEGMENT_DEFAULTS): SegmentPlan[] {
  const plans: SegmentPlan[] = [];
  let from = 0;
  let chunks = 0;
  let hash = createHash('sha256').update(salt);
  const close = (to: number) => {
    if (chunks) plans.push({ key: hash.digest('hex'), from, to, chunks });
    from = to;
    chunks = 0;
    hash = createHash('sha256').update(salt);
  };
  programs.forEach((program, i) => {
    if (program.chunks) hash.update(program.digest);
    chunks += program.chunks;
    const boundary = createHash('sha1').update(`${program.document}\u0000${program.id}`).digest().readUInt32LE(0) % options.programs === 0;
    if (boundary || chunks >= options.maxChunks) close(i + 1);
  });
  close(programs.length);
  return plans;
}
