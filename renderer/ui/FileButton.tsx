import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A file field in the interface's language: the browser's own "Choose File / No file chosen"
 * follows the browser's language, not Mostrador's. The real input stays in the page (visually
 * hidden, still focusable and still what `<label htmlFor>` and tests address); the visible button
 * is its label, so clicking it, or Space on the focused input, opens the same picker.
 */
export function FileButton(props: {
  id: string;
  testId: string;
  accept?: string;
  disabled?: boolean;
  /** What to show as chosen (e.g. after the parent cleared it); the last picked name otherwise. */
  chosen?: string | null;
  onFile: (file: File | undefined) => void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  const name = props.chosen !== undefined ? props.chosen : picked;
  return (
    <span className={`file-button${props.disabled ? ' file-button-disabled' : ''}`}>
      <input
        id={props.id}
        data-testid={props.testId}
        type="file"
        className="visually-hidden"
        accept={props.accept}
        disabled={props.disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          setPicked(file?.name ?? null);
          // Picking the same file again must be noticed (it may have changed on disk).
          e.target.value = '';
          props.onFile(file);
        }}
      />
      <label htmlFor={props.id} className="btn" data-testid={`${props.testId}-button`} aria-hidden>
        {t('files.choose')}
      </label>
      <span className="muted small file-button-name" data-testid={`${props.testId}-name`}>
        {name ?? t('files.none')}
      </span>
    </span>
  );
}
