import type { Context } from 'hono';
import type { Chunk } from '../catalog.js';
import { appError, ERRORS, type ErrorCode } from '../errors.js';

/** `{"error":{"code","message"}}` with the code's status. */
export function errorBody(c: Context, code: ErrorCode, message: string) {
  return c.json({ error: { code, message } }, ERRORS[code] as 400);
}

const SNIPPET_CHARS = 240;

/** A chunk as the API shows it: its program, section, a snippet, its contacts and source lines. */
export function passage(chunk: Chunk) {
  const text = chunk.text.replace(/\s*\n\s*/g, ' ');
  return {
    program: { id: chunk.programId, title: chunk.programTitle },
    section: chunk.item ? `${chunk.section} ${chunk.item}` : chunk.section,
    snippet: text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text,
    contacts: chunk.contacts,
    source: chunk.source,
  };
}

/** A question or query: 1–2,000 characters after trimming. */
export function checkQuestion(value: unknown, name: string): string {
  if (typeof value !== 'string') throw appError('INVALID_INPUT', `${name} must be a string of 1 to 2,000 characters`);
  const trimmed = value.trim();
  if (trimmed.length === 0) throw appError('INVALID_INPUT', `${name} is empty`);
  if (trimmed.length > 2000) throw appError('INVALID_INPUT', `${name} has ${trimmed.length} characters; at most 2,000`);
  return trimmed;
}
