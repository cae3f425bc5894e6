import { Dialog, DropdownMenu } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountPalette, type LabelDto } from '../../../shared/contract';
import { useDeleteLabel, useLabels, useSaveLabel } from '../../api/hooks/use-inbox';
import { useErrorText } from '../../ui/error-text';
import { CheckIcon, TrashIcon } from '../../ui/icons';

/** Create, rename, recolour and delete labels (they are shared by every conversation). */
export function ManageLabelsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const errorText = useErrorText();
  const list = labels.data ?? [];
  const unusedColor = accountPalette.find((c) => !list.some((l) => l.color.toLowerCase() === c)) ?? accountPalette[0];

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-medium" data-testid="labels-dialog">
          <Dialog.Title className="dialog-title">{t('labels.title')}</Dialog.Title>
          <Dialog.Description className="dialog-description">{t('labels.description')}</Dialog.Description>
          {labels.error && <p className="form-error">{t('common.loadFailed', { error: errorText(labels.error) })}</p>}
          <ul className="label-editor-list">
            {list.map((label) => (
              <LabelRow key={label.id} label={label} />
            ))}
          </ul>
          <h3 className="label-editor-new">{t('labels.new')}</h3>
          <ul className="label-editor-list">
            <LabelRow key={`new-${list.length}`} label={null} defaultColor={unusedColor} />
          </ul>
          <div className="dialog-actions">
            <Dialog.Close className="btn" data-testid="labels-dialog-close">
              {t('common.close')}
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function LabelRow({ label, defaultColor = accountPalette[0] }: { label: LabelDto | null; defaultColor?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const save = useSaveLabel();
  const remove = useDeleteLabel();
  const [name, setName] = useState(label?.name ?? '');
  const [color, setColor] = useState(label?.color ?? defaultColor);
  const changed = label === null ? name.trim() !== '' : name.trim() !== label.name || color !== label.color;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed || name.trim() === '') return;
    save.mutate({ ...(label && { id: label.id }), name: name.trim(), color });
  };

  const error = save.error ?? remove.error;
  const testId = label ? 'label-row' : 'label-new';

  return (
    <li className="label-editor" data-testid={testId}>
      <form className="label-editor-form" onSubmit={submit}>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger className="btn btn-icon" aria-label={t('labels.color')} title={t('labels.color')} data-testid={`${testId}-color`}>
            <span className="color-dot" style={{ backgroundColor: color, width: 16, height: 16 }} aria-hidden />
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu swatch-menu" align="start" sideOffset={4}>
              <DropdownMenu.RadioGroup value={color} onValueChange={setColor} className="swatches">
                {accountPalette.map((swatch) => (
                  <DropdownMenu.RadioItem key={swatch} value={swatch} className="swatch" aria-label={t('accountSettings.colorSwatch', { color: swatch })} style={{ backgroundColor: swatch }}>
                    <DropdownMenu.ItemIndicator>
                      <CheckIcon width={12} height={12} />
                    </DropdownMenu.ItemIndicator>
                  </DropdownMenu.RadioItem>
                ))}
              </DropdownMenu.RadioGroup>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
        <input
          className="label-editor-name"
          value={name}
          maxLength={40}
          aria-label={t('labels.name')}
          placeholder={t('labels.namePlaceholder')}
          data-testid={`${testId}-name`}
          onChange={(e) => {
            setName(e.target.value);
            save.reset();
          }}
        />
        <button type="submit" className="btn" disabled={!changed || save.isPending} data-testid={`${testId}-save`}>
          {label ? t('labels.save') : t('labels.create')}
        </button>
        {label && (
          <button
            type="button"
            className="btn btn-icon btn-danger-quiet"
            aria-label={t('labels.delete', { name: label.name })}
            title={t('labels.delete', { name: label.name })}
            disabled={remove.isPending}
            onClick={() => remove.mutate(label.id)}
            data-testid="label-row-delete"
          >
            <TrashIcon width={16} height={16} />
          </button>
        )}
      </form>
      {error && <p className="field-error">{errorText(error)}</p>}
    </li>
  );
}
