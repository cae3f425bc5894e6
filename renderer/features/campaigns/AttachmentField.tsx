import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodRequest } from '../../../shared/contract';
import { FileButton } from '../../ui/FileButton';
import { classifyFile, formatFileSize } from '../inbox/attachment-kind';
import { readAsBase64 } from '../inbox/read-file';

/** What the form holds: the request's file plus its size and, for images, a local preview URL (revoked when replaced). */
export type CampaignAttachment = NonNullable<MethodRequest<'campaigns.create'>['attachment']> & { size: number; previewUrl: string | null };

/**
 * The optional image or document every campaign message carries. Photos WhatsApp shows inline go
 * as images, anything else as a document; practice accounts cannot send files, so it is disabled.
 */
export function AttachmentField({ value, onChange, disabled }: { value: CampaignAttachment | null; onChange: (next: CampaignAttachment | null) => void; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef(value);
  current.current = value;
  useEffect(
    () => () => {
      if (current.current?.previewUrl) URL.revokeObjectURL(current.current.previewUrl);
    },
    [],
  );
  const replace = (next: CampaignAttachment | null) => {
    if (value?.previewUrl) URL.revokeObjectURL(value.previewUrl);
    onChange(next);
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const verdict = classifyFile(file);
    if (!verdict.ok) {
      setProblem(t(verdict.reason === 'tooLarge' ? 'composer.tooLarge' : 'composer.emptyFile', { name: file.name }));
      return;
    }
    setProblem(null);
    const kind = verdict.kind === 'image' ? 'image' : 'document';
    const dataBase64 = await readAsBase64(file);
    replace({ kind, fileName: verdict.fileName, mime: verdict.mime, dataBase64, size: file.size, previewUrl: kind === 'image' ? URL.createObjectURL(file) : null });
  };

  return (
    <div className="field">
      <label htmlFor="campaign-attachment">{t('campaigns.wizard.attachment')}</label>
      {value ? (
        <div className="attachment-chosen" data-testid="campaign-attachment-chosen">
          <span>
            {t(`campaigns.wizard.attachmentKind.${value.kind}`)}: {value.fileName} ({formatFileSize(value.size, i18n.language)})
          </span>
          <button type="button" className="btn btn-link" onClick={() => replace(null)}>
            {t('campaigns.wizard.attachmentRemove')}
          </button>
        </div>
      ) : (
        <div>
          <FileButton id="campaign-attachment" testId="campaign-attachment" disabled={disabled} chosen={null} onFile={(file) => void choose(file)} />
        </div>
      )}
      <div className="field-hint">{disabled ? t('campaigns.wizard.practiceTextOnly') : t('campaigns.wizard.attachmentHint')}</div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
