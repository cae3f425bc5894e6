import { RadioGroup } from 'radix-ui';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistantConfigDto, AssistantWhen } from '../../../shared/contract';
import { useUpdateAssistant } from '../../api/hooks/use-assistant';
import { useLabels } from '../../api/hooks/use-inbox';
import { CheckboxField } from '../../ui/CheckboxField';
import { useErrorText } from '../../ui/error-text';
import { useProblemText } from '../../ui/use-problem-text';
import type { FieldProblem } from '../accounts/simulate-form';
import { localTimeZone } from '../stats/period';
import { formValuesFrom, toUpdateRequest, validateAssistantForm, type AssistantFormField, type AssistantFormValues } from './assistant-form';

const whens: readonly AssistantWhen[] = ['always', 'outside_hours', 'no_agent_reply'];
/** Monday first, as shops think of their week; values are JavaScript weekdays (0 = Sunday). */
const weekdays = [1, 2, 3, 4, 5, 6, 0] as const;

/** Every setting of one account's assistant. Typed values survive any error; the key is never shown back. */
export function AssistantSettingsForm({ config }: { config: AssistantConfigDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const problemText = useProblemText();
  const update = useUpdateAssistant();
  const labels = useLabels();
  // Read once per account (the page keys this form by account): an event must not overwrite typing.
  const [values, setValues] = useState<AssistantFormValues>(() => formValuesFrom(config));
  const [problems, setProblems] = useState<Partial<Record<AssistantFormField, FieldProblem>>>({});
  const [saved, setSaved] = useState(false);

  const set = <K extends keyof AssistantFormValues>(field: K, value: AssistantFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setSaved(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.reset();
    const found = validateAssistantForm(config.accountId, values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    update.mutate(toUpdateRequest(config.accountId, values), {
      onSuccess: () => {
        setSaved(true);
        setValues((v) => ({ ...v, apiKey: '', removeKey: false }));
      },
    });
  };

  const errorOf = (field: AssistantFormField) => {
    const text = problemText(problems[field]);
    return text ? (
      <div className="field-error" data-testid={`assistant-${field}-error`} role="alert">
        {text}
      </div>
    ) : null;
  };

  const input = (field: keyof AssistantFormValues & AssistantFormField, label: string, props: { hint?: ReactNode; type?: string; placeholder?: string; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <div className="field">
      <label htmlFor={`assistant-${field}`}>{label}</label>
      <input
        id={`assistant-${field}`}
        data-testid={`assistant-${field}`}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        value={values[field] as string}
        aria-invalid={problems[field] ? true : undefined}
        onChange={(e) => set(field, e.target.value)}
      />
      {props.hint && <div className="field-hint">{props.hint}</div>}
      {errorOf(field)}
    </div>
  );

  return (
    <form className="assistant-form" onSubmit={submit} noValidate data-testid="assistant-form">
      <section className="settings-section">
        <CheckboxField
          id="assistant-enabled"
          testId="assistant-enabled"
          label={t('assistant.enabled')}
          hint={t('assistant.enabledHint')}
          checked={values.enabled}
          onChange={(v) => set('enabled', v)}
        />
      </section>

      <section className="settings-section">
        <h2>{t('assistant.provider')}</h2>
        <p className="field-hint">{t('assistant.providerHint')}</p>
        {input('baseUrl', t('assistant.baseUrl'), { placeholder: 'https://api.openai.com/v1', hint: t('assistant.baseUrlHint') })}
        {input('model', t('assistant.model'), { placeholder: 'gpt-4o-mini' })}
        <div className="field">
          <label htmlFor="assistant-apiKey">{t('assistant.apiKey')}</label>
          <input
            id="assistant-apiKey"
            data-testid="assistant-apiKey"
            type="password"
            autoComplete="new-password"
            placeholder={config.hasKey ? t('assistant.apiKeyStored') : t('assistant.apiKeyNone')}
            value={values.apiKey}
            disabled={values.removeKey}
            aria-invalid={problems.apiKey ? true : undefined}
            onChange={(e) => set('apiKey', e.target.value)}
          />
          <div className="field-hint">{t('assistant.apiKeyHint')}</div>
          {errorOf('apiKey')}
        </div>
        {config.hasKey && (
          <CheckboxField id="assistant-remove-key" testId="assistant-remove-key" label={t('assistant.removeKey')} checked={values.removeKey} onChange={(v) => set('removeKey', v)} />
        )}
      </section>

      <section className="settings-section">
        <h2>{t('assistant.business')}</h2>
        <div className="field">
          <label htmlFor="assistant-knowledge">{t('assistant.knowledge')}</label>
          <textarea
            id="assistant-knowledge"
            data-testid="assistant-knowledge"
            rows={8}
            value={values.knowledge}
            placeholder={t('assistant.knowledgePlaceholder')}
            aria-invalid={problems.knowledge ? true : undefined}
            onChange={(e) => set('knowledge', e.target.value)}
          />
          <div className="field-hint">{t('assistant.knowledgeHint')}</div>
          {errorOf('knowledge')}
        </div>
        {input('tone', t('assistant.tone'), { placeholder: t('assistant.tonePlaceholder') })}
        <CheckboxField
          id="assistant-tell-on-handover"
          testId="assistant-tell-on-handover"
          label={t('assistant.tellOnHandover')}
          checked={values.tellOnHandover}
          onChange={(v) => set('tellOnHandover', v)}
        />
        {values.tellOnHandover && input('handoverMessage', t('assistant.handoverMessage'), { placeholder: t('assistant.handoverMessageDefault'), hint: t('assistant.handoverMessageHint') })}
      </section>

      <section className="settings-section">
        <h2 id="assistant-when">{t('assistant.when')}</h2>
        <RadioGroup.Root className="choice-list" aria-labelledby="assistant-when" value={values.when} onValueChange={(v: string) => set('when', v as AssistantWhen)}>
          {whens.map((when) => (
            <label key={when} className="choice" data-testid={`assistant-when-${when}`}>
              <RadioGroup.Item value={when} className="radio">
                <RadioGroup.Indicator className="radio-dot" />
              </RadioGroup.Item>
              <span className="choice-text">
                <span className="choice-title">{t(`assistant.whenOptions.${when}`)}</span>
              </span>
            </label>
          ))}
        </RadioGroup.Root>
        {values.when === 'no_agent_reply' && input('noReplyMinutes', t('assistant.noReplyMinutes'), { inputMode: 'numeric' })}
        {values.when === 'outside_hours' && (
          <fieldset className="field assistant-hours">
            <legend>{t('assistant.hours')}</legend>
            <div className="assistant-days">
              {weekdays.map((day) => (
                <CheckboxField
                  key={day}
                  id={`assistant-day-${day}`}
                  testId={`assistant-day-${day}`}
                  label={t(`assistant.days.${day}`)}
                  checked={values.days.includes(day)}
                  onChange={(on) => set('days', on ? [...values.days, day] : values.days.filter((d) => d !== day))}
                />
              ))}
            </div>
            <div className="assistant-row">
              <label>
                {t('assistant.open')}
                <input type="time" data-testid="assistant-open" value={values.open} onChange={(e) => set('open', e.target.value)} />
              </label>
              <label>
                {t('assistant.close')}
                <input type="time" data-testid="assistant-close" value={values.close} onChange={(e) => set('close', e.target.value)} />
              </label>
              <label>
                {t('assistant.timeZone')}
                <input data-testid="assistant-timeZone" value={values.timeZone} placeholder={localTimeZone()} onChange={(e) => set('timeZone', e.target.value)} />
              </label>
            </div>
            {errorOf('hours')}
          </fieldset>
        )}
      </section>

      <section className="settings-section">
        <h2>{t('assistant.chats')}</h2>
        <p className="field-hint">{labels.data?.length ? t('assistant.excludedLabelsHint') : t('assistant.noLabels')}</p>
        {labels.data?.map((label) => (
          <CheckboxField
            key={label.id}
            id={`assistant-label-${label.id}`}
            testId={`assistant-label-${label.id}`}
            label={label.name}
            checked={values.excludedLabelIds.includes(label.id)}
            onChange={(on) => set('excludedLabelIds', on ? [...values.excludedLabelIds, label.id] : values.excludedLabelIds.filter((id) => id !== label.id))}
          />
        ))}
      </section>

      <section className="settings-section">
        <h2>{t('assistant.handover')}</h2>
        <div className="field">
          <label htmlFor="assistant-keywords">{t('assistant.keywords')}</label>
          <textarea
            id="assistant-keywords"
            data-testid="assistant-keywords"
            // What customers write, in their languages: never translated, by the browser either.
            translate="no"
            rows={5}
            value={values.keywords}
            aria-invalid={problems.keywords ? true : undefined}
            onChange={(e) => set('keywords', e.target.value)}
          />
          <div className="field-hint">{t('assistant.keywordsHint')}</div>
          {errorOf('keywords')}
        </div>
        {input('quietHours', t('assistant.quietHours'), { inputMode: 'decimal', hint: t('assistant.quietHoursHint') })}
      </section>

      <section className="settings-section">
        <h2>{t('assistant.limits')}</h2>
        <div className="assistant-row">
          {input('limitAnswers', t('assistant.limitAnswers'), { inputMode: 'numeric' })}
          {input('limitMinutes', t('assistant.limitMinutes'), { inputMode: 'numeric' })}
        </div>
        {input('monthlyCap', t('assistant.monthlyCap'), { inputMode: 'decimal', hint: t('assistant.monthlyCapHint') })}
        <div className="assistant-row">
          {input('inputPrice', t('assistant.inputPrice'), { inputMode: 'decimal' })}
          {input('outputPrice', t('assistant.outputPrice'), { inputMode: 'decimal' })}
        </div>
      </section>

      {update.error && (
        <p className="form-error" role="alert" data-testid="assistant-save-error">
          {errorText(update.error)}
        </p>
      )}
      {Object.keys(problems).length > 0 && (
        <p className="form-error" role="alert" data-testid="assistant-form-problems">
          {t('assistant.fixFields')}
        </p>
      )}
      <div className="assistant-actions">
        {saved && (
          <span className="muted" role="status" data-testid="assistant-saved">
            {t('assistant.saved')}
          </span>
        )}
        <button type="submit" className="btn btn-primary" data-testid="assistant-save" disabled={update.isPending}>
          {update.isPending ? t('assistant.saving') : t('assistant.save')}
        </button>
      </div>
    </form>
  );
}
