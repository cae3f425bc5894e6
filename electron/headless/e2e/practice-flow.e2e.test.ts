import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession, startServer, stopServer } from './harness';

// The whole practice flow in real Chromium against the real headless server (real Baileys talking
// to the local fake WhatsApp server), across a restart, with screenshots of every step.

const CUSTOMER = 'Ana López';
const PHONE = '+52 55 1234 5678';
const INBOUND = 'Hola, ¿tienen pan integral?';
const REPLY = 'Sí, hasta las 8';

/** Waits for a condition on Node's side (files written by the server). */
async function eventually<T>(read: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface RecordedEntry {
  body?: { key?: { fromMe?: boolean }; message?: { conversation?: string; extendedTextMessage?: { text?: string } } };
}

function recordedReply(dataDir: string): RecordedEntry | undefined {
  const folder = join(dataDir, 'practice');
  if (!existsSync(folder)) return undefined;
  const files = readdirSync(folder).filter((f) => f.endsWith('.jsonl'));
  expect(files.length).toBeLessThanOrEqual(1);
  const file = files[0];
  if (!file) return undefined;
  return readFileSync(join(folder, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedEntry)
    .find((e) => e.body?.key?.fromMe === true && (e.body.message?.conversation ?? e.body.message?.extendedTextMessage?.text) === REPLY);
}

describe('practice flow in the browser', () => {
  const session = browserSession('practice-flow');
  const { dataDir, byTestId, screenshot } = session;
  let accountId = '';

  it('refuses the address without the token', async () => {
    const response = await session.page.goto(session.server!.base);
    expect(response?.status()).toBe(401);
    await screenshot('refused-without-token');
  });

  it('receives a simulated customer in Spanish and replies from the inbox', async () => {
    await session.page.goto(session.server!.url);
    await expect.poll(() => session.page.url()).not.toContain('token=');
    await byTestId('sidebar').waitFor();
    expect(await byTestId('nav-inbox').innerText()).toContain('Bandeja de entrada');
    await expect.poll(() => byTestId('inbox-empty').isVisible()).toBe(true);
    await screenshot('empty-inbox-es');

    await byTestId('nav-accounts').click();
    await byTestId('add-practice-account').click();
    const card = byTestId('account-card');
    await card.waitFor();
    accountId = (await card.getAttribute('data-account-id')) ?? '';
    expect(accountId).not.toBe('');
    const badge = card.getByTestId('account-state');
    await badge.and(session.page.locator('[data-state="connected"]')).waitFor({ timeout: 60_000 });
    expect(await badge.innerText()).toContain('Conectada');
    await screenshot('practice-account-connected');

    await card.getByTestId('simulate-customer').click();
    const dialog = byTestId('simulate-dialog');
    await dialog.waitFor();
    await byTestId('simulate-name').fill(CUSTOMER);
    await byTestId('simulate-phone').fill('+123');
    await byTestId('simulate-text').fill(INBOUND);
    // The server refuses the number: the error shows under the field and nothing typed is lost.
    await byTestId('simulate-submit').click();
    const phoneError = byTestId('simulate-phone-error');
    await phoneError.waitFor();
    expect(await phoneError.innerText()).toContain('No es un número de teléfono válido');
    expect(await byTestId('simulate-name').inputValue()).toBe(CUSTOMER);
    expect(await byTestId('simulate-text').inputValue()).toBe(INBOUND);
    await screenshot('simulate-invalid-phone');
    await byTestId('simulate-phone').fill(PHONE);
    await expect.poll(() => phoneError.count()).toBe(0);
    await screenshot('simulate-dialog');
    await byTestId('simulate-submit').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await byTestId('simulate-notice').waitFor();

    await byTestId('nav-inbox').click();
    // Nothing is polled: the chat arrives through the chats.upserted event.
    const arrived = byTestId('chat-row').filter({ hasText: INBOUND });
    await arrived.waitFor({ timeout: 30_000 });
    // Its preview changes below, so follow the row by chat id from here on.
    const row = session.page.locator(`[data-testid="chat-row"][data-chat-id="${await arrived.getAttribute('data-chat-id')}"]`);
    expect(await row.getByTestId('chat-title').innerText()).toBe(CUSTOMER);
    expect(await row.getByTestId('chat-unread').innerText()).toBe('1');
    await screenshot('inbox-with-chat');

    await row.click();
    const conversation = byTestId('conversation');
    await conversation.getByTestId('message').filter({ hasText: INBOUND }).waitFor();
    await byTestId('composer-input').fill(REPLY);
    await byTestId('composer-input').press('Enter');
    const reply = conversation.locator('[data-testid="message"][data-from-me="true"]').filter({ hasText: REPLY });
    await reply.waitFor({ timeout: 30_000 });
    await expect.poll(() => byTestId('composer-input').inputValue()).toBe('');
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 30_000 }).toMatch(/^(sent|delivered|read)$/);
    await expect.poll(() => row.getByTestId('chat-unread').count()).toBe(0);
    // The list learns about our own reply from a chats.upserted event too.
    await expect.poll(() => row.getByTestId('chat-preview').innerText()).toBe(REPLY);
    await screenshot('reply-sent');

    const recorded = await eventually(() => recordedReply(dataDir), 'the reply in the practice recording');
    expect(recorded.body?.key?.fromMe).toBe(true);
  });

  it('keeps the account, the chat and both messages across a server restart', async () => {
    const port = session.server!.port;
    await stopServer(session.server);
    // The open page notices the server is gone and says so.
    await byTestId('connection-banner').waitFor({ timeout: 15_000 });
    await screenshot('connection-lost');

    // Same data folder and port: the open page reconnects by itself and refetches what it shows.
    session.server = await startServer(dataDir, { port });
    await byTestId('connection-banner').waitFor({ state: 'detached', timeout: 30_000 });
    await byTestId('conversation').getByTestId('message').filter({ hasText: REPLY }).waitFor();
    await screenshot('reconnected-by-itself');

    await session.page.goto(session.server.url);
    await byTestId('sidebar').waitFor();
    const row = byTestId('chat-row').filter({ hasText: REPLY });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('chat-title').innerText()).toBe(CUSTOMER);
    await row.click();
    const conversation = byTestId('conversation');
    await conversation.getByTestId('message').filter({ hasText: INBOUND }).waitFor();
    await conversation.locator('[data-testid="message"][data-from-me="true"]').filter({ hasText: REPLY }).waitFor();
    expect(await conversation.getByTestId('message').count()).toBe(2);
    await screenshot('after-restart-conversation');

    await byTestId('nav-accounts').click();
    const card = session.page.locator(`[data-testid="account-card"][data-account-id="${accountId}"]`);
    await card.waitFor();
    await card.locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
    await screenshot('after-restart-connected');
  });

  it('tells the person to open the URL with the token when the session is gone', async () => {
    const port = session.server!.port;
    await stopServer(session.server);
    await byTestId('connection-banner').waitFor({ timeout: 15_000 });
    await session.context!.clearCookies();
    session.server = await startServer(dataDir, { port });
    await byTestId('unauthorized-screen').waitFor({ timeout: 30_000 });
    expect(await byTestId('unauthorized-screen').innerText()).toContain('?token=');
    await screenshot('session-gone');

    await session.page.goto(session.server.url);
    await byTestId('sidebar').waitFor();
    await byTestId('nav-accounts').click();
    await session.page.locator(`[data-testid="account-card"][data-account-id="${accountId}"]`).waitFor();
  });

  it('switches to English in Settings and stays English after a reload', async () => {
    await byTestId('nav-settings').click();
    await byTestId('settings-page').waitFor();
    await expect.poll(() => byTestId('app-data-dir').innerText()).toBe(dataDir);
    await byTestId('language-en').click();
    await expect.poll(() => byTestId('nav-inbox').innerText()).toContain('Inbox');
    expect(await byTestId('nav-settings').innerText()).toContain('Settings');
    await screenshot('settings-english');

    await session.page.reload();
    await byTestId('sidebar').waitFor();
    await expect.poll(() => byTestId('nav-inbox').innerText()).toContain('Inbox');
    await byTestId('settings-page').waitFor(); // the session.page is kept in the URL hash
    await expect.poll(() => byTestId('language-en').getAttribute('data-state')).toBe('on');
    await screenshot('settings-english-after-reload');

    await byTestId('theme-dark').click();
    await expect.poll(() => session.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await byTestId('nav-inbox').click();
    await byTestId('chat-row').first().click();
    await byTestId('conversation').waitFor();
    await screenshot('dark-theme-inbox');
    await byTestId('nav-settings').click();
    await byTestId('theme-system').click();
    await expect.poll(() => session.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });
  it('removes the account only after confirmation, with its conversations', async () => {
    await byTestId('nav-accounts').click();
    const card = session.page.locator(`[data-testid="account-card"][data-account-id="${accountId}"]`);
    await card.getByTestId('account-menu').click();
    await byTestId('menu-remove').click();
    await byTestId('remove-dialog').waitFor();
    await byTestId('remove-cancel').click();
    await byTestId('remove-dialog').waitFor({ state: 'detached' });
    expect(await card.count()).toBe(1);

    await card.getByTestId('account-menu').click();
    await byTestId('menu-remove').click();
    await byTestId('remove-dialog').waitFor();
    // Deleting the conversations too is the default.
    expect(await byTestId('remove-delete-conversations').getAttribute('data-state')).toBe('checked');
    await screenshot('remove-dialog');
    await byTestId('remove-confirm').click();
    await card.waitFor({ state: 'detached', timeout: 30_000 });
    // A late status event from the stopped connection must not bring it back.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await byTestId('account-card').count()).toBe(0);
    expect(await byTestId('sidebar-account').count()).toBe(0);
    await byTestId('nav-inbox').click();
    await byTestId('inbox-empty').waitFor();
    await screenshot('account-removed');
  });
});
