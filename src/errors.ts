/**
 * Coded errors. Logs and tests use the code; the message is for the person reading a terminal
 * (staff running the knowledge check, an operator starting the bot). Never put user text in one.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: 'REACH_CONFIG_INVALID',
  KB_YAML: 'REACH_KB_YAML',
  KB_SCHEMA: 'REACH_KB_SCHEMA',
  KB_MISSING_LANGUAGE: 'REACH_KB_MISSING_LANGUAGE',
  KB_UNKNOWN_FIELD: 'REACH_KB_UNKNOWN_FIELD',
  KB_DUPLICATE_ID: 'REACH_KB_DUPLICATE_ID',
  KB_ID_MISMATCH: 'REACH_KB_ID_MISMATCH',
  KB_DUPLICATE_QUESTION: 'REACH_KB_DUPLICATE_QUESTION',
  KB_UNKNOWN_CONTACT: 'REACH_KB_UNKNOWN_CONTACT',
  KB_UNKNOWN_RELATED: 'REACH_KB_UNKNOWN_RELATED',
  KB_ANSWER_TOO_LONG: 'REACH_KB_ANSWER_TOO_LONG',
  KB_BAD_DATE: 'REACH_KB_BAD_DATE',
  KB_EMPTY: 'REACH_KB_EMPTY',
  KB_UNSAFE_MARKUP: 'REACH_KB_UNSAFE_MARKUP',
  KB_NO_CONTACTS: 'REACH_KB_NO_CONTACTS',
  KB_READ: 'REACH_KB_READ',
  KB_STALE: 'REACH_KB_STALE',
  KB_FEW_QUESTIONS: 'REACH_KB_FEW_QUESTIONS',
  KB_CONFLICT: 'REACH_KB_CONFLICT',
  TURN_FAILED: 'REACH_TURN_FAILED',
  HTTP_BAD_REQUEST: 'REACH_HTTP_BAD_REQUEST',
  HTTP_UNAUTHORIZED: 'REACH_HTTP_UNAUTHORIZED',
  HTTP_FORBIDDEN: 'REACH_HTTP_FORBIDDEN',
  HTTP_TOO_LARGE: 'REACH_HTTP_TOO_LARGE',
  HTTP_UNSUPPORTED_MEDIA: 'REACH_HTTP_UNSUPPORTED_MEDIA',
  HTTP_RATE_LIMITED: 'REACH_HTTP_RATE_LIMITED',
  HTTP_FAILED: 'REACH_HTTP_FAILED',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class ReachError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReachError';
    this.code = code;
  }
}

export function isReachError(e: unknown): e is ReachError {
  return e instanceof ReachError;
}
