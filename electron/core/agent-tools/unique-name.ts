import { AppError } from '../../../shared/errors';

/** Names people type (labels, shortcuts) clash regardless of case: "Urgente" and "urgente" are one. */
export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Runs a write that a UNIQUE index guards, turning a clash into the given BAD_REQUEST. */
export function withUniqueName<T>(message: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('BAD_REQUEST', message);
    throw error;
  }
}
