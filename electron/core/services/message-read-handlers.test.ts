import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { openInboxHarness } from '../testing/inbox-harness';
import { reactionUpsert } from '../testing/wa-changes';
import { customerJid, waMessage } from '../testing/wa-messages';
import type { HandlerDeps } from './handler-deps';
import { createMessageReadHandlers } from './message-read-handlers';
import { createSearchHandlers } from './search-handlers';

/** A chat with `count` messages M0…M(count-1), one second apart, stored out of order. */
async function chatWith(count: number) {
  const t = openInboxHarness();
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => ((a * 7) % count) - ((b * 7) % count));
  await t.ingest.ingestUpsert(
    t.accountId,
    order.map((i) => waMessage({ id: `M${i}`, remoteJid: customerJid, message: { conversation: `mensaje ${i}` }, seconds: 1_700_000_000 + i })),
    'notify',
  );
  const deps = { orm: t.orm } as HandlerDeps;
  const id = (waId: string) => t.dto(waId)!.id;
  return { t, read: createMessageReadHandlers(deps), search: createSearchHandlers(deps), id, chatId: t.chats()[0]!.id };
}

const waIds = (list: { waId: string }[]) => list.map((m) => m.waId);

describe('messages.around', () => {
  it('returns the message in the middle of the page, oldest first', async () => {
    const { read, id, chatId } = await chatWith(30);
    const page = await read['messages.around']({ chatId, messageId: id('M15'), limit: 9 });
    expect(waIds(page)).toEqual(['M11', 'M12', 'M13', 'M14', 'M15', 'M16', 'M17', 'M18', 'M19']);
  });

  it('fills the page with newer messages near the start of the chat', async () => {
    const { read, id, chatId } = await chatWith(30);
    const page = await read['messages.around']({ chatId, messageId: id('M1'), limit: 6 });
    expect(waIds(page)).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5']);
  });

  it('opens a search result at its message', async () => {
    const { search, read, chatId } = await chatWith(30);
    const { messages } = await search['search.query']({ text: 'mensaje 20', limit: 50 });
    const hit = messages.find((h) => h.message.waId === 'M20')!;
    const page = await read['messages.around']({ chatId: hit.chat.id, messageId: hit.message.id, limit: 5 });
    expect(waIds(page)).toEqual(['M18', 'M19', 'M20', 'M21', 'M22']);
    expect(chatId).toBe(hit.chat.id);
  });

  it('answers NOT_FOUND for a message of another chat', async () => {
    const { read, id, chatId } = await chatWith(3);
    expect(() => read['messages.around']({ chatId: chatId + 1, messageId: id('M1'), limit: 5 })).toThrow(AppError);
  });
});

describe('messages.list', () => {
  it('lists a page with each message’s reactions', async () => {
    const { t, read, chatId } = await chatWith(3);
    await t.ingest.ingestUpsert(t.accountId, [reactionUpsert('R1', 'M1', '👍'), reactionUpsert('R2', 'M2', '🎉', { fromMe: true })], 'notify');
    const page = await read['messages.list']({ chatId, limit: 50 });
    expect(page.map((m) => [m.waId, m.reactions])).toEqual([
      ['M0', []],
      ['M1', [{ emoji: '👍', count: 1, fromMe: false }]],
      ['M2', [{ emoji: '🎉', count: 1, fromMe: true }]],
    ]);
  });
});

describe('messages.list paging', () => {
  it('pages back through messages that share a second without skipping or repeating one', async () => {
    const t = openInboxHarness();
    // Seven messages in the same second, stored in a scrambled order: only the id breaks the tie.
    const order = [3, 0, 6, 1, 5, 2, 4];
    await t.ingest.ingestUpsert(
      t.accountId,
      order.map((i) => waMessage({ id: `T${i}`, remoteJid: customerJid, message: { conversation: `igual ${i}` }, seconds: 1_700_000_000 })),
      'notify',
    );
    const read = createMessageReadHandlers({ orm: t.orm } as HandlerDeps);
    const chatId = t.chats()[0]!.id;
    const seen: number[] = [];
    let page = await read['messages.list']({ chatId, limit: 3 });
    while (page.length > 0) {
      seen.unshift(...page.map((m) => m.id));
      page = await read['messages.list']({ chatId, limit: 3, beforeId: page[0]!.id });
    }
    expect(seen).toHaveLength(7);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('answers an empty page for a cursor that no longer exists', async () => {
    const { read, chatId } = await chatWith(3);
    expect(await read['messages.list']({ chatId, limit: 3, beforeId: 999_999 })).toEqual([]);
  });

  it('answers NOT_FOUND for a conversation that does not exist', async () => {
    const { read, chatId } = await chatWith(1);
    expect(() => read['messages.list']({ chatId: chatId + 100, limit: 3 })).toThrow(AppError);
  });
});
