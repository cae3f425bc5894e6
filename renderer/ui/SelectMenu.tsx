import { Select } from 'radix-ui';
import { CheckIcon, ChevronDownIcon } from './icons';

export interface SelectOption {
  value: string;
  label: string;
  /** A colour dot before the label (accounts, labels). */
  color?: string;
}

interface Props {
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  /** The accessible name (the control shows only the chosen option). */
  label: string;
  testId?: string;
  className?: string;
  disabled?: boolean;
  /** Shown in the closed control instead of the chosen option's label (e.g. a short filter name). */
  display?: string;
}

/** A compact Radix Select: keyboard and screen-reader behaviour come with it. */
export function SelectMenu({ value, options, onChange, label, testId, className, disabled, display }: Props) {
  const current = options.find((o) => o.value === value);
  return (
    <Select.Root value={value} onValueChange={onChange} disabled={disabled}>
      <Select.Trigger className={`select-trigger ${className ?? ''}`} aria-label={label} data-testid={testId} title={label}>
        {current?.color && <span className="select-dot" style={{ backgroundColor: current.color }} aria-hidden />}
        <span className="select-value">
          <Select.Value>{display ?? current?.label}</Select.Value>
        </span>
        <Select.Icon className="select-icon">
          <ChevronDownIcon />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content className="select-content" position="popper" sideOffset={4} data-testid={testId ? `${testId}-options` : undefined}>
          <Select.Viewport className="select-viewport">
            {options.map((option) => (
              <Select.Item key={option.value} value={option.value} className="select-item" data-value={option.value}>
                {option.color && <span className="select-dot" style={{ backgroundColor: option.color }} aria-hidden />}
                <Select.ItemText>{option.label}</Select.ItemText>
                <Select.ItemIndicator className="select-check">
                  <CheckIcon width={12} height={12} />
                </Select.ItemIndicator>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
