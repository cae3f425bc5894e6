/** An account's colour; the only thing telling two numbers apart at a glance. */
export function ColorDot({ color, size = 10, label }: { color: string; size?: number; label?: string }) {
  return (
    <span
      className="color-dot"
      style={{ backgroundColor: color, width: size, height: size }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
