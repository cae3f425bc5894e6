import { useTranslation } from 'react-i18next';
import type { AudienceCheckDto, WhatsAppCheckProgressDto } from '../../../shared/contract';

/** While WhatsApp is asked about the numbers: how many of how many, and a way to stop (what was asked is kept). */
export function WhatsAppCheckProgress({ progress, onStop }: { progress: WhatsAppCheckProgressDto | null; onStop: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="import-progress" data-testid="whatsapp-check-progress">
      <progress aria-label={t('campaigns.wizard.checkingWhatsApp')} {...(progress && progress.total > 0 ? { value: progress.checked, max: progress.total } : {})} />
      <span className="muted small">
        {progress && progress.total > 0 ? t('campaigns.wizard.whatsAppChecked', { checked: progress.checked, total: progress.total }) : t('campaigns.wizard.checkingWhatsApp')}
      </span>
      <button type="button" className="btn btn-link" data-testid="stop-whatsapp-check" onClick={onStop}>
        {t('campaigns.wizard.stopChecking')}
      </button>
    </div>
  );
}

/** What "Check numbers" found: counts per reason and the numbers left out, with their line. */
export function AudienceCheckResult({ checked }: { checked: AudienceCheckDto }) {
  const { t } = useTranslation();
  return (
    <div className="audience-check" data-testid="audience-check">
      <ul className="check-counts">
        <li data-testid="check-valid">{t('campaigns.wizard.valid', { count: checked.valid })}</li>
        <li>{t('campaigns.wizard.invalid', { count: checked.invalid })}</li>
        <li>{t('campaigns.wizard.duplicates', { count: checked.duplicates })}</li>
        <li>{t('campaigns.wizard.optedOut', { count: checked.optedOut })}</li>
        {checked.whatsAppUnknown !== null && <li data-testid="check-not-on-whatsapp">{t('campaigns.wizard.notOnWhatsApp', { count: checked.notOnWhatsApp })}</li>}
        {checked.whatsAppUnknown !== null && checked.whatsAppUnknown > 0 && <li>{t('campaigns.wizard.whatsAppUnknown', { count: checked.whatsAppUnknown })}</li>}
        {checked.noCountry > 0 && (
          <li className="field-error" data-testid="check-no-country">
            {t('campaigns.wizard.noCountry', { count: checked.noCountry })}
          </li>
        )}
        {checked.extraFields > 0 && <li data-testid="check-extra-fields">{t('campaigns.wizard.extraFields', { count: checked.extraFields })}</li>}
        {checked.blankRows !== null && checked.blankRows > 0 && <li data-testid="check-blank-rows">{t('campaigns.wizard.blankRowsCount', { count: checked.blankRows })}</li>}
        {checked.withAlternatives > 0 && <li data-testid="check-alternatives">{t('campaigns.wizard.withAlternatives', { count: checked.withAlternatives })}</li>}
      </ul>
      {checked.alternatives.length > 0 && (
        <details>
          <summary>{t('campaigns.wizard.alternatives')}</summary>
          <table className="mapping-table">
            <tbody>
              {checked.alternatives.map((a) => (
                <tr key={a.line}>
                  <td>{t('campaigns.wizard.line', { line: a.line })}</td>
                  <td className="mono">{t('campaigns.wizard.alternativeUsed', { used: `+${a.used}`, others: a.others.map((o) => `+${o}`).join(', ') })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {checked.problems.length > 0 && (
        <details>
          <summary>{t('campaigns.wizard.problems')}</summary>
          <table className="mapping-table">
            <tbody>
              {checked.problems.map((p, i) => (
                <tr key={i}>
                  <td>{t('campaigns.wizard.line', { line: p.line })}</td>
                  <td className="mono">{p.value}</td>
                  <td>{t(`campaigns.problem.${p.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
