/** Error codes every transport can return. The renderer translates them (i18n key `errors.<code>`). */
export const errorCodes = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN_SENDER',
  'LIMIT_REACHED',
  'INVALID_PHONE',
  'ACCOUNT_NOT_CONNECTED',
  'NOT_PRACTICE_ACCOUNT',
  /** The account cannot do this (e.g. the practice server carries no files). */
  'UNSUPPORTED',
  'TRANSPORT_CLOSED',
  /** The central server could not be reached or refused the enrolment token. */
  'SYNC_SERVER_UNREACHABLE',
  'SYNC_TOKEN_REJECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/** Thrown inside the core; turned into `{ok:false,error}` at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
