import type { Result } from '../../../shared/result';
import type { Core } from '../create-core';

/** Calls a core method through its dispatcher (validation included) and unwraps the result, or throws with its code. */
export const coreCaller =
  (core: Core) =>
  async <T>(method: string, payload: unknown = {}): Promise<T> => {
    const result = (await core.dispatch(method, payload)) as Result<T>;
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code} ${result.error.message}`), { code: result.error.code });
    return result.value;
  };
