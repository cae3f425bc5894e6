import type { Logger } from 'pino';
import { z } from 'zod';
import { methodNames, methods, type MethodName, type MethodParsedRequest, type MethodResponse } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { fail, ok, type Result } from '../../../shared/result';

export type Handlers = {
  [M in MethodName]: (request: MethodParsedRequest<M>) => Promise<MethodResponse<M>> | MethodResponse<M>;
};

export interface DispatcherOptions {
  /** Parse every response too (development and tests): a handler that breaks the contract fails loudly. */
  validateResponses: boolean;
  logger: Logger;
}

const known = new Set<string>(methodNames);

/** The one entry point both transports call. Never throws: every outcome is a Result. */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions) {
  return async function dispatch(method: string, payload: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !known.has(method)) {
      return fail({ code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 80)}` });
    }
    const name = method as MethodName;
    const parsed = methods[name].request.safeParse(payload ?? {});
    if (!parsed.success) {
      return fail({ code: 'BAD_REQUEST', message: z.prettifyError(parsed.error) });
    }
    try {
      const handler = handlers[name] as (request: unknown) => unknown;
      const value = await handler(parsed.data);
      if (options.validateResponses) {
        const checked = methods[name].response.safeParse(value);
        if (!checked.success) {
          options.logger.error({ method, issues: checked.error.issues }, 'handler broke the contract');
          return fail({ code: 'INTERNAL', message: `Response of ${method} does not match the contract` });
        }
      }
      return ok(value);
    } catch (error) {
      if (error instanceof AppError) return fail({ code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) });
      options.logger.error({ err: error, method }, 'handler failed');
      return fail({ code: 'INTERNAL', message: 'Something went wrong inside Mostrador; the details are in the log.' });
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
