import type { Answerer, AskRequest, AskResponse } from './types.js';

/** A request longer than this (a long conversation) is answered afresh: it is unlikely to come again. */
const MAX_KEY = 4096;

/**
 * Remembers the last `entries` answers by request (question as normalised, mode, region, conversation), the
 * least recently asked forgotten first. For a deterministic answerer over one engine: a help desk hears the
 * same questions again and again, and each is worked out once. Every caller gets its own copy.
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
        return structuredClone(known);
      }
      const response = await answerer.answer(request);
      cache.set(key, structuredClone(response));
      if (cache.size > entries) cache.delete(cache.keys().next().value!);
      return response;
    },
  };
}

function keyOf(request: AskRequest): string | null {
  const key = JSON.stringify([request.question.normalize('NFKC').trim(), request.mode, request.region ?? '', request.history]);
  return key.length <= MAX_KEY ? key : null;
}
