import { methods } from '../../../shared/contract';

export type SimulateField = 'customerName' | 'phone' | 'text';
export type FieldProblem = { key: 'form.required' } | { key: 'form.tooShort'; min: number } | { key: 'form.tooLong'; max: number } | { key: 'form.invalid' };
export type SimulateValues = Record<SimulateField, string>;

const fields: readonly SimulateField[] = ['customerName', 'phone', 'text'];

/**
 * Checks the form with the contract's own request schema, so the dialog can never disagree with
 * the server about lengths. Phone numbers themselves are judged by the server (INVALID_PHONE).
 */
export function validateSimulateForm(accountId: string, values: SimulateValues): Partial<Record<SimulateField, FieldProblem>> {
  const parsed = methods['practice.simulateInbound'].request.safeParse({ accountId, ...values });
  if (parsed.success) return {};
  const problems: Partial<Record<SimulateField, FieldProblem>> = {};
  for (const issue of parsed.error.issues) {
    const field = fields.find((f) => f === issue.path[0]);
    if (!field || problems[field]) continue;
    if (issue.code === 'too_small') {
      problems[field] = values[field].trim() === '' ? { key: 'form.required' } : { key: 'form.tooShort', min: Number(issue.minimum) };
    } else if (issue.code === 'too_big') {
      problems[field] = { key: 'form.tooLong', max: Number(issue.maximum) };
    } else {
      problems[field] = { key: 'form.invalid' };
    }
  }
  return problems;
}
