import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { completeSent, getMessageById, markSending, nextQueuedEntry } from '../outbox/outbox-store';
import { openOutboxHarness } from '../testing/outbox-harness';
import { messages, outbox } from './schema';

describe('hand-written statements read rows as drizzle does', () => {
  it('maps booleans, blobs and nulls of messages and outbox rows the same way', () => {
    const t = openOutboxHarness();
    const queued = t.outbox.queueText({ chatId: t.chat.id, text: 'hola' });
    const drizzleMessage = () => t.orm.select().from(messages).where(eq(messages.id, queued.id)).get();
    expect(getMessageById(t.orm, queued.id)).toEqual(drizzleMessage());
    expect(drizzleMessage()?.fromMe).toBe(true);

    const entry = nextQueuedEntry(t.orm, t.accountId)!;
    expect(entry.outbox).toEqual(t.orm.select().from(outbox).get());
    expect(entry.message).toEqual(drizzleMessage());
    expect(markSending(t.orm, entry)).toEqual({ ...drizzleMessage(), status: 'pending' });

    const proto = Buffer.from([1, 2, 3]);
    const sent = completeSent(t.orm, entry.outbox.id, queued.id, { proto, messageSecret: null });
    expect(sent).toEqual(drizzleMessage());
    expect(sent).toMatchObject({ status: 'sent', proto, messageSecret: null, fromMe: true });
    expect(nextQueuedEntry(t.orm, t.accountId)).toBeUndefined();
  });
});
