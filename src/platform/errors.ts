/**
 * Typed application errors. Services throw AppError with a code from the closed list below;
 * the HTTP error handler and the CLI map codes to statuses / exit codes.
 * Messages a clerk reads are bilingual: Chinese first, English second.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  DB_IN_USE: 423,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Bilingual {
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: Bilingual | string, details?: unknown) {
    super(typeof message === 'string' ? message : bilingual(message));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** "中文 / English" — the one format every user-facing message uses. */
export function bilingual(m: Bilingual): string {
  return `${m.zh} / ${m.en}`;
}

export const notFound = (what: Bilingual) =>
  new AppError('NOT_FOUND', { zh: `${what.zh}不存在`, en: `${what.en} not found` });
