
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncEvents } from '../../../server/db/schema';
import { startServer as startCentralServer, type RunningServer as CentralServer } from '../../../server/start-server';
import { mintEnrolmentToken } from '../../../server/sync-store';
import { chatStateEvent, serverClient } from '../../../server/testing/server-client';
import { browserSession } from './harness';

// Settings → Central server in real Chromium: the workstation enrols, an assignment made in the
// details panel reaches the server, and a label set on another workstation shows in the inbox.

const CUSTOMER = { name: 'Rosa Díaz', phone: '+52 55 2468 1357', text: '¿Hacen envíos?' };
const CUSTOMER_JID = '525524681357@s.whatsapp.net';

describe('central server card in the browser', () => {
  const session = browserSession('central-server');
  const { byTestId, screenshot } = session;
  let central: CentralServer | undefined;
  let enrolmentToken = '';

  const serverEvent = async (kind: string) => central!.db.db.select().from(syncEvents).where(and(eq(syncEvents.kind, kind), eq(syncEvents.jid, CUSTOMER_JID)));

  beforeAll(async () => {
    central = await startCentralServer({ logger: { error: () => undefined } });
    enrolmentToken = await mintEnrolmentToken(central.db.db);
  });

  afterAll(async () => {
    await central?.close();
  });

  it('a customer writes to a practice account', async () => {
    await session.page.goto(session.server!.url);
    await byTestId('nav-accounts').click();
    await byTestId('add-practice-account').click();
    const card = byTestId('account-card');
    await card.locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
    await card.getByTestId('simulate-customer').click();
    await byTestId('simulate-name').fill(CUSTOMER.name);
    await byTestId('simulate-phone').fill(CUSTOMER.phone);
    await byTestId('simulate-text').fill(CUSTOMER.text);
    await byTestId('simulate-submit').click();
    await byTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('refuses a wrong enrolment token with a clear message, then connects', async () => {
    await byTestId('nav-settings').click();
    await byTestId('central-server-section').waitFor();
    await byTestId('central-server-url-input').fill(central!.url);
    await byTestId('central-server-token-input').fill('x'.repeat(43));
    await byTestId('central-server-agent-input').fill('Lucía');
    await byTestId('central-server-connect').click();
    await expect.poll(() => byTestId('central-server-error').innerText(), { timeout: 15_000 }).toContain('código de alta');

    await byTestId('central-server-token-input').fill(enrolmentToken);
    await byTestId('central-server-connect').click();
    await expect.poll(() => byTestId('central-server-state').innerText(), { timeout: 15_000 }).toBe('Conectado');
    expect(await byTestId('central-server-url').innerText()).toBe(central!.url);
    await expect.poll(() => byTestId('central-server-waiting').innerText(), { timeout: 15_000 }).toBe('0');
    await screenshot('connected');
  });

  it('assigns the conversation to a colleague; the assignment reaches the server', async () => {
    await byTestId('nav-inbox').click();
    await byTestId('chat-row').filter({ hasText: CUSTOMER.text }).click();
    await byTestId('details-panel').waitFor();
    expect(await byTestId('details-assigned-to').innerText()).toBe('Nadie');
    await byTestId('assign-input').fill('Marta');
    await byTestId('assign').click();
    await expect.poll(() => byTestId('details-assigned-to').innerText(), { timeout: 15_000 }).toBe('Marta');
    await expect
      .poll(async () => (await serverEvent('chatState')).map((e) => (e.payload as { assignedTo: string | null }).assignedTo), { timeout: 20_000 })
      .toEqual(['Marta']);
    await screenshot('assigned');
  });

  it('a label set on another workstation shows in the inbox', async () => {
    const [state] = await serverEvent('chatState');
    const other = await serverClient(central!.url).enrol(enrolmentToken, 'Caja 2');
    const change = chatStateEvent(CUSTOMER_JID, ['Mayoreo'], { account: state!.account, assignedTo: 'Marta' });
    expect((await serverClient(central!.url).push(other.token, [change])).status).toBe(200);
    await byTestId('details-label').filter({ hasText: 'Mayoreo' }).waitFor({ timeout: 20_000 });
    expect(await byTestId('details-assigned-to').innerText()).toBe('Marta');
    await screenshot('label-from-another-workstation');
  });
});
