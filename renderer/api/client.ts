import type { MethodName, MethodRequest, MethodResponse } from '../../shared/contract';
import { ApiError } from './api-error';
import type { Transport } from './transport';

export interface ApiClient {
  /** Resolves with the value of `{ok:true}`; throws an ApiError for `{ok:false}`. */
  call<M extends MethodName>(method: M, payload: MethodRequest<M>): Promise<MethodResponse<M>>;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call<M extends MethodName>(method: M, payload: MethodRequest<M>): Promise<MethodResponse<M>> {
      const result = await transport.invoke(method, payload);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.params);
      // The main process validates responses against the contract's schemas before answering.
      return result.value as MethodResponse<M>;
    },
  };
}
