/** Chart colours from the theme's CSS variables, so light and dark mode need nothing else. */
export const chartTheme = {
  text: 'var(--text-muted)',
  grid: 'var(--border)',
  cursor: 'var(--bg-hover)',
  received: 'var(--accent)',
  sent: 'var(--info)',
  line: 'var(--warning)',
  tooltip: { background: 'var(--bg-panel)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)' },
} as const;
