/**
 * Campaign message templates: `{{variable}}` takes the recipient's value and `{a|b|c}` (spintax)
 * picks one choice per recipient. Pure, so the core sends and the renderer previews the same text.
 */

type Part = { kind: 'text'; text: string } | { kind: 'variable'; name: string } | { kind: 'spin'; choices: string[] };

export function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < template.length) {
    if (template.startsWith('{{', i)) {
      const end = template.indexOf('}}', i + 2);
      if (end > i + 2) {
        flush();
        parts.push({ kind: 'variable', name: template.slice(i + 2, end).trim() });
        i = end + 2;
        continue;
      }
    } else if (template[i] === '{') {
      const end = template.indexOf('}', i + 1);
      const inner = end > i ? template.slice(i + 1, end) : '';
      // Only a brace pair with a choice in it is spintax; anything else stays as typed.
      if (end > i && inner.includes('|') && !inner.includes('{')) {
        flush();
        parts.push({ kind: 'spin', choices: inner.split('|') });
        i = end + 1;
        continue;
      }
    }
    text += template[i];
    i += 1;
  }
  flush();
  return parts;
}

/** The variable names a template uses, in order of first use. */
export const templateVariables = (template: string): string[] => [
  ...new Set(parseTemplate(template).flatMap((p) => (p.kind === 'variable' ? [p.name] : []))),
];

/** How many different texts the spintax can make (1 without spintax). */
export const variantCount = (template: string): number =>
  parseTemplate(template).reduce((n, p) => (p.kind === 'spin' ? n * p.choices.length : n), 1);

export interface RenderedMessage {
  text: string;
  /** The choice taken in each spintax group ("1.0"), or null when there is no spintax. */
  variant: string | null;
}

/**
 * The text one recipient gets. `random` in [0,1) picks the choices; a missing variable becomes
 * empty (the check before launch lists templates that use columns nobody mapped).
 */
export function renderTemplate(template: string, variables: Readonly<Record<string, string>>, random: () => number): RenderedMessage {
  const picks: number[] = [];
  let text = '';
  for (const part of parseTemplate(template)) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'variable') text += variables[part.name] ?? '';
    else {
      const pick = Math.min(part.choices.length - 1, Math.floor(random() * part.choices.length));
      picks.push(pick);
      text += part.choices[pick];
    }
  }
  return { text: text.trim(), variant: picks.length > 0 ? picks.join('.') : null };
}

/** The text of a given variant with the given variables (reports show one example per variant). */
export function renderVariant(template: string, variables: Readonly<Record<string, string>>, variant: string | null): string {
  const picks = variant ? variant.split('.').map(Number) : [];
  let index = 0;
  return renderTemplate(template, variables, () => {
    const parts = parseTemplate(template).filter((p): p is Extract<Part, { kind: 'spin' }> => p.kind === 'spin');
    const group = parts[index];
    const pick = picks[index] ?? 0;
    index += 1;
    return group ? (pick + 0.5) / group.choices.length : 0;
  }).text;
}
