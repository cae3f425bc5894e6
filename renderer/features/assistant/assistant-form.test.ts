import { describe, expect, it } from 'vitest';
import { defaultAssistantSettings, type AssistantConfigDto } from '../../../shared/contract';
import { formValuesFrom, toUpdateRequest, validateAssistantForm } from './assistant-form';

const config: AssistantConfigDto = {
  accountId: 'a1',
  settings: { ...defaultAssistantSettings, enabled: true, knowledge: 'Pan: $45' },
  hasKey: true,
  status: { problem: null, detail: null, at: null, monthCostUsd: 0 },
};

describe('assistant form', () => {
  it('round-trips the stored settings and keeps the stored key when none is typed', () => {
    const request = toUpdateRequest('a1', formValuesFrom(config));
    expect(request.settings).toEqual(config.settings);
    expect('apiKey' in request).toBe(false);
    expect(validateAssistantForm('a1', formValuesFrom(config))).toEqual({});
  });

  it('sends a new key, or null to remove it', () => {
    expect(toUpdateRequest('a1', { ...formValuesFrom(config), apiKey: ' sk-new ' }).apiKey).toBe('sk-new');
    expect(toUpdateRequest('a1', { ...formValuesFrom(config), apiKey: 'sk-new', removeKey: true }).apiKey).toBeNull();
  });

  it('reads keywords one per line, decimal commas, and a blank cap as no cap', () => {
    const request = toUpdateRequest('a1', { ...formValuesFrom(config), keywords: 'asesor\n\n  encargado  \n', quietHours: '1,5', monthlyCap: '' });
    expect(request.settings).toMatchObject({ handoverKeywords: ['asesor', 'encargado'], quietHours: 1.5, monthlyCapUsd: null });
  });

  it('points at each field the contract refuses', () => {
    const problems = validateAssistantForm('a1', {
      ...formValuesFrom(config),
      baseUrl: 'not a url',
      model: '',
      limitAnswers: 'muchos',
      open: '25:00',
      knowledge: 'x'.repeat(20_001),
    });
    expect(problems).toEqual({
      baseUrl: { key: 'form.invalid' },
      model: { key: 'form.required' },
      limitAnswers: { key: 'form.invalid' },
      hours: { key: 'form.invalid' },
      knowledge: { key: 'form.tooLong', max: 20_000 },
    });
  });
});
