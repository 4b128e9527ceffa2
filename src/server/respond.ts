import type { Context } from 'hono';
import type { Chunk } from '../catalog.js';
import { passageSnippet, sectionLabel } from '../answer/citations.js';
import { MAX_QUESTION } from '../answer/types.js';
import { appError, ERRORS, type ErrorCode } from '../errors.js';

/** `{"error":{"code","message"}}` with the code's status. */
export function errorBody(c: Context, code: ErrorCode, message: string) {
  // A body refused for its size is left unread, so its connection cannot carry another request.
  if (code === 'PAYLOAD_TOO_LARGE') c.header('Connection', 'close');
  return c.json({ error: { code, message } }, ERRORS[code] as 400);
}

/** A chunk as the API shows it: its program, section, a snippet, its contacts and source lines. */
export function passage(chunk: Chunk) {
  return {
    program: { id: chunk.programId, title: chunk.programTitle },
    section: sectionLabel(chunk),
    snippet: passageSnippet(chunk),
    contacts: chunk.contacts,
    source: chunk.source,
  };
}

/** A question or query: 1–2,000 characters after trimming. */
export function checkQuestion(value: unknown, name: string): string {
  if (typeof value !== 'string') throw appError('INVALID_INPUT', `${name} must be a string of 1 to 2,000 characters`);
  const trimmed = value.trim();
  if (trimmed.length === 0) throw appError('INVALID_INPUT', `${name} is empty`);
  if (trimmed.length > MAX_QUESTION) throw appError('INVALID_INPUT', `${name} has ${trimmed.length} characters; at most ${MAX_QUESTION}`);
  return trimmed;
}
