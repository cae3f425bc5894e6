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
    // The practice server can neither carry files nor say who uses WhatsApp: the form says so before any try.
    expect(await byTestId('check-whatsapp').isDisabled()).toBe(true);
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

    // "Crear" says why it is disabled while the picture is attached: nothing can be created.
    expect(await byTestId('campaign-create').isDisabled()).toBe(true);
    expect(await byTestId('create-missing').innerText()).toContain('quitar el archivo');
    await byTestId('create-missing').scrollIntoViewIfNeeded();
    await screenshot('practice-limits');
    await byTestId('campaign-attachment-chosen').getByRole('button').click();
    await byTestId('campaign-attachment').waitFor();
    await byTestId('campaign-create').click();
    await byTestId('launch-summary').waitFor();
    expect(await byTestId('launch-summary-text').innerText()).toMatch(/^6 personas desde .+, entre 2 y 3 s entre mensajes, de 00:00 a 23:59\./);
    await byTestId('launch-confirm').click();
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

  it('a campaign created outside its hours waits for them; the summary is confirmed; a cancel asks first and leaves "Cancelado" recipients and CSV rows', { timeout: 120_000 }, async () => {
    await byTestId('campaign-back').click();
    await byTestId('new-campaign').click();
    const people = ['Rosa Peña', 'Tomás Ibáñez', 'Lucía Gómez', 'Raúl Soto'];
    const csv = Buffer.from(['Nombre;Teléfono', ...people.map((n, i) => `${n};55 4000 ${2000 + i}`)].join('\r\n'), 'latin1');
    await byTestId('campaign-file').setInputFiles({ name: 'fuera-de-horario.csv', mimeType: 'text/csv', buffer: csv });
    await byTestId('column-mapping').waitFor();
    for (const box of await byTestId('campaign-account').all()) await box.click();
    await byTestId('audience-country').click();
    await session.page.locator('[data-testid="audience-country-options"] [data-value="MX"]').click();
    await byTestId('campaign-template').fill('Hola {{nombre}}, mañana abrimos temprano.');
    // An hour that is not now, later today when possible: the campaign must wait for it.
    const hour = new Date().getHours();
    const start = hour < 21 ? hour + 2 : 1;
    await byTestId('window-start').fill(`${String(start).padStart(2, '0')}:00`);
    await byTestId('window-end').fill(`${String(start + 1).padStart(2, '0')}:00`);
    for (const day of await session.page.locator('.weekday-chips input[type="checkbox"]').all()) await day.check();
    await byTestId('campaign-create').click();
    await byTestId('launch-summary').waitFor();
    expect(await byTestId('launch-summary-text').innerText()).toContain('4 personas desde');
    await screenshot('launch-summary');
    await byTestId('launch-confirm').click();
    await byTestId('campaign-detail').waitFor();
    await expect.poll(() => byTestId('campaign-status').innerText()).toMatch(new RegExp(`^Esperando el horario: empieza .*${start}:00`));
    expect(await byTestId('campaign-status').getAttribute('data-state')).toBe('waiting');
    expect(await byTestId('campaign-progress').innerText()).toBe('0 de 4');
    await screenshot('waiting-for-window');

    // Cancelling asks first; keeping it changes nothing.
    await byTestId('campaign-cancel').click();
    expect(await byTestId('cancel-dialog').innerText()).toContain('4 personas todavía no recibieron');
    await byTestId('cancel-keep').click();
    expect(await byTestId('campaign-detail').getAttribute('data-status')).toBe('running');
    await byTestId('campaign-cancel').click();
    await byTestId('cancel-confirm').click();
    await expect.poll(() => byTestId('campaign-detail').getAttribute('data-status')).toBe('cancelled');
    expect(await byTestId('campaign-progress').innerText()).toBe('0 de 4');
    expect(await count('cancelled')).toBe(4);
    await expect.poll(() => byTestId('recipient-table').innerText()).not.toContain('Pendiente');
    expect((await byTestId('recipient-table').innerText()).match(/Cancelado/g)).toHaveLength(4);
    await screenshot('cancelled');

    const [download] = await Promise.all([session.page.waitForEvent('download'), byTestId('campaign-export').click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    const lines = exported.split('\r\n');
    expect(lines[0]).toBe('\uFEFFTeléfono;Nombre;Cuenta;Estado;Motivo;Variante;Enviado el;Respondió el;Se dio de baja el;nombre');
    expect(lines.slice(1).filter(Boolean)).toHaveLength(4);
    for (const line of lines.slice(1).filter(Boolean)) expect(line).toMatch(/^52554000200\d;[^;]+;[^;]+;Cancelado;;;;;;/);
  });
});
