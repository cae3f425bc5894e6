import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOptOutSettings, useUpdateOptOutSettings } from '../../api/hooks/use-campaigns';
import { defaultOptOutConfirmations } from '../../../shared/contract';
import { useErrorText } from '../../ui/error-text';

const defaults = new Set<string>(Object.values(defaultOptOutConfirmations));
const isDefaultConfirmation = (text: string) => defaults.has(text);

/** The opt-out keywords (one list for every account) and the confirmation sent back. */
export function OptOutSection() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const settings = useOptOutSettings();
  const language = i18n.resolvedLanguage?.startsWith('es') ? 'es' : 'en';
  const update = useUpdateOptOutSettings();
  const [keywords, setKeywords] = useState('');
  const [confirmation, setConfirmation] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setKeywords(settings.data.keywords.join(', '));
    // A default confirmation goes out in each campaign's own language; it is shown in the interface's.
    setConfirmation(isDefaultConfirmation(settings.data.confirmation) ? defaultOptOutConfirmations[language] : settings.data.confirmation);
  }, [settings.data, language]);

  const list = keywords
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (list.length === 0 || !confirmation.trim()) return;
    update.mutate({ keywords: list, confirmation: confirmation.trim() });
  };

  return (
    <section className="settings-section opt-out-section" aria-labelledby="opt-out-title">
      <h2 id="opt-out-title">{t('campaigns.optOut.title')}</h2>
      <p className="muted small">{t('campaigns.optOut.explain')}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="opt-out-keywords">{t('campaigns.optOut.keywords')}</label>
          {/* What customers write, in their languages: never translated, by the browser either. */}
          <input id="opt-out-keywords" data-testid="opt-out-keywords" translate="no" value={keywords} onChange={(e) => setKeywords(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="opt-out-confirmation">{t('campaigns.optOut.confirmation')}</label>
          <textarea
            id="opt-out-confirmation"
            data-testid="opt-out-confirmation"
            rows={2}
            value={confirmation}
            maxLength={1000}
            aria-describedby="opt-out-confirmation-hint"
            onChange={(e) => setConfirmation(e.target.value)}
          />
          <div className="field-hint" id="opt-out-confirmation-hint">
            {t('campaigns.optOut.confirmationHint')}
          </div>
        </div>
        {update.error && <p className="form-error">{errorText(update.error)}</p>}
        {update.isSuccess && <p className="muted small">{t('campaigns.optOut.saved')}</p>}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={update.isPending || list.length === 0 || !confirmation.trim()}>
            {t('campaigns.optOut.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
