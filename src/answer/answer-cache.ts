import type { Answerer, AskRequest, AskResponse } from './types.js';

/** A request longer than this (a long conversation) is answered afresh: it is unlikely to come again. */
const MAX_KEY = 4096;

/**
 * Remembers the last `entries` answers by request (question as normalised, mode, region, conversation), the
 * least recently asked forgotten first. For a deterministic answerer over one engine: a help desk hears the
 * same questions again and again, and each is worked out once. The answers are frozen, all the way down: every
 * caller shares one, and none can change it for the next (copying each was a tenth of a cached answer's time).
 * The contacts and sources they share with the engine are frozen with them: nothing changes those while serving.
 *
 * @example const answerer = cachingAnswers(createExtractiveAnswerer(engine), 1000);
 */
export function cachingAnswers(answerer: Answerer, entries: number): Answerer {
  if (entries <= 0) return answerer;
  const cache = new Map<string, AskResponse>();
  return {
    async answer(request) {
      const key = keyOf(request);
      if (key === null) return answerer.answer(request);
      const known = cache.get(key);
      if (known) {
        cache.delete(key);
        cache.set(key, known);
        return known;
      }
      const response = deepFreeze(await answerer.answer(request));
      cache.set(key, response);
      if (cache.size > entries) cache.delete(cache.keys().next().value!);
      return response;
    },
  };
}

function keyOf(request: AskRequest): string | null {
  const key = JSON.stringify([request.question.normalize('NFKC').trim(), request.mode, request.region ?? '', request.history]);
  return key.length <= MAX_KEY ? key : null;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
