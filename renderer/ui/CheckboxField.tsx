import { Checkbox } from 'radix-ui';
import type { ReactNode } from 'react';
import { CheckIcon } from './icons';

interface Props {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  disabled?: boolean;
}

/** A Radix checkbox with its label and an optional one-line hint under it. */
export function CheckboxField({ id, label, hint, checked, onChange, testId, disabled }: Props) {
  return (
    <div className="check-field">
      <Checkbox.Root
        id={id}
        className="checkbox"
        data-testid={testId}
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onCheckedChange={(value) => onChange(value === true)}
      >
        <Checkbox.Indicator className="checkbox-mark">
          <CheckIcon width={12} height={12} />
        </Checkbox.Indicator>
      </Checkbox.Root>
      <div className="check-text">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <div className="field-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
      </div>
    </div>
  );
}
