import { methods, type AssistantConfigDto, type AssistantWhen, type MethodRequest } from '../../../shared/contract';
import type { FieldProblem } from '../accounts/simulate-form';

/** The assistant form as typed: numbers stay text until saved, keywords one per line. */
export interface AssistantFormValues {
  enabled: boolean;
  baseUrl: string;
  model: string;
  /** A new key; blank keeps the stored one. */
  apiKey: string;
  /** Remove the stored key (local servers need none). */
  removeKey: boolean;
  knowledge: string;
  tone: string;
  when: AssistantWhen;
  days: number[];
  open: string;
  close: string;
  timeZone: string;
  noReplyMinutes: string;
  excludedLabelIds: number[];
  keywords: string;
  quietHours: string;
  limitAnswers: string;
  limitMinutes: string;
  /** Blank: no cap. */
  monthlyCap: string;
  inputPrice: string;
  outputPrice: string;
  /** Tell the customer when the chat goes to a person. */
  tellOnHandover: boolean;
  /** Blank: the default text. */
  handoverMessage: string;
}

export type AssistantFormField =
  | 'baseUrl'
  | 'model'
  | 'apiKey'
  | 'knowledge'
  | 'tone'
  | 'hours'
  | 'noReplyMinutes'
  | 'keywords'
  | 'quietHours'
  | 'limitAnswers'
  | 'limitMinutes'
  | 'monthlyCap'
  | 'inputPrice'
  | 'outputPrice'
  | 'handoverMessage';

export function formValuesFrom(config: AssistantConfigDto): AssistantFormValues {
  const s = config.settings;
  return {
    enabled: s.enabled,
    baseUrl: s.baseUrl,
    model: s.model,
    apiKey: '',
    removeKey: false,
    knowledge: s.knowledge,
    tone: s.tone,
    when: s.when,
    days: s.hours.days,
    open: s.hours.open,
    close: s.hours.close,
    timeZone: s.hours.timeZone,
    noReplyMinutes: String(s.noReplyMinutes),
    excludedLabelIds: s.excludedLabelIds,
    keywords: s.handoverKeywords.join('\n'),
    quietHours: String(s.quietHours),
    limitAnswers: String(s.limitAnswers),
    limitMinutes: String(s.limitMinutes),
    monthlyCap: s.monthlyCapUsd === null ? '' : String(s.monthlyCapUsd),
    inputPrice: String(s.inputPricePerMillion),
    outputPrice: String(s.outputPricePerMillion),
    tellOnHandover: s.handoverMessage !== '',
    handoverMessage: s.handoverMessage ?? '',
  };
}

/** "1,5" and "1.5" are the same number; anything else that is not a number stays NaN (and is refused). */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

export function toUpdateRequest(accountId: string, values: AssistantFormValues): MethodRequest<'assistant.update'> {
  const apiKey = values.removeKey ? null : values.apiKey.trim() === '' ? undefined : values.apiKey.trim();
  return {
    accountId,
    ...(apiKey !== undefined ? { apiKey } : {}),
    settings: {
      enabled: values.enabled,
      baseUrl: values.baseUrl.trim(),
      model: values.model.trim(),
      knowledge: values.knowledge,
      tone: values.tone,
      when: values.when,
      hours: { days: [...values.days].sort(), open: values.open, close: values.close, timeZone: values.timeZone.trim() },
      noReplyMinutes: toNumber(values.noReplyMinutes),
      excludedLabelIds: values.excludedLabelIds,
      handoverKeywords: values.keywords
        .split('\n')
        .map((k) => k.trim())
        .filter(Boolean),
      quietHours: toNumber(values.quietHours),
      limitAnswers: toNumber(values.limitAnswers),
      limitMinutes: toNumber(values.limitMinutes),
      monthlyCapUsd: values.monthlyCap.trim() === '' ? null : toNumber(values.monthlyCap),
      inputPricePerMillion: toNumber(values.inputPrice),
      outputPricePerMillion: toNumber(values.outputPrice),
      handoverMessage: !values.tellOnHandover ? '' : values.handoverMessage.trim() === '' ? null : values.handoverMessage.trim(),
    },
  };
}

const settingsField: Record<string, AssistantFormField> = {
  baseUrl: 'baseUrl',
  model: 'model',
  knowledge: 'knowledge',
  tone: 'tone',
  hours: 'hours',
  noReplyMinutes: 'noReplyMinutes',
  handoverKeywords: 'keywords',
  quietHours: 'quietHours',
  limitAnswers: 'limitAnswers',
  limitMinutes: 'limitMinutes',
  monthlyCapUsd: 'monthlyCap',
  inputPricePerMillion: 'inputPrice',
  outputPricePerMillion: 'outputPrice',
  handoverMessage: 'handoverMessage',
};

/** Checks the form with the contract's own request schema, so the page and the core agree on every limit. */
export function validateAssistantForm(accountId: string, values: AssistantFormValues): Partial<Record<AssistantFormField, FieldProblem>> {
  const parsed = methods['assistant.update'].request.safeParse(toUpdateRequest(accountId, values));
  if (parsed.success) return {};
  const problems: Partial<Record<AssistantFormField, FieldProblem>> = {};
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path;
    const field = first === 'apiKey' ? 'apiKey' : first === 'settings' && typeof second === 'string' ? settingsField[second] : undefined;
    if (!field || problems[field]) continue;
    if (issue.code === 'too_big' && typeof issue.maximum === 'number' && (field === 'knowledge' || field === 'tone' || field === 'model' || field === 'apiKey' || field === 'handoverMessage')) {
      problems[field] = { key: 'form.tooLong', max: issue.maximum };
    } else if (issue.code === 'too_small' && (field === 'model' || field === 'baseUrl')) {
      problems[field] = { key: 'form.required' };
    } else {
      problems[field] = { key: 'form.invalid' };
    }
  }
  return problems;
}
