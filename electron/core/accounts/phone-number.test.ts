import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { normalizeCustomerPhone, normalizePhone, phoneToJid } from './phone-number';

const refusal = (input: string) => {
  try {
    normalizePhone(input);
  } catch (error) {
    return error;
  }
  throw new Error(`"${input}" was accepted`);
};

describe('normalizePhone', () => {
  it.each([
    ['+52 55 1234 5678', '525512345678'],
    ['0034 612 345 678', '34612345678'],
    ['  +34-612-345-678 ', '34612345678'],
    ['525512345678', '525512345678'],
  ])('normalises %j to %s', (input, digits) => {
    expect(normalizePhone(input)).toBe(digits);
  });

  it('reads a national number with a default country', () => {
    expect(normalizePhone('612 345 678', 'ES')).toBe('34612345678');
  });

  it.each(['hola', '12', '+', '+52 55'])('refuses %j with INVALID_PHONE', (input) => {
    const error = refusal(input);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_PHONE');
  });

  it('builds the phone-number JID', () => {
    expect(phoneToJid('525512345678')).toBe('525512345678@s.whatsapp.net');
  });
});

describe('normalizeCustomerPhone', () => {
  it('refuses a local number when no country is known, instead of prefixing "+"', () => {
    expect(() => normalizeCustomerPhone('55 1234 5678')).toThrowError(expect.objectContaining({ code: 'INVALID_PHONE', params: { reason: 'needs_country' } }));
    expect(normalizeCustomerPhone('+52 55 1234 5678')).toBe('525512345678');
    expect(normalizeCustomerPhone('0052 55 1234 5678')).toBe('525512345678');
    expect(normalizeCustomerPhone('55 1234 5678', 'MX')).toBe('525512345678');
  });
});
