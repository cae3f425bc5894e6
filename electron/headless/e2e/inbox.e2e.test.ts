import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, solidPng } from './harness';

// The agent's inbox in real Chromium against the real headless server and a practice account:
// search with accents, labels, notes, status, pin, a quick reply made in Settings, a picture.

const MARIA = { name: 'María Pérez', phone: '+34 612 345 678', text: '¿Tienen canción de cuna?' };
const JOSE = { name: 'José Núñez', phone: '+52 55 8765 4321', text: 'Quiero un pedido para mañana' };
const QUICK = { shortcut: 'gracias', text: 'Gracias, {{nombre}}. Te la apartamos hoy mismo.' };
const LABEL = 'Cuna';
const NOTE = 'Pidió la versión en vinilo; llamar el lunes.';

describe('inbox in the browser', () => {
  const session = browserSession('inbox');
  const { byTestId, screenshot } = session;
  const pngPath = join(mkdtempSync(join(tmpdir(), 'mostrador-e2e-png-')), 'producto.png');
  let mariaChatId = '';
  let accountId = '';

  const chatRow = (chatId: string) => session.page.locator(`[data-testid="chat-row"][data-chat-id="${chatId}"]`);
  const conversation = () => byTestId('conversation');
  /** The unread total in the tab title (inbox.counts); soft, so a late server piece does not hide the rest. */
  const expectTitle = async (want: string) => {
    const deadline = Date.now() + 10_000;
    let title = await session.page.title();
    while (title !== want && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      title = await session.page.title();
    }
    expect.soft(title, 'page title from inbox.counts').toBe(want);
  };

  beforeAll(async () => {
    writeFileSync(pngPath, solidPng());
  });

  it('two customers write to a practice account; the title counts them', async () => {
    await session.page.goto(session.server!.url);
    await byTestId('sidebar').waitFor();
    await byTestId('nav-accounts').click();
    await byTestId('add-practice-account').click();
    const card = byTestId('account-card');
    await card.locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
    accountId = (await card.getAttribute('data-account-id')) ?? '';

    for (const customer of [MARIA, JOSE]) {
      await card.getByTestId('simulate-customer').click();
      await byTestId('simulate-dialog').waitFor();
      await byTestId('simulate-name').fill(customer.name);
      await byTestId('simulate-phone').fill(customer.phone);
      await byTestId('simulate-text').fill(customer.text);
      await byTestId('simulate-submit').click();
      await byTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    }

    await byTestId('nav-inbox').click();
    await expect.poll(() => byTestId('chat-row').count(), { timeout: 30_000 }).toBe(2);
    const maria = byTestId('chat-row').filter({ hasText: MARIA.text });
    mariaChatId = (await maria.getAttribute('data-chat-id')) ?? '';
    expect(mariaChatId).not.toBe('');
    // inbox.counts (query + event): two unread conversations in the browser tab's title.
    await screenshot('two-customers');
    await expectTitle('(2) Mostrador');
  });

  it('creates a quick reply in Settings', async () => {
    await byTestId('nav-settings').click();
    const section = byTestId('quick-replies-section');
    await section.waitFor();
    await byTestId('quick-reply-shortcut').fill(QUICK.shortcut);
    await byTestId('quick-reply-text').fill(QUICK.text);
    await byTestId('quick-reply-save').click();
    await section.getByTestId('quick-reply-row').filter({ hasText: `/${QUICK.shortcut}` }).waitFor({ timeout: 15_000 });
    await screenshot('settings-quick-reply');
  });

  it('finds "cancion" without its accent and opens the chat at that message', async () => {
    await byTestId('nav-inbox').click();
    await session.page.keyboard.press('Control+k');
    await expect.poll(() => session.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    await session.page.keyboard.type('cancion');
    const hit = byTestId('search-hit').filter({ hasText: MARIA.name });
    await hit.waitFor({ timeout: 15_000 });
    expect(await hit.locator('mark').first().innerText()).toBe('canción');
    await screenshot('search-results');

    const messageId = await hit.getAttribute('data-message-id');
    await hit.click();
    await conversation().waitFor();
    expect(await conversation().getAttribute('data-chat-id')).toBe(mariaChatId);
    const target = conversation().locator(`[data-testid="message"][data-message-id="${messageId}"]`);
    await target.waitFor();
    expect(await target.innerText()).toContain(MARIA.text);
    await byTestId('search-clear').click();
    // Opening it marks it read: the title drops to the one conversation left.
    await expectTitle('(1) Mostrador');
  });

  it('labels the conversation, adds a note, sets it pending and pins it', async () => {
    const panel = byTestId('details-panel');
    await panel.waitFor();
    expect(await byTestId('details-name').innerText()).toBe(MARIA.name);

    await byTestId('labels-menu').click();
    await byTestId('manage-labels').click();
    await byTestId('labels-dialog').waitFor();
    await byTestId('label-new-name').fill(LABEL);
    await byTestId('label-new-save').click();
    await byTestId('labels-dialog').getByTestId('label-row').filter({ has: session.page.locator(`input[value="${LABEL}"]`) }).waitFor({ timeout: 15_000 });
    await byTestId('labels-dialog-close').click();
    await byTestId('labels-dialog').waitFor({ state: 'detached' });

    await byTestId('labels-menu').click();
    await byTestId('label-option').filter({ hasText: LABEL }).click();
    await session.page.keyboard.press('Escape');
    await byTestId('details-label').filter({ hasText: LABEL }).waitFor({ timeout: 15_000 });
    await chatRow(mariaChatId).getByTestId('chat-label').filter({ hasText: LABEL }).waitFor();

    await byTestId('note-input').fill(NOTE);
    await byTestId('note-add').click();
    await byTestId('note').filter({ hasText: NOTE }).waitFor({ timeout: 15_000 });
    // The note also shows in the conversation, marked as the team's.
    await conversation().getByTestId('note-line').filter({ hasText: NOTE }).waitFor({ timeout: 15_000 });
    await screenshot('note-in-conversation');

    await byTestId('status-pending').click();
    await expect.poll(() => byTestId('conversation-status').innerText()).toBe('Pendiente');
    expect(await byTestId('status-pending').getAttribute('data-state')).toBe('on');

    await byTestId('chat-pin').click();
    await expect.poll(() => chatRow(mariaChatId).getAttribute('data-pinned')).toBe('true');
    await chatRow(mariaChatId).getByTestId('chat-pinned').waitFor();
    // Pinned chats come first.
    expect(await byTestId('chat-row').first().getAttribute('data-chat-id')).toBe(mariaChatId);

    // The status filter narrows the list to this conversation.
    await byTestId('filter-status').click();
    await session.page.getByRole('option', { name: 'Pendiente' }).click();
    await expect.poll(() => byTestId('chat-row').count()).toBe(1);
    await byTestId('filter-clear').click();
    await expect.poll(() => byTestId('chat-row').count()).toBe(2);
  });

  it('replies with the quick reply, the name filled in', async () => {
    const input = byTestId('composer-input');
    await input.click();
    await input.fill('/grac');
    const option = byTestId('quick-reply-option').filter({ hasText: `/${QUICK.shortcut}` });
    await option.waitFor();
    await input.press('Enter');
    // {{nombre}} is the first name: "Gracias, María."
    const expected = QUICK.text.replace('{{nombre}}', MARIA.name.split(' ')[0]!);
    await expect.poll(() => input.inputValue()).toBe(expected);
    await input.press('Enter');
    const reply = conversation().locator('[data-testid="message"][data-from-me="true"]').filter({ hasText: expected });
    await reply.waitFor({ timeout: 30_000 });
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 30_000 }).toMatch(/^(sent|delivered|read)$/);
    await expect.poll(() => input.inputValue()).toBe('');
  });

  it('refuses a picture on a practice account with a clear message and keeps the draft', async () => {
    await byTestId('attach-input').setInputFiles(pngPath);
    const attachment = byTestId('attachment');
    await attachment.waitFor();
    expect(await attachment.getAttribute('data-kind')).toBe('image');
    await byTestId('composer-input').fill('Así es la portada');
    await screenshot('attachment-preview');
    await byTestId('composer-send').click();

    // The practice server carries no files: the person is told so, and nothing is queued.
    const refused = byTestId('composer-error');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.innerText()).toContain('solo lleva mensajes de texto');
    expect(await byTestId('attachment').count()).toBe(1);
    expect(await conversation().locator('[data-testid="message"][data-from-me="true"]').filter({ hasText: 'Así es la portada' }).count()).toBe(0);
    await screenshot('picture-refused-practice');
  });

  it('opens an old message through a window around it, then goes back to the latest', async () => {
    // 60 more messages from María, straight over the contract (the dialog would take minutes).
    const OLD = 'Busco el vinilo azul de 1998';
    await session.page.evaluate(
      async ({ accountId, name, phone, old }) => {
        const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = reject;
        });
        const pending = new Map<number, (result: { ok: boolean; error?: { message: string } }) => void>();
        ws.onmessage = (event) => {
          const frame = JSON.parse(String(event.data));
          if (frame.type === 'result') pending.get(frame.id)?.(frame.result);
        };
        let nextId = 1;
        const call = (method: string, payload: unknown) =>
          new Promise<{ ok: boolean; error?: { message: string } }>((resolve) => {
            const id = nextId++;
            pending.set(id, resolve);
            ws.send(JSON.stringify({ id, method, payload }));
          });
        for (let i = 0; i <= 60; i++) {
          const result = await call('practice.simulateInbound', { accountId, customerName: name, phone, text: i === 0 ? old : `Mensaje de relleno ${i}` });
          if (!result.ok) throw new Error(result.error?.message);
        }
        ws.close();
      },
      { accountId, name: MARIA.name, phone: MARIA.phone, old: OLD },
    );
    await conversation().getByTestId('message-text').getByText('Mensaje de relleno 60', { exact: true }).waitFor({ timeout: 60_000 });

    // A fresh page only holds the newest 50: the old message needs messages.around.
    await session.page.reload();
    await byTestId('sidebar').waitFor();
    await byTestId('search-input').fill('vinilo azul');
    const hit = byTestId('search-hit').filter({ hasText: 'vinilo' });
    await hit.waitFor({ timeout: 15_000 });
    const messageId = await hit.getAttribute('data-message-id');
    await hit.click();
    const target = conversation().locator(`[data-testid="message"][data-message-id="${messageId}"]`);
    await target.waitFor({ timeout: 15_000 });
    expect(await target.innerText()).toContain(OLD);
    await expect.poll(() => byTestId('message-list').getAttribute('data-window')).toBe('true');
    await screenshot('message-window');
    await byTestId('search-clear').click();

    await byTestId('jump-latest').click();
    await conversation().getByTestId('message-text').getByText('Mensaje de relleno 60', { exact: true }).waitFor();
    await expect.poll(() => byTestId('message-list').getAttribute('data-window')).toBe('false');
  });

  it('shows the inbox with the contact panel in Spanish, then in dark mode', async () => {
    await byTestId('details-panel').waitFor();
    expect(await byTestId('nav-inbox').innerText()).toContain('Bandeja de entrada');
    await screenshot('inbox-details-es');

    await byTestId('nav-settings').click();
    await byTestId('theme-dark').click();
    await expect.poll(() => session.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await byTestId('nav-inbox').click();
    await conversation().waitFor();
    await screenshot('inbox-dark');

    await session.page.keyboard.press('Control+k');
    await session.page.keyboard.type('pedido');
    await byTestId('search-hit').first().waitFor({ timeout: 15_000 });
    await screenshot('search-dark');
    await byTestId('search-clear').click();

    await byTestId('nav-settings').click();
    await byTestId('theme-system').click();
  });
});
