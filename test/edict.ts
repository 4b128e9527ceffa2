import { describe, it } from 'vitest';
import { EDICT_TESTS } from './helpers.js';

/** `describe` and `it` for tests that need EDICT: skipped without it, except under CI, where they fail. */
export const describeWithEdict = EDICT_TESTS ? describe : describe.skip;
export const itWithEdict = EDICT_TESTS ? it : it.skip;
