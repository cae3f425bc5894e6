import type { ErrorCode, ErrorParams } from '../../shared/errors';

/** A `{ok:false}` answer turned into an exception, so react-query sees it as a failed call. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
