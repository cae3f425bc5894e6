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

/** `{{nombre}}` / `{{name}}` (any case, spaces allowed inside the braces) become the contact's name. */
export function fillQuickReply(text: string, vars: { name: string }): string {
  return text.replace(/\{\{\s*(nombre|name)\s*\}\}/giu, () => vars.name);
}
