import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectMenu } from '../../ui/SelectMenu';
import { countryOptions } from './country-choice';

/**
 * The country of numbers written without a country code. Prefilled from the sending number; when
 * that has none (practice numbers) the person must choose, because guessing turns "55 1234 5678"
 * into a Brazilian number.
 */
export function CountryField({ value, onChange, fromAccount }: { value: string; onChange: (country: string) => void; fromAccount: boolean }) {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  return (
    <div className="field">
      <span className="field-label">{t('campaigns.wizard.country')}</span>
      <SelectMenu label={t('campaigns.wizard.country')} testId="audience-country" value={value} options={options} onChange={onChange} {...(value ? {} : { display: t('campaigns.wizard.countryChoose') })} />
      <div className={value ? 'field-hint' : 'field-error'} data-testid="audience-country-hint">
        {value ? (fromAccount ? t('campaigns.wizard.countryFromAccount') : t('campaigns.wizard.countryHint')) : t('campaigns.wizard.countryRequired')}
      </div>
    </div>
  );
}
