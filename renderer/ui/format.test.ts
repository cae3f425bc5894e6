import { describe, expect, it } from 'vitest';
import { displayPhone, displayTitle } from './format';

describe('phone numbers for people', () => {
  it('groups a number the way its country writes it, in the international format', () => {
    expect(displayPhone('5215512345678')).toBe('+52 1 55 1234 5678');
    expect(displayPhone('525512345678')).toBe('+52 55 1234 5678');
    expect(displayPhone('34612345678')).toBe('+34 612 34 56 78');
    expect(displayPhone('+14155552671')).toBe('+1 415 555 2671');
  });

  it('keeps what it cannot read: unknown digits behind a +, anything else as it came', () => {
    expect(displayPhone('999123456789012')).toBe('+999123456789012');
    expect(displayPhone('Ana')).toBe('Ana');
    expect(displayPhone('204882711234567@lid')).toBe('204882711234567@lid');
  });

  it('formats a chat title only when it is a bare number', () => {
    expect(displayTitle('+525512345678')).toBe('+52 55 1234 5678');
    expect(displayTitle('María Pérez')).toBe('María Pérez');
    expect(displayTitle('Tienda +52')).toBe('Tienda +52');
  });
});
