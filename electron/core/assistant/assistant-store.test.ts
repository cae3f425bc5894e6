import { describe, expect, it } from 'vitest';
import { defaultAssistantSettings } from '../../../shared/contract';
import { parseAssistantSettings } from './assistant-store';

describe('stored assistant settings', () => {
  it('fills what is missing from the defaults, with business hours in this computer’s zone', () => {
    const settings = parseAssistantSettings('{"enabled":true,"model":"llama3"}');
    expect(settings).toMatchObject({ enabled: true, model: 'llama3', limitAnswers: defaultAssistantSettings.limitAnswers });
    expect(settings.hours.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('drops a value that no longer parses instead of failing, and survives unreadable JSON', () => {
    expect(parseAssistantSettings('{"limitAnswers":"five","tone":"Formal"}')).toMatchObject({ limitAnswers: 5, tone: 'Formal' });
    expect(parseAssistantSettings('not json')).toMatchObject({ enabled: false });
    expect(parseAssistantSettings(undefined)).toMatchObject({ enabled: false });
  });
});
