import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { LabelDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import { chatLabels, labels } from '../db/schema';
import { sameName, withUniqueName } from './unique-name';

export const LABEL_NAME_TAKEN = 'A label with that name exists';

const columns = { id: labels.id, name: labels.name, color: labels.color };

/** Every label, by name. */
export function listLabels(orm: Orm): LabelDto[] {
  return orm.select(columns).from(labels).orderBy(sql`${labels.name} collate nocase`, asc(labels.id)).all();
}

/** Creates a label (no id) or renames/recolours one; names are unique regardless of case. */
export function saveLabel(orm: Orm, input: { id?: number; name: string; color: string }, now: number): LabelDto {
  return orm.$client.transaction(() => {
    const clash = listLabels(orm).find((l) => l.id !== input.id && sameName(l.name, input.name));
    if (clash) throw new AppError('BAD_REQUEST', LABEL_NAME_TAKEN);
    return withUniqueName(LABEL_NAME_TAKEN, () => {
      if (input.id === undefined) {
        return orm.insert(labels).values({ name: input.name, color: input.color, createdAt: now }).returning(columns).get();
      }
      const saved = orm.update(labels).set({ name: input.name, color: input.color }).where(eq(labels.id, input.id)).returning(columns).get();
      if (!saved) throw new AppError('NOT_FOUND', `No label ${input.id}`);
      return saved;
    });
  })();
}

/** Deletes the label; chat_labels rows go with it (foreign-key cascade). Returns the chats that wore it. */
export function deleteLabel(orm: Orm, id: number): { deleted: boolean; chatIds: number[] } {
  return orm.$client.transaction(() => {
    const chatIds = orm
      .select({ chatId: chatLabels.chatId })
      .from(chatLabels)
      .where(eq(chatLabels.labelId, id))
      .all()
      .map((r) => r.chatId);
    const deleted = orm.delete(labels).where(eq(labels.id, id)).run().changes > 0;
    return { deleted, chatIds: deleted ? chatIds : [] };
  })();
}

/** Replaces the chat's labels with exactly these, all or nothing; an unknown label id is NOT_FOUND. */
export function setChatLabels(orm: Orm, chatId: number, labelIds: readonly number[]): void {
  const wanted = [...new Set(labelIds)];
  orm.$client.transaction(() => {
    if (wanted.length > 0) {
      const known = new Set(
        orm
          .select({ id: labels.id })
          .from(labels)
          .where(inArray(labels.id, wanted))
          .all()
          .map((r) => r.id),
      );
      const missing = wanted.filter((id) => !known.has(id));
      if (missing.length > 0) throw new AppError('NOT_FOUND', `No label ${missing.join(', ')}`);
    }
    orm.delete(chatLabels).where(eq(chatLabels.chatId, chatId)).run();
    if (wanted.length > 0) orm.insert(chatLabels).values(wanted.map((labelId) => ({ chatId, labelId }))).run();
  })();
}
