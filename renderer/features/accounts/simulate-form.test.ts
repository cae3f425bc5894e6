import { describe, expect, it } from 'vitest';
import { validateSimulateForm } from './simulate-form';

describe('simulate-customer form checks', () => {
  it('accepts what the contract accepts', () => {
    expect(validateSimulateForm('acc1', { customerName: 'Ana López', phone: '+52 55 1234 5678', text: 'Hola' })).toEqual({});
  });

  it('marks blank fields as required, even when they hold only spaces', () => {
    expect(validateSimulateForm('acc1', { customerName: '   ', phone: '', text: '' })).toEqual({
      customerName: { key: 'form.required' },
      phone: { key: 'form.required' },
      text: { key: 'form.required' },
    });
  });

  it('reports the contract limits for too short and too long values', () => {
    expect(validateSimulateForm('acc1', { customerName: 'x'.repeat(61), phone: '12', text: 'hi' })).toEqual({
      customerName: { key: 'form.tooLong', max: 60 },
      phone: { key: 'form.tooShort', min: 3 },
    });
  });
});
