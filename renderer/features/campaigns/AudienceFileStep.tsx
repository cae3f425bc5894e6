import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_AUDIENCE_FILE_BYTES, type AudienceDraftDto, type ImportProgressDto } from '../../../shared/contract';
import { useErrorText } from '../../ui/error-text';
import { FileButton } from '../../ui/FileButton';
import { togglePhoneColumn, type ColumnMapping } from './campaign-form';

const LIMIT_MB = MAX_AUDIENCE_FILE_BYTES / 1024 / 1024;

/** The progress of a long audience step (reading, checking, creating): n of m when m is known. */
export function ImportProgress({ progress, fallback }: { progress: ImportProgressDto | null | undefined; fallback: 'reading' | 'checking' | 'creating' }) {
  const { t } = useTranslation();
  const stage = progress?.stage ?? fallback;
  const total = progress?.total ?? null;
  return (
    <div className="import-progress" data-testid="import-progress" data-stage={stage}>
      <progress aria-label={t(`campaigns.wizard.stage.${stage}`)} {...(total ? { value: progress?.rows ?? 0, max: total } : {})} />
      <span className="muted small">{t(`campaigns.wizard.stageRows.${stage}`, { count: progress?.rows ?? 0, total: total ?? 0 })}</span>
    </div>
  );
}

/** Choosing the file and saying which columns hold numbers and which become {{variables}}. */
export function AudienceFileStep(props: {
  draft: AudienceDraftDto | null;
  mapping: ColumnMapping | null;
  onMapping: (mapping: ColumnMapping) => void;
  onFile: (file: File) => void;
  reading: boolean;
  readError: unknown;
  progress: ImportProgressDto | null | undefined;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [tooLarge, setTooLarge] = useState(false);
  const { draft, mapping } = props;

  const choose = (file: File | undefined) => {
    if (!file) return;
    // Refused before reading: a huge file would freeze the page while it turns into base64.
    setTooLarge(file.size > MAX_AUDIENCE_FILE_BYTES);
    if (file.size <= MAX_AUDIENCE_FILE_BYTES) props.onFile(file);
  };
  const fileError = tooLarge ? t('errors.BAD_FILE_too_large', { limitMb: LIMIT_MB }) : props.readError ? errorText(props.readError) : null;

  return (
    <div className="field">
      <label htmlFor="campaign-file">{t('campaigns.wizard.file')}</label>
      <div>
        <FileButton id="campaign-file" testId="campaign-file" accept=".csv,.txt,.xlsx,text/csv" onFile={choose} />
      </div>
      <div className="field-hint">{t('campaigns.wizard.fileHint', { limitMb: LIMIT_MB })}</div>
      {props.reading && <ImportProgress progress={props.progress} fallback="reading" />}
      {fileError && (
        <p className="form-error" role="alert" data-testid="file-error">
          {fileError}
        </p>
      )}
      {draft && mapping && (
        <div className="column-mapping" data-testid="column-mapping">
          <p className="muted small" data-testid="file-read">
            {t('campaigns.wizard.fileRead', { count: draft.rowCount, encoding: draft.encoding })}
            {draft.blankRows > 0 && ` ${t('campaigns.wizard.blankRows', { count: draft.blankRows })}`}
            {draft.extraFieldRows > 0 && ` ${t('campaigns.wizard.extraFieldRows', { count: draft.extraFieldRows })}`}
          </p>
          <p className="muted small">{t('campaigns.wizard.phoneColumnsHint')}</p>
          <table className="mapping-table">
            <thead>
              <tr>
                <th>{t('campaigns.wizard.column')}</th>
                <th>{t('campaigns.wizard.example')}</th>
                <th>{t('campaigns.wizard.isPhone')}</th>
                <th>{t('campaigns.wizard.variable')}</th>
              </tr>
            </thead>
            <tbody>
              {draft.columns.map((column, i) => {
                const isPhone = mapping.phoneColumns.includes(i);
                return (
                  <tr key={i}>
                    <td>{column}</td>
                    <td className="muted">{draft.sample[0]?.[i] ?? ''}</td>
                    <td>
                      <input
                        type="checkbox"
                        data-testid={`phone-column-${i}`}
                        aria-label={t('campaigns.wizard.phoneColumnFor', { column })}
                        checked={isPhone}
                        onChange={(e) => props.onMapping(togglePhoneColumn(mapping, i, e.target.checked))}
                      />
                    </td>
                    <td>
                      {isPhone ? (
                        <span className="muted">—</span>
                      ) : (
                        <input
                          aria-label={t('campaigns.wizard.variableFor', { column })}
                          value={mapping.variables[i] ?? ''}
                          placeholder={t('campaigns.wizard.unused')}
                          onChange={(e) => props.onMapping({ ...mapping, variables: { ...mapping.variables, [i]: e.target.value.replace(/[^\p{L}\p{N}_]/gu, '') } })}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
