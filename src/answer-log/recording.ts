import type { Answerer, AskRequest } from '../answer/types.js';
import type { AnswerLog, IdentifiedAnswer } from './answer-log.js';

export interface IdentifiedAnswerer {
  answer(request: AskRequest): Promise<IdentifiedAnswer>;
}

/**
 * Gives every answer an id and, with a log, writes it there before it is returned (so feedback on it
 * can be taken at once). A failed write never fails the answer: it is reported once when the log starts
 * failing and once when it works again, not on every answer in between.
 *
 * @example const { id } = await recording(answerer, log, console.error).answer(request);
 */
export function recording(answerer: Answerer, log: AnswerLog | undefined, report: (message: string, error?: unknown) => void): IdentifiedAnswerer {
  let failing = false;
  return {
    async answer(request) {
      const time = Date.now();
      const t0 = performance.now();
      const response = await answerer.answer(request);
      const answer: IdentifiedAnswer = { id: crypto.randomUUID(), ...response };
      if (!log) return answer;
      try {
        await log.record({
          id: answer.id,
          time,
          question: request.question,
          answer: response.answer,
          mode: response.mode,
          generator: response.generator,
          answerable: response.answerable,
          programs: [...new Set(response.citations.map((c) => c.program.id))],
          latencyMs: Math.round((performance.now() - t0) * 100) / 100,
        });
        if (failing) report('the answer log is written again');
        failing = false;
      } catch (e) {
        if (!failing) report('the answer log cannot be written; answers are still served, feedback answers 503', e);
        failing = true;
      }
      return answer;
    },
  };
}
