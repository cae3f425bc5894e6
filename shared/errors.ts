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
  /** A campaign message with no text. */
  'EMPTY_MESSAGE',
  /** A campaign whose audience has no valid number that has not opted out. */
  'NO_VALID_RECIPIENTS',
  /** A sending window with no weekday, or an end before its start. */
  'WINDOW_NEVER_OPENS',
  /** An audience file that cannot be read (the message names the line and the reason). */
  'BAD_FILE',
  'TRANSPORT_CLOSED',
  /** The central server could not be reached or refused the enrolment token. */
  'SYNC_SERVER_UNREACHABLE',
  'SYNC_TOKEN_REJECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Values the renderer puts into the translated text (a line number, a limit, a reason key). */
export type ErrorParams = Record<string, string | number>;

export interface ErrorInfo {
  code: ErrorCode;
  /** For logs and developers; the person reads the translation of `code` (and `params.reason`). */
  message: string;
  params?: ErrorParams;
}

/** Thrown inside the core; turned into `{ok:false,error}` at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
