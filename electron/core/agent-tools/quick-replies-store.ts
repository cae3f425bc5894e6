import { asc, eq, sql } from 'drizzle-orm';
import type { QuickReplyDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import { quickReplies } from '../db/schema';
import { sameName, withUniqueName } from './unique-name';

export const SHORTCUT_TAKEN = 'A quick reply with that shortcut exists';

const columns = { id: quickReplies.id, shortcut: quickReplies.shortcut, text: quickReplies.text };

/** Every quick reply, by shortcut (the order the composer's "/" menu shows). */
export function listQuickReplies(orm: Orm): QuickReplyDto[] {
  return orm.select(columns).from(quickReplies).orderBy(sql`${quickReplies.shortcut} collate nocase`, asc(quickReplies.id)).all();
}

/** Creates (no id) or edits a quick reply; shortcuts are unique regardless of case. */
export function saveQuickReply(orm: Orm, input: { id?: number; shortcut: string; text: string }, now: number): QuickReplyDto {
  return orm.$client.transaction(() => {
    const clash = listQuickReplies(orm).find((q) => q.id !== input.id && sameName(q.shortcut, input.shortcut));
    if (clash) throw new AppError('BAD_REQUEST', SHORTCUT_TAKEN);
    return withUniqueName(SHORTCUT_TAKEN, () => {
      if (input.id === undefined) {
        return orm.insert(quickReplies).values({ shortcut: input.shortcut, text: input.text, createdAt: now }).returning(columns).get();
      }
      const saved = orm
        .update(quickReplies)
        .set({ shortcut: input.shortcut, text: input.text })
        .where(eq(quickReplies.id, input.id))
        .returning(columns)
        .get();
      if (!saved) throw new AppError('NOT_FOUND', `No quick reply ${input.id}`);
      return saved;
    });
  })();
}

export function deleteQuickReply(orm: Orm, id: number): boolean {
  return orm.delete(quickReplies).where(eq(quickReplies.id, id)).run().changes > 0;
}
