
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness';

// Linking a WhatsApp number in real Chromium against the headless server. With
// MOSTRADOR_SCRIPTED_WHATSAPP=1 the server gives "Add WhatsApp number" accounts a scripted fake
// socket: QR "scripted-qr-1" at once, "scripted-qr-2" two seconds later, the code ABCD1234 when a
// phone number is given, and it never connects.

const LABEL = 'Tienda Centro';
const NEW_LABEL = 'Mostrador Sur';
const NEW_COLOR = '#8e44ad';
const PHONE = '+34 612 345 678';

describe('linking a WhatsApp number in the browser', () => {
  const session = browserSession('pairing', { env: { MOSTRADOR_SCRIPTED_WHATSAPP: '1' } });
  const { byTestId, screenshot } = session;
  let accountId = '';

  const card = () => session.page.locator(`[data-testid="account-card"][data-account-id="${accountId}"]`);

  it('adds a number and shows its QR, replaced live when WhatsApp rotates it', async () => {
    await session.page.goto(session.server!.url);
    await byTestId('sidebar').waitFor();
    await byTestId('nav-accounts').click();
    await byTestId('add-whatsapp-account').click();
    const dialog = byTestId('add-whatsapp-dialog');
    await dialog.waitFor();
    await byTestId('add-whatsapp-label').fill(LABEL);
    await byTestId('history-none').click();
    expect(await dialog.getByRole('radio', { checked: true }).getAttribute('value')).toBe('none');
    await screenshot('add-dialog-es');
    await byTestId('add-whatsapp-submit').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });

    const pairing = byTestId('pairing-dialog');
    await pairing.waitFor();
    accountId = (await session.page.locator('[data-testid="account-card"]').filter({ hasText: LABEL }).getAttribute('data-account-id')) ?? '';
    expect(accountId).not.toBe('');

    const qr = byTestId('pairing-qr');
    await qr.waitFor({ timeout: 15_000 });
    expect(await qr.isVisible()).toBe(true);
    expect(await qr.getAttribute('data-qr')).toBe('scripted-qr-1');
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(264);
    expect(await pairing.innerText()).toContain('Dispositivos vinculados');
    await screenshot('qr-es');

    // Nothing is polled: the second QR arrives through an account.pairing event.
    await expect.poll(() => qr.getAttribute('data-qr'), { timeout: 15_000 }).toBe('scripted-qr-2');
  });

  it('links with a phone number instead and shows the code grouped', async () => {
    await byTestId('pairing-tab-phone').click();
    await byTestId('pairing-phone').fill(PHONE);
    await byTestId('pairing-phone-submit').click();
    const code = byTestId('pairing-code');
    await code.waitFor({ timeout: 15_000 });
    expect(await code.innerText()).toBe('ABCD-1234');
    expect(await byTestId('pairing-dialog').innerText()).toContain('Vincular con el número de teléfono');
    await screenshot('code-es');

    await byTestId('pairing-close').click();
    await byTestId('pairing-dialog').waitFor({ state: 'detached' });
    await card().waitFor();
    expect(await card().getByTestId('account-label').innerText()).toBe(LABEL);
    await screenshot('card-waiting');
  });

  it('renames and recolours the account from its settings', async () => {
    await card().getByTestId('account-menu').click();
    await byTestId('account-menu-content').waitFor();
    await screenshot('menu-es');
    await byTestId('menu-settings').click();
    const dialog = byTestId('account-settings-dialog');
    await dialog.waitFor();
    expect(await byTestId('account-settings-label').inputValue()).toBe(LABEL);

    // A blank name is refused in place and the other values stay as typed.
    await byTestId('account-settings-label').fill('   ');
    await byTestId(`account-settings-color-${NEW_COLOR.slice(1)}`).click();
    await byTestId('account-settings-save').click();
    await byTestId('account-settings-label-error').waitFor();
    expect(await byTestId(`account-settings-color-${NEW_COLOR.slice(1)}`).getAttribute('data-state')).toBe('checked');

    await byTestId('account-settings-label').fill(NEW_LABEL);
    await byTestId('account-settings-reject-calls').click();
    await byTestId('account-settings-reject-reply').fill('Ahora no atendemos llamadas, escríbenos por aquí.');
    await screenshot('settings-dialog-es');
    await byTestId('account-settings-save').click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    await expect.poll(() => card().getByTestId('account-label').innerText()).toBe(NEW_LABEL);
    // The colour shows on the card and beside the account in the sidebar.
    expect(await card().evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(142, 68, 173)');
    const sidebarEntry = session.page.locator(`[data-testid="sidebar-account"][data-account-id="${accountId}"]`);
    expect(await sidebarEntry.innerText()).toContain(NEW_LABEL);
    expect(await sidebarEntry.locator('.account-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(142, 68, 173)');
    await screenshot('renamed');

    // The saved settings come back when the dialog opens again.
    await card().getByTestId('account-menu').click();
    await byTestId('menu-settings').click();
    await dialog.waitFor();
    expect(await byTestId('account-settings-reject-calls').getAttribute('data-state')).toBe('checked');
    expect(await byTestId('account-settings-appear-online').getAttribute('data-state')).toBe('unchecked');
    await byTestId('account-settings-cancel').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('asks whether to delete the conversations when removing, deleting them by default', async () => {
    await card().getByTestId('account-menu').click();
    await byTestId('menu-remove').click();
    await byTestId('remove-dialog').waitFor();
    const box = byTestId('remove-delete-conversations');
    expect(await box.getAttribute('data-state')).toBe('checked');
    await box.click();
    expect(await box.getAttribute('data-state')).toBe('unchecked');
    await screenshot('remove-keep-chats-es');
    await byTestId('remove-confirm').click();
    await card().waitFor({ state: 'detached', timeout: 30_000 });
  });
});
