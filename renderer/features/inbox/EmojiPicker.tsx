import { Popover } from 'radix-ui';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SmileIcon } from '../../ui/icons';

/** The ~60 emoji a shop counter uses most; no package, no network. */
export const COMMON_EMOJI = [
  '😀', '😃', '😄', '😁', '😊', '🙂', '😉', '😍', '🥰', '😘',
  '😅', '😂', '🤣', '😇', '🤗', '🤔', '😐', '😴', '😎', '🥳',
  '😢', '😭', '😮', '😱', '😡', '🙄', '😬', '🤝', '🙏', '👏',
  '👍', '👎', '👌', '✌️', '🤞', '👋', '💪', '👀', '❤️', '🧡',
  '💛', '💚', '💙', '💜', '🔥', '✨', '⭐', '🎉', '🎁', '✅',
  '❌', '⚠️', '❓', '💯', '📦', '🚚', '💰', '🛒', '📍', '📞',
] as const;

const COLUMNS = 10;

/** A Radix Popover with a grid of emoji; arrow keys move, Enter inserts. */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const grid = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(grid.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, index + step))]?.focus();
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className="btn btn-icon composer-tool" aria-label={t('composer.emoji')} title={t('composer.emoji')} data-testid="emoji-button">
        <SmileIcon />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover emoji-popover" side="top" align="start" sideOffset={6} data-testid="emoji-picker" aria-label={t('composer.emoji')}>
          <div className="emoji-grid" ref={grid} onKeyDown={onKeyDown} role="group">
            {COMMON_EMOJI.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className="emoji-button"
                aria-label={emoji}
                onClick={() => {
                  onPick(emoji);
                  setOpen(false);
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
