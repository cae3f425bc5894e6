import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness';

// The Stats screen in real Chromium against the real headless server and a practice account:
// figures from real messages, live updates from another tab, CSV export, dark mode and English.

const customers = [
  { name: 'Lucía Gómez', phone: '+52 55 1111 2222', text: '¿A qué hora abren?' },
  { name: 'Pedro Ruiz', phone: '+52 55 3333 4444', text: 'Busco pan de muerto' },
];
const LATE = { name: 'Ana Díaz', phone: '+52 55 5555 6666', text: '¿Tienen envío a domicilio?' };

describe('stats in the browser', () => {
  const session = browserSession('stats', { fullPageShots: true });
  const { byTestId, screenshot } = session;

  const text = (id: string) => byTestId(id).innerText();
  const tile = (id: string) => byTestId(`stats-tile-${id}`).locator('.stats-tile-value').innerText();

  async function simulate(on: Page, customer: { name: string; phone: string; text: string }) {
    const card = on.getByTestId('account-card');
    await card.getByTestId('simulate-customer').click();
    await on.getByTestId('simulate-dialog').waitFor();
    await on.getByTestId('simulate-name').fill(customer.name);
    await on.getByTestId('simulate-phone').fill(customer.phone);
    await on.getByTestId('simulate-text').fill(customer.text);
    await on.getByTestId('simulate-submit').click();
    await on.getByTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });
  }

  it('two customers write and one gets an answer', async () => {
    await session.page.goto(session.server!.url);
    await byTestId('nav-accounts').click();
    await byTestId('add-practice-account').click();
    await byTestId('account-card').locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
    for (const customer of customers) await simulate(session.page, customer);

    await byTestId('nav-inbox').click();
    const row = byTestId('chat-row').filter({ hasText: customers[0]!.text });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await byTestId('composer-input').fill('Abrimos a las 8, ¡te esperamos!');
    await byTestId('composer-send').click();
    await byTestId('conversation').locator('[data-testid="message"]').filter({ hasText: 'te esperamos' }).waitFor({ timeout: 15_000 });
  });

  it('shows the figures of the last 7 days, in Spanish', async () => {
    await byTestId('nav-stats').click();
    await byTestId('stats-page').waitFor();
    await expect.poll(() => tile('connected'), { timeout: 15_000 }).toBe('1 / 1');
    expect(await tile('waiting-qr')).toBe('0');
    // The answer may still be leaving the outbox when the page opens; the tile follows it.
    await expect.poll(() => tile('outbox'), { timeout: 15_000 }).toBe('0');
    expect(await tile('campaigns')).toBe('0');
    await expect.poll(() => text('stats-activity-totals'), { timeout: 15_000 }).toBe('Recibidos: 2 · Enviados: 1 · Conversaciones nuevas: 2');
    await expect.poll(async () => (await text('stats-responses-person')).split('\t').at(-1), { timeout: 15_000 }).toBe('1');
    expect(await text('stats-responses-assistant')).toContain('Sin respuestas');
    expect(await text('stats-status-open')).toContain('2');
    // Spanish puts a no-break space before %.
    expect((await byTestId('stats-campaigns-rates').innerText()).replace(/\s/g, ' ')).toBe('Respuesta: 0 % · Bajas: 0 %');
    // No assistant is on: its card says so in figures rather than hiding.
    expect(await byTestId('stats-assistant-answers').locator('dd').innerText()).toBe('0');
    // Every received message sits in one cell of the weekday × hour map.
    const cells = await byTestId('stats-heatmap').locator('[data-count]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(cells).toHaveLength(7 * 24);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(2);
    await byTestId('stats-activity').locator('.recharts-bar-rectangle').first().waitFor();
    await screenshot('seven-days-es');
  });

  it('updates while open when a customer writes from another tab', async () => {
    const other = await session.context!.newPage();
    await other.goto(session.server!.url.replace(/\?token=.*/, ''));
    await other.getByTestId('nav-accounts').click();
    await simulate(other, LATE);
    await other.close();
    await expect.poll(() => text('stats-activity-totals'), { timeout: 15_000 }).toBe('Recibidos: 3 · Enviados: 1 · Conversaciones nuevas: 3');
    expect(await tile('last-received')).not.toBe('Ninguno aún');
  });

  it('exports a chart as a CSV that Excel in Spanish reads', async () => {
    const download = session.page.waitForEvent('download');
    await byTestId('stats-activity-csv').click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFFDía;Recibidos;Enviados;Conversaciones nuevas\r\n')).toBe(true);
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => Number(r.split(';')[1])).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('narrows to today and to a custom period, and refuses a reversed one', async () => {
    await byTestId('stats-period-today').click();
    await expect.poll(() => byTestId('stats-activity').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await byTestId('stats-period-custom').click();
    await byTestId('stats-from').fill('2026-01-10');
    await byTestId('stats-to').fill('2026-01-05');
    await byTestId('stats-page').getByRole('alert').filter({ hasText: 'fecha final' }).waitFor();
    await byTestId('stats-period-30d').click();
    await expect.poll(() => text('stats-activity-totals')).toBe('Recibidos: 3 · Enviados: 1 · Conversaciones nuevas: 3');
  });

  it('reads well in dark mode and in English', async () => {
    await byTestId('nav-settings').click();
    await byTestId('theme-dark').click();
    await byTestId('language-en').click();
    await byTestId('nav-stats').click();
    await expect.poll(() => text('stats-activity-totals'), { timeout: 15_000 }).toBe('Received: 3 · Sent: 1 · New conversations: 3');
    await byTestId('stats-activity').locator('.recharts-bar-rectangle').first().waitFor();
    await screenshot('seven-days-en-dark');
    await byTestId('stats-heatmap').scrollIntoViewIfNeeded();
    await screenshot('busiest-hours-en-dark');
  });
});
