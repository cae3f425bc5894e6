import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession, solidPng } from './harness';

// Creating, running, pausing and resuming a campaign in real Chromium against two practice
// accounts (real Baileys talking to the local fake WhatsApp server). The pacing is shortened the
// way a person would: by typing smaller numbers into the form.

const CUSTOMERS = ['José Peña', 'María Núñez', 'Íñigo Ruiz', 'Ana López', 'Luis García', 'Sofía Díaz'];
/** What Excel in Spanish writes: Windows-1252, semicolons, a repeated and an invalid number. */
const CSV = Buffer.from(
  ['Nombre;Teléfono;Ciudad', ...CUSTOMERS.map((name, i) => `${name};+52 55 3000 ${1000 + i};Mérida`), 'Repetido;+52 55 3000 1000;Mérida', 'Malo;123;Mérida'].join('\r\n'),
  'latin1',
);
const PNG = solidPng(120);
const expectedJids = CUSTOMERS.map((_, i) => `52553000${1000 + i}@s.whatsapp.net`);

/** Campaign messages recorded by the practice servers: recipient → texts. */
function recordedSends(dataDir: string): Map<string, string[]> {
  const sends = new Map<string, string[]>();
  const folder = join(dataDir, 'practice');
  if (!existsSync(folder)) return sends;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(folder, file), 'utf8').split('\n').filter(Boolean)) {
      const body = (JSON.parse(line) as { body?: { key?: { fromMe?: boolean; remoteJid?: string }; message?: { conversation?: string } } }).body;
      if (!body?.key?.fromMe || !body.key.remoteJid || !body.message) continue;
      sends.set(body.key.remoteJid, [...(sends.get(body.key.remoteJid) ?? []), body.message.conversation ?? '']);
    }
  }
  return sends;
}

describe('campaigns in the browser', () => {
  const session = browserSession('campaigns');
  const { dataDir, byTestId, screenshot } = session;
  const count = async (state: string) => Number((await byTestId(`count-${state}`).innerText()).replace(/\D+/g, ''));

  it('creates a campaign from an Excel-style CSV, sends it at the chosen pace, pauses and resumes it', { timeout: 240_000 }, async () => {
    await session.page.goto(session.server!.url);
    await byTestId('sidebar').waitFor();
    await byTestId('nav-accounts').click();
    await byTestId('add-practice-account').click();
    await byTestId('account-card').first().waitFor();
    await byTestId('add-practice-account').click();
    await expect.poll(() => byTestId('account-card').count()).toBe(2);
    await expect.poll(() => session.page.locator('[data-testid="account-card"] [data-state="connected"]').count(), { timeout: 60_000 }).toBe(2);

    await byTestId('nav-campaigns').click();
    await byTestId('new-campaign').click();
    await byTestId('campaign-file').setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: CSV });
    await byTestId('column-mapping').waitFor();
    expect(await byTestId('column-mapping').innerText()).toContain('windows-1252');
    expect(await byTestId('campaign-name').inputValue()).toBe('clientes');
    await byTestId('campaign-name').fill('Pan de muerto');
    // A picture for every message, chosen before the (practice) numbers that cannot carry it.
    await byTestId('campaign-attachment').setInputFiles({ name: 'pan.png', mimeType: 'image/png', buffer: PNG });
    expect(await byTestId('campaign-attachment-chosen').innerText()).toContain('Imagen: pan.png');
    for (const box of await byTestId('campaign-account').all()) await box.click();
    // Practice numbers have no country: local numbers would be guessed, so the country must be chosen.
    expect(await byTestId('audience-country-hint').getAttribute('class')).toBe('field-error');
    expect(await byTestId('check-audience').isDisabled()).toBe(true);
    await byTestId('audience-country').click();
    await session.page.locator('[data-testid="audience-country-options"] [data-value="MX"]').click();
    await expect.poll(() => byTestId('audience-country-hint').getAttribute('class')).toBe('field-hint');
    // The practice server can neither carry files nor say who uses WhatsApp: the form says so.
    await byTestId('check-whatsapp').click();
    await byTestId('check-audience').click();
    await expect.poll(() => byTestId('audience-check-error').innerText()).toContain('ni consultas a WhatsApp');
    await byTestId('audience-check-error').scrollIntoViewIfNeeded();
    await screenshot('practice-limits');
    await byTestId('check-whatsapp').click();
    await byTestId('check-audience').click();
    await byTestId('audience-check').waitFor();
    expect(await byTestId('check-valid').innerText()).toContain('6');
    expect(await byTestId('audience-check').innerText()).toMatch(/1 no válido[\s\S]*1 repetido/);

    await byTestId('campaign-template').fill('{Hola|Buenas} {{nombre}}, ya hay pan de muerto en {{ciudad}}.');
    await expect.poll(() => byTestId('message-preview').innerText()).toMatch(/(Hola|Buenas) José Peña, ya hay pan de muerto en Mérida\./);
    // The picture shows above the text, as the customer will see it.
    await expect.poll(() => byTestId('preview-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
    await byTestId('message-preview').scrollIntoViewIfNeeded();
    await screenshot('message-with-picture');
    await byTestId('pacing-minDelaySec').fill('2');
    await byTestId('pacing-maxDelaySec').fill('3');
    await byTestId('pacing-warmup').click();
    await byTestId('window-start').fill('00:00');
    await byTestId('window-end').fill('23:59');
    for (const day of await session.page.locator('.weekday-chips input[type="checkbox"]').all()) await day.check();
    await byTestId('campaign-estimate').waitFor();
    await screenshot('wizard');

    // Refused as a whole while the picture is attached: nothing is created.
    await byTestId('campaign-create').click();
    await expect.poll(() => byTestId('campaign-create-error').innerText()).toContain('ni archivos');
    await byTestId('campaign-attachment-chosen').getByRole('button').click();
    await byTestId('campaign-attachment').waitFor();
    await byTestId('campaign-create').click();
    await byTestId('campaign-detail').waitFor();
    expect(await session.page.locator('[data-testid="campaign-attachment-info"]').count()).toBe(0);
    // Live progress arrives through events: the first messages go out.
    await expect.poll(() => count('sent'), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await screenshot('sending');

    await byTestId('campaign-pause').click();
    await expect.poll(() => byTestId('campaign-detail').getAttribute('data-status')).toBe('paused');
    // A message already handed over may still finish; after that nothing more goes out.
    await new Promise((r) => setTimeout(r, 3_000));
    const whilePaused = [...recordedSends(dataDir).values()].flat().length;
    expect(whilePaused).toBeLessThan(6);
    await new Promise((r) => setTimeout(r, 6_000));
    expect([...recordedSends(dataDir).values()].flat().length).toBe(whilePaused);
    expect(await byTestId('campaign-status').innerText()).toBe('En pausa');
    await screenshot('paused');

    await byTestId('campaign-resume').click();
    await expect.poll(() => byTestId('campaign-detail').getAttribute('data-status'), { timeout: 90_000 }).toBe('finished');
    await byTestId('campaign-report').waitFor();
    await expect.poll(() => count('sent')).toBe(6);
    expect(await count('skipped')).toBe(2);
    await screenshot('finished-report');

    const sends = recordedSends(dataDir);
    expect([...sends.keys()].sort()).toEqual([...expectedJids].sort());
    CUSTOMERS.forEach((name, i) => {
      const texts = sends.get(expectedJids[i]!)!;
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(new RegExp(`^(Hola|Buenas) ${name}, ya hay pan de muerto en Mérida\\.$`));
    });
  });
});
