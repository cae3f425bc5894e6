import type { QuickReplyDto } from '../../../shared/contract';

/**
 * The text after "/" while the composer holds only "/something" (no spaces): the quick-reply
 * popup is open for it. null: the popup is closed.
 */
export function quickReplyQuery(text: string): string | null {
  const match = /^\/([^\s/]*)$/u.exec(text);
  return match ? (match[1] ?? '') : null;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

/**
 * Quick replies for a query, best first: shortcuts that start with it, then shortcuts that contain
 * it, then replies whose text contains it. Case and accents are ignored ("cancion" finds "Canción").
 */
export function filterQuickReplies(replies: readonly QuickReplyDto[], query: string, limit = 8): QuickReplyDto[] {
  const q = fold(query.trim());
  const ranked = replies
    .map((reply) => {
      const shortcut = fold(reply.shortcut);
      const rank = q === '' ? 0 : shortcut.startsWith(q) ? 0 : shortcut.includes(q) ? 1 : fold(reply.text).includes(q) ? 2 : -1;
      return { reply, rank };
    })
    .filter((x) => x.rank >= 0);
  ranked.sort((a, b) => a.rank - b.rank || a.reply.shortcut.localeCompare(b.reply.shortcut));
  return ranked.slice(0, limit).map((x) => x.reply);
}

/**
 * The first name to greet someone by: the first word of a person's name. A chat with no name is
 * titled with its number, which has no first name, so it is used whole.
 */
export function firstName(fullName: string): string {
  const trimmed = fullName.trim();
  if (!/\p{L}/u.test(trimmed)) return trimmed;
  return trimmed.split(/\s+/u)[0] ?? trimmed;
}

/**
 * `{{nombre}}` / `{{name}}` become the contact's first name ("Gracias, María"), as a person would
 * write; `{{nombre_completo}}` / `{{full_name}}` the whole name. Any case, spaces allowed inside the
 * braces. (Campaign templates are different: there `{{nombre}}` is the value of a file column.)
 */
export function fillQuickReply(text: string, vars: { name: string }): string {
  return text.replace(/\{\{\s*(nombre_completo|full_name|nombre|name)\s*\}\}/giu, (_match, variable: string) =>
    /^(nombre_completo|full_name)$/iu.test(variable) ? vars.name : firstName(vars.name),
  );
}
