import { describe, expect, it } from 'vitest';
import { openAgentToolsHarness, phoneJid } from '../testing/agent-tools-harness';

const T = 1_700_000_000_000;

describe('chats.update', () => {
  it('sets status, pin, archive and mute, and tells the renderer', async () => {
    const h = openAgentToolsHarness();
    const id = h.chat({ jid: phoneJid('5215511110000') });
    const chat = await h.value('chats.update', { chatId: id, status: 'pending', pinned: true, archived: true, mutedUntil: T + 60_000 });
    expect(chat).toMatchObject({ id, status: 'pending', pinned: true, archived: true, mutedUntil: T + 60_000 });
    expect(h.emitted('chats.upserted')).toEqual([chat]);

    const back = await h.value('chats.update', { chatId: id, pinned: false, archived: false, mutedUntil: null });
    expect(back).toMatchObject({ status: 'pending', pinned: false, archived: false, mutedUntil: null });
  });

  it('keeps a pinned chat in its place when it is pinned again', async () => {
    const h = openAgentToolsHarness();
    const first = h.chat({ jid: phoneJid('5215511110001') });
    const second = h.chat({ jid: phoneJid('5215511110002') });
    await h.value('chats.update', { chatId: first, pinned: true });
    h.clock.now += 1000;
    await h.value('chats.update', { chatId: second, pinned: true });
    h.clock.now += 1000;
    await h.value('chats.update', { chatId: first, pinned: true });
    expect((await h.value('chats.list', {})).map((c) => c.id)).toEqual([second, first]);
  });

  it('answers NOT_FOUND for a chat that does not exist', async () => {
    const h = openAgentToolsHarness();
    expect(await h.call('chats.update', { chatId: 999, status: 'resolved' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('labels', () => {
  it('creates, renames and lists labels by name', async () => {
    const h = openAgentToolsHarness();
    const zeta = await h.value('labels.save', { name: 'Zeta', color: '#aa0000' });
    const alpha = await h.value('labels.save', { name: 'alpha', color: '#00aa00' });
    const renamed = await h.value('labels.save', { id: zeta.id, name: 'Beta', color: '#0000aa' });
    expect(renamed).toEqual({ id: zeta.id, name: 'Beta', color: '#0000aa' });
    expect(await h.value('labels.list', {})).toEqual([alpha, renamed]);
    expect(h.emitted('labels.upserted')).toEqual([alpha, renamed]);
  });

  it('refuses a second label with the same name, whatever its case', async () => {
    const h = openAgentToolsHarness();
    const urgent = await h.value('labels.save', { name: 'Urgente', color: '#aa0000' });
    const other = await h.value('labels.save', { name: 'Otro', color: '#aa0000' });
    for (const attempt of [{ name: 'Urgente' }, { name: 'urgente' }, { name: 'URGENTE', id: other.id }]) {
      expect(await h.call('labels.save', { ...attempt, color: '#00aa00' })).toEqual({
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'A label with that name exists' },
      });
    }
    // Its own name, in another case, is fine.
    expect(await h.value('labels.save', { id: urgent.id, name: 'URGENTE', color: '#aa0000' })).toMatchObject({ name: 'URGENTE' });
    expect(await h.call('labels.save', { id: 999, name: 'Nuevo', color: '#aa0000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('deleting a label takes it off its chats and tells the renderer about those chats only', async () => {
    const h = openAgentToolsHarness();
    const [vip, late] = [await h.value('labels.save', { name: 'VIP', color: '#aa0000' }), await h.value('labels.save', { name: 'Tarde', color: '#00aa00' })];
    const tagged = h.chat({ jid: phoneJid('5215511110003') });
    const untouched = h.chat({ jid: phoneJid('5215511110004') });
    await h.value('chats.setLabels', { chatId: tagged, labelIds: [vip.id, late.id] });
    await h.value('chats.setLabels', { chatId: untouched, labelIds: [late.id] });
    h.clearEvents();

    expect(await h.value('labels.delete', { id: vip.id })).toEqual({ deleted: true });
    expect(h.emitted('labels.removed')).toEqual([{ id: vip.id }]);
    expect(h.emitted('chats.upserted').map((c) => [c.id, c.labelIds])).toEqual([[tagged, [late.id]]]);
    expect((await h.value('chats.list', {})).map((c) => [c.id, c.labelIds])).toEqual(
      expect.arrayContaining([
        [tagged, [late.id]],
        [untouched, [late.id]],
      ]),
    );

    h.clearEvents();
    expect(await h.value('labels.delete', { id: vip.id })).toEqual({ deleted: false });
    expect(h.emitted('labels.removed')).toEqual([]);
  });
});

describe('chats.setLabels', () => {
  it('replaces the chat’s labels with exactly the given ones', async () => {
    const h = openAgentToolsHarness();
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => h.value('labels.save', { name, color: '#aa0000' })));
    const id = h.chat({ jid: phoneJid('5215511110005') });
    expect((await h.value('chats.setLabels', { chatId: id, labelIds: [b!.id, a!.id, b!.id] })).labelIds).toEqual([a!.id, b!.id]);
    expect((await h.value('chats.setLabels', { chatId: id, labelIds: [c!.id] })).labelIds).toEqual([c!.id]);
    expect(h.emitted('chats.upserted').at(-1)).toMatchObject({ id, labelIds: [c!.id] });
    expect((await h.value('chats.setLabels', { chatId: id, labelIds: [] })).labelIds).toEqual([]);
  });

  it('changes nothing when a label id is unknown', async () => {
    const h = openAgentToolsHarness();
    const known = await h.value('labels.save', { name: 'a', color: '#aa0000' });
    const id = h.chat({ jid: phoneJid('5215511110006') });
    await h.value('chats.setLabels', { chatId: id, labelIds: [known.id] });
    h.clearEvents();
    expect(await h.call('chats.setLabels', { chatId: id, labelIds: [999] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await h.value('chats.list', {}))[0]!.labelIds).toEqual([known.id]);
    expect(h.emitted('chats.upserted')).toEqual([]);
    expect(await h.call('chats.setLabels', { chatId: 999, labelIds: [known.id] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('notes', () => {
  it('adds, lists oldest first and deletes a chat’s notes, telling the renderer', async () => {
    const h = openAgentToolsHarness();
    const id = h.chat({ jid: phoneJid('5215511110007') });
    const other = h.chat({ jid: phoneJid('5215511110008') });
    const first = await h.value('notes.add', { chatId: id, text: 'Prefiere WhatsApp' });
    h.clock.now += 1000;
    const second = await h.value('notes.add', { chatId: id, text: 'Pagó el 50%' });
    await h.value('notes.add', { chatId: other, text: 'otra' });
    expect(first).toEqual({ id: first.id, chatId: id, text: 'Prefiere WhatsApp', createdAt: T });
    expect(await h.value('notes.list', { chatId: id })).toEqual([first, second]);
    expect(h.emitted('notes.upserted').slice(0, 2)).toEqual([first, second]);

    expect(await h.value('notes.delete', { id: first.id })).toEqual({ deleted: true });
    expect(h.emitted('notes.removed')).toEqual([{ id: first.id, chatId: id }]);
    expect(await h.value('notes.list', { chatId: id })).toEqual([second]);
    expect(await h.value('notes.delete', { id: first.id })).toEqual({ deleted: false });
    expect(h.emitted('notes.removed')).toHaveLength(1);
  });

  it('answers NOT_FOUND for notes of a chat that does not exist', async () => {
    const h = openAgentToolsHarness();
    expect(await h.call('notes.add', { chatId: 999, text: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call('notes.list', { chatId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('quick replies', () => {
  it('creates, edits, lists by shortcut and deletes, telling the renderer', async () => {
    const h = openAgentToolsHarness();
    const thanks = await h.value('quickReplies.save', { shortcut: 'gracias', text: 'Gracias, {{nombre}}' });
    const hello = await h.value('quickReplies.save', { shortcut: 'Hola', text: 'Hola' });
    const edited = await h.value('quickReplies.save', { id: hello.id, shortcut: 'hola', text: '¡Hola, {{nombre}}!' });
    expect(await h.value('quickReplies.list', {})).toEqual([thanks, edited]);
    expect(h.emitted('quickReplies.upserted')).toEqual([thanks, edited]);

    expect(await h.value('quickReplies.delete', { id: thanks.id })).toEqual({ deleted: true });
    expect(h.emitted('quickReplies.removed')).toEqual([{ id: thanks.id }]);
    expect(await h.value('quickReplies.delete', { id: thanks.id })).toEqual({ deleted: false });
    expect(await h.value('quickReplies.list', {})).toEqual([edited]);
  });

  it('refuses a second quick reply with the same shortcut', async () => {
    const h = openAgentToolsHarness();
    await h.value('quickReplies.save', { shortcut: 'precio', text: 'a' });
    expect(await h.call('quickReplies.save', { shortcut: 'Precio', text: 'b' })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'A quick reply with that shortcut exists' },
    });
    expect(await h.value('quickReplies.list', {})).toHaveLength(1);
  });
});

describe('inbox.counts', () => {
  it('counts unread chats and messages, leaving out archived and muted chats', async () => {
    const h = openAgentToolsHarness();
    h.chat({ jid: phoneJid('5215511110010'), unreadCount: 2 });
    h.chat({ jid: phoneJid('5215511110011'), unreadCount: 3, mutedUntil: T - 1 }); // the mute has ended
    h.chat({ jid: phoneJid('5215511110012'), unreadCount: 4, archived: true });
    h.chat({ jid: phoneJid('5215511110013'), unreadCount: 5, mutedUntil: T + 1 });
    h.chat({ jid: phoneJid('5215511110014'), unreadCount: 0 });
    expect(await h.value('inbox.counts', {})).toEqual({ unreadChats: 2, unreadMessages: 5 });
  });
});
