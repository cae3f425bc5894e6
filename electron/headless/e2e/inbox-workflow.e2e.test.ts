import { describe, expect, it } from 'vitest';
import { browserSession, stopServer } from './harness';

// Issue 15, inbox workflow, in real Chromium against the real headless server and a practice
// account: a resolved conversation reopens when the customer writes again (and stays resolved
// when Settings turns that off); the number's colour is a square swatch and its link state a
// separate mark, grey while disconnected and "unknown" once the browser loses the core.

const ANA = { name: 'Ana Torres', phone: '+52 55 1234 9876' };

describe('inbox workflow in the browser', () => {
  const session = browserSession('inbox-workflow');
  const { byTestId, screenshot } = session;
  let chatId = '';

  const chatRow = () => session.page.locator(`[data-testid="chat-row"][data-chat-id="${chatId}"]`);
  const customerWrites = async (text: string) => {
    await byTestId('nav-accounts').click();
    await byTestId('account-card').getByTestId('simulate-customer').click();
    await byTestId('simulate-dialog').waitFor();
    await byTestId('simulate-name').fill(ANA.name);
    await byTestId('simulate-phone').fill(ANA.phone);
    await byTestId('simulate-text').fill(text);
    await byTestId('simulate-submit').click();
    await byTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    await byTestId('nav-inbox').click();
  };
  const showOnly = async (status: string) => {
    await byTestId('filter-status').click();
    await session.page.getByRole('option', { name: status, exact: true }).click();
  };

  it('a practice account gets a customer', async () => {
    await session.page.goto(session.server!.url);
    await byTestId('sidebar').waitFor();
    await byTestId('nav-accounts').click();
    await byTestId('add-practice-account').click();
    await byTestId('account-card').locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
    await customerWrites('Hola, ¿abren el domingo?');
    await expect.poll(() => byTestId('chat-row').count(), { timeout: 30_000 }).toBe(1);
    chatId = (await byTestId('chat-row').first().getAttribute('data-chat-id')) ?? '';
    expect(chatId).not.toBe('');
  });

  it('a confirmation toast closes by itself after a few seconds', async () => {
    await customerWrites('¿Y los sábados?');
    const toast = byTestId('simulate-notice').filter({ hasText: ANA.name }).last();
    await toast.waitFor();
    const shownAt = Date.now();
    await toast.waitFor({ state: 'detached', timeout: 12_000 });
    expect(Date.now() - shownAt).toBeGreaterThan(2_000);
    expect(await byTestId('simulate-notice').count()).toBe(0);
  });

  it('typing "/" with no quick replies says how to create one', async () => {
    await chatRow().click();
    const input = byTestId('composer-input');
    await input.fill('/');
    const hint = byTestId('quick-replies-empty');
    await hint.waitFor();
    expect(await hint.innerText()).toContain('Todavía no hay respuestas rápidas');
    await screenshot('no-quick-replies');
    await byTestId('quick-replies-create').click();
    await byTestId('quick-replies-section').waitFor();
  });

  it('deleting a quick reply offers Undo, and {{nombre}} greets by the first name', async () => {
    const section = byTestId('quick-replies-section');
    await byTestId('quick-reply-shortcut').fill('hola');
    await byTestId('quick-reply-text').fill('Hola, {{nombre}}. Habla {{nombre_completo}}?');
    await byTestId('quick-reply-save').click();
    const row = section.getByTestId('quick-reply-row').filter({ hasText: '/hola' });
    await row.waitFor({ timeout: 15_000 });

    await row.getByTestId('quick-reply-delete').click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const toast = byTestId('quick-reply-deleted');
    await toast.waitFor();
    expect(await toast.innerText()).toContain('/hola');
    await toast.getByTestId('toast-action').click();
    await row.waitFor({ timeout: 15_000 });

    await byTestId('nav-inbox').click();
    await chatRow().click();
    const input = byTestId('composer-input');
    await input.fill('/hol');
    await byTestId('quick-reply-option').filter({ hasText: '/hola' }).waitFor();
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('Hola, Ana. Habla Ana Torres?');
    await input.fill('');
  });

  it('a resolved conversation reopens when the customer writes again, and the status filter follows', async () => {
    await chatRow().click();
    await byTestId('status-resolved').click();
    await expect.poll(() => byTestId('conversation-status').innerText()).toBe('Resuelta');
    await showOnly('Resuelta');
    await expect.poll(() => byTestId('chat-row').count()).toBe(1);

    await customerWrites('Otra cosa: ¿tienen envío?');
    // It leaves the resolved list by itself…
    await expect.poll(() => byTestId('chat-row').count(), { timeout: 30_000 }).toBe(0);
    await byTestId('filter-clear').click();
    await showOnly('Abierta');
    // …and shows among the open ones.
    await expect.poll(() => chatRow().count(), { timeout: 15_000 }).toBe(1);
    await chatRow().click();
    await expect.poll(() => byTestId('conversation-status').innerText()).toBe('Abierta');
    await screenshot('reopened');
    await byTestId('filter-clear').click();
  });

  it('stays resolved when Settings turns the rule off', async () => {
    await byTestId('nav-settings').click();
    const toggle = byTestId('settings-reopen');
    await expect.poll(() => toggle.getAttribute('data-state')).toBe('checked');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-state')).toBe('unchecked');

    await byTestId('nav-inbox').click();
    await chatRow().click();
    await byTestId('status-resolved').click();
    await expect.poll(() => byTestId('conversation-status').innerText()).toBe('Resuelta');
    await customerWrites('¿Siguen ahí?');
    await chatRow().filter({ hasText: '¿Siguen ahí?' }).waitFor({ timeout: 30_000 });
    await chatRow().click();
    expect(await byTestId('conversation-status').innerText()).toBe('Resuelta');
  });

  it("shows the number's link apart from its colour: nothing extra while connected, a grey mark once disconnected", async () => {
    await byTestId('nav-inbox').click();
    const mark = chatRow().getByTestId('account-mark');
    await expect.poll(() => mark.getAttribute('data-tone')).toBe('ok');
    expect(await mark.getByTestId('connection-flag').count()).toBe(0);
    // The colour is a square swatch, not a round light.
    const radius = await mark.locator('.account-swatch').evaluate((el) => getComputedStyle(el).borderRadius);
    expect(radius).toBe('2px');

    await byTestId('nav-accounts').click();
    await byTestId('account-card').getByTestId('account-menu').click();
    await byTestId('menu-disconnect').click();
    await byTestId('account-card').locator('[data-testid="account-state"][data-state="disconnected"]').waitFor({ timeout: 30_000 });
    await byTestId('nav-inbox').click();
    await expect.poll(() => mark.getAttribute('data-tone')).toBe('waiting');
    await mark.getByTestId('connection-flag').waitFor();
    const sidebarMark = byTestId('sidebar-account').getByTestId('account-mark');
    expect(await sidebarMark.getAttribute('data-state')).toBe('disconnected');
    expect(await sidebarMark.getByTestId('connection-flag').getAttribute('class')).toContain('connection-waiting');
    await screenshot('disconnected-mark');

    await byTestId('nav-accounts').click();
    await byTestId('account-card').getByTestId('account-menu').click();
    await byTestId('menu-reconnect').click();
    await byTestId('account-card').locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
  });

  it('says the state is unknown, not "Conectada", once the browser loses the core', async () => {
    const badge = byTestId('account-card').getByTestId('account-state');
    expect(await badge.innerText()).toBe('Conectada');
    await stopServer(session.server);
    await byTestId('connection-banner').waitFor({ timeout: 15_000 });
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 15_000 }).toBe('unknown');
    expect(await badge.innerText()).toBe('Estado desconocido');
    expect(await byTestId('sidebar-account').getByTestId('account-mark').getAttribute('data-tone')).toBe('unknown');
    await screenshot('core-lost');
  });
});
