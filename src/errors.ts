/**
 * One catalog of coded errors. Tests assert codes, never prose.
 *
 * @example
 *   throw appError('PROGRAM_NOT_FOUND', `no program with id ${id}`);
 */
export const ERRORS = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  PROGRAM_NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  ANSWER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
  TIMEOUT: 503,
  INDEX_MISSING: 503,
  INDEX_CORRUPT: 503,
  INDEX_VERSION_MISMATCH: 503,
  ANALYZER_UNAVAILABLE: 503,
  STORAGE_DISABLED: 503,
  STORAGE_UNAVAILABLE: 503,
  STORAGE_VERSION_MISMATCH: 503,
  CORPUS_EMPTY: 500,
  INGEST_FAILED: 500,
  INDEX_WRITE_FAILED: 500,
  CONFIG_INVALID: 500,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code];
  }
}

export function appError(code: ErrorCode, message: string, cause?: unknown): AppError {
  return new AppError(code, message, cause === undefined ? undefined : { cause });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
