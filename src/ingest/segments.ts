import { createHash } from 'node:crypto';
import type { ProgramEntry } from './program-files.js';

/** A run of consecutive programs (`from` to `to`, exclusive, in corpus order), analysed together, and the key of what it analyses. */
export interface SegmentPlan {
  key: string;
  from: number;
  to: number;
  chunks: number;
  /** Whether the segment ends a group of segments (`planGroups`). */
  endsGroup: boolean;
}

/** Consecutive segments merged together and kept: what a changed segment is merged with first. */
export interface GroupPlan {
  key: string;
  /** The segments' indexes among the plans. */
  segments: number[];
}

export const SEGMENT_DEFAULTS = {
  /** A segment ends after a program whose identity hashes to 0 modulo this: ~this many programs each. */
  programs: 128,
  /** …or once it holds this many chunks: what one thread holds at a time. */
  maxChunks: 4000,
  /** A group of segments ends where a program's identity hashes to 0 modulo this many times `programs`. */
  groups: 8,
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
  const close = (to: number, endsGroup = false) => {
    if (chunks) plans.push({ key: hash.digest('hex'), from, to, chunks, endsGroup });
    from = to;
    chunks = 0;
    hash = createHash('sha256').update(salt);
  };
  programs.forEach((program, i) => {
    if (program.chunks) hash.update(program.digest);
    chunks += program.chunks;
    const identity = createHash('sha1').update(`${program.document}\u0000${program.id}`).digest().readUInt32LE(0);
    if (identity % options.programs === 0 || chunks >= options.maxChunks) close(i + 1, identity % (options.programs * options.groups) === 0);
  });
  close(programs.length);
  return plans;
}

/**
 * The segments in groups, cut where the programs say (as segments are, more rarely): a changed segment is
 * merged with the few others of its group, and the groups, each merged and kept, with one another.
 */
export function planGroups(plans: readonly SegmentPlan[]): GroupPlan[] {
  const groups: GroupPlan[] = [];
  let members: number[] = [];
  plans.forEach((plan, i) => {
    members.push(i);
    if (plan.endsGroup || i === plans.length - 1) {
      const hash = createHash('sha256').update('group');
      for (const m of members) hash.update(plans[m]!.key);
      groups.push({ key: `group-${hash.digest('hex')}`, segments: members });
      members = [];
    }
  });
  return groups;
}
