
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeModel, startFakeOpenAiServer, type FakeOpenAiServer } from '../../core/testing/fake-openai-server';
import { browserSession } from './harness';

// The AI assistant in real Chromium against the real headless server and a practice account. The
// "AI provider" is a local OpenAI-compatible server whose address is typed into the settings form,
// exactly as a shop owner would point the assistant at LM Studio or Ollama.

const KNOWLEDGE = 'Pan de muerto: $45 la pieza\nHorario: lunes a sábado de 8 a 20 h\nDirección: Av. Juárez 12, Centro';

describe('the assistant in the browser', () => {
  const session = browserSession('assistant');
  const { byTestId, screenshot } = session;
  let openai: FakeOpenAiServer | undefined;

  beforeAll(async () => {
    openai = await startFakeOpenAiServer({ fallback: knowledgeModel });
  });

  afterAll(async () => {
    await openai?.close();
  });

  it('sets the assistant up for a practice number; the key is never shown back', async () => {
    await session.page.goto(session.server!.url);
    await byTestId('nav-accounts').click();
    await byTestId('add-practice-account').click();
    await byTestId('account-card').locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });

    // From the number's own menu, as an owner setting up that number would.
    await byTestId('account-menu').click();
    await byTestId('menu-assistant').click();
    await byTestId('assistant-page').waitFor();
    await expect.poll(() => byTestId('assistant-status').getAttribute('data-state')).toBe('off');

    // A wrong address is caught by the form before anything is saved.
    await byTestId('assistant-baseUrl').fill('no es una dirección');
    await byTestId('assistant-save').click();
    await byTestId('assistant-baseUrl-error').waitFor();

    await byTestId('assistant-enabled').click();
    await byTestId('assistant-baseUrl').fill(openai!.baseUrl);
    await byTestId('assistant-model').fill('llama-3.1-8b-instruct');
    await byTestId('assistant-apiKey').fill('sk-e2e-secret');
    await byTestId('assistant-knowledge').fill(KNOWLEDGE);
    await byTestId('assistant-tone').fill('Cercano, de tú');
    await byTestId('assistant-save').click();
    await byTestId('assistant-saved').waitFor({ timeout: 15_000 });
    await expect.poll(() => byTestId('assistant-status').getAttribute('data-state')).toBe('on');
    expect(await byTestId('assistant-apiKey').inputValue()).toBe('');
    expect(await byTestId('assistant-apiKey').getAttribute('placeholder')).toContain('clave guardada');
    expect(await session.page.content()).not.toContain('sk-e2e-secret');
    await byTestId('assistant-status').scrollIntoViewIfNeeded();
    await screenshot('settings-saved');
  });

  it('answers in the Try panel from the business knowledge, and shows a handover and a refused key', async () => {
    const panel = byTestId('try-panel');
    await byTestId('try-input').fill('Hola, ¿qué precio tiene el pan de muerto?');
    await byTestId('try-send').click();
    await expect.poll(() => panel.getByTestId('try-assistant').first().innerText(), { timeout: 15_000 }).toBe('Pan de muerto: $45 la pieza');
    const request = openai!.requests.at(-1)!;
    expect(request.authorization).toBe('Bearer sk-e2e-secret');
    expect(request.body.model).toBe('llama-3.1-8b-instruct');

    await byTestId('try-input').fill('Mejor quiero hablar con un asesor');
    await byTestId('try-send').click();
    await panel.getByTestId('try-handover').waitFor({ timeout: 15_000 });

    openai!.next({ status: 401, message: 'Incorrect API key provided' });
    await byTestId('try-input').fill('¿Dónde están?');
    await byTestId('try-send').click();
    await expect.poll(() => panel.getByTestId('try-problem').innerText(), { timeout: 15_000 }).toContain('clave de API');
    await screenshot('try-panel');
  });

  it('answers a customer on the practice number, shows who handles the chat, and hands it over on "take over"', async () => {
    await byTestId('nav-accounts').click();
    await byTestId('account-card').getByTestId('simulate-customer').click();
    await byTestId('simulate-name').fill('Ana');
    await byTestId('simulate-phone').fill('+52 55 1234 5678');
    await byTestId('simulate-text').fill('¿Cuál es el horario?');
    await byTestId('simulate-submit').click();
    await byTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });

    await byTestId('nav-inbox').click();
    const row = byTestId('chat-row').first();
    await row.click();
    const conversation = byTestId('conversation');
    await conversation.getByText('Horario: lunes a sábado de 8 a 20 h').waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('chat-handler').getAttribute('data-handler')).toBe('assistant');
    await expect.poll(() => conversation.getByTestId('chat-handler').getAttribute('data-handler')).toBe('assistant');

    await byTestId('chat-handler-toggle').click();
    await expect.poll(() => conversation.getByTestId('chat-handler').getAttribute('data-handler')).toBe('person');
    await expect.poll(() => row.getByTestId('chat-handler').getAttribute('data-handler')).toBe('person');
    await screenshot('conversation-taken-over');

    await byTestId('chat-handler-toggle').click();
    await expect.poll(() => conversation.getByTestId('chat-handler').getAttribute('data-handler')).toBe('assistant');
  });

  it('shows a refused key on the status card and flags the chat for a person, keeping the message', async () => {
    openai!.next({ status: 401, message: 'Incorrect API key provided' });
    await byTestId('nav-accounts').click();
    await byTestId('account-card').getByTestId('simulate-customer').click();
    await byTestId('simulate-name').fill('Ana');
    await byTestId('simulate-phone').fill('+52 55 1234 5678');
    await byTestId('simulate-text').fill('¿Tienen envío a domicilio?');
    await byTestId('simulate-submit').click();
    await byTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });

    await byTestId('nav-inbox').click();
    const conversation = byTestId('conversation');
    await conversation.getByText('¿Tienen envío a domicilio?').waitFor({ timeout: 30_000 });
    await expect.poll(() => conversation.getByTestId('chat-handler').getAttribute('data-handler'), { timeout: 30_000 }).toBe('waiting');

    // The sidebar warns from any page.
    await byTestId('nav-assistant-problem').waitFor({ timeout: 15_000 });
    await byTestId('nav-assistant').click();
    await expect.poll(() => byTestId('assistant-problem').getAttribute('data-problem'), { timeout: 15_000 }).toBe('auth_failed');
    expect(await byTestId('assistant-status').getAttribute('data-state')).toBe('problem');
    // Per day: one answer (the opening hours) and the failure's handover is not an answer.
    await expect.poll(() => byTestId('assistant-day').first().locator('td').nth(1).innerText()).toBe('1');
    await byTestId('assistant-status').scrollIntoViewIfNeeded();
    await screenshot('status-card-refused-key');
  });

  it('keeps the handover message the owner wrote (checkbox and text) across a reload, and off when unticked', async () => {
    await byTestId('nav-assistant').click();
    await byTestId('assistant-page').waitFor();
    const tell = byTestId('assistant-tell-on-handover');
    expect(await tell.getAttribute('data-state')).toBe('checked');
    // The default is offered as the example, in the interface's language.
    expect(await byTestId('assistant-handoverMessage').getAttribute('placeholder')).toBe('Un momento, te atiende una persona.');

    // Off: nothing is said on a handover; the text field goes away, and stays away after a reload.
    await tell.click();
    await expect.poll(() => byTestId('assistant-handoverMessage').count()).toBe(0);
    await byTestId('assistant-save').click();
    await byTestId('assistant-saved').waitFor({ timeout: 15_000 });
    await session.page.reload();
    await byTestId('assistant-page').waitFor();
    await expect.poll(() => byTestId('assistant-tell-on-handover').getAttribute('data-state')).toBe('unchecked');
    expect(await byTestId('assistant-handoverMessage').count()).toBe(0);

    // On again with the owner's own words; the key is typed again, which also clears the refused-key stop.
    await byTestId('assistant-tell-on-handover').click();
    await byTestId('assistant-handoverMessage').fill('Enseguida te atiende Marta.');
    await byTestId('assistant-apiKey').fill('sk-e2e-secret');
    await byTestId('assistant-save').click();
    await byTestId('assistant-saved').waitFor({ timeout: 15_000 });
    await expect.poll(() => byTestId('assistant-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('on');
    await session.page.reload();
    await byTestId('assistant-page').waitFor();
    await expect.poll(() => byTestId('assistant-tell-on-handover').getAttribute('data-state')).toBe('checked');
    expect(await byTestId('assistant-handoverMessage').inputValue()).toBe('Enseguida te atiende Marta.');
    await byTestId('assistant-tell-on-handover').scrollIntoViewIfNeeded();
    await screenshot('handover-message-saved');
  });

  it('a customer who asks for a person gets the owner\'s words, and the chat\'s pill says why it was handed over', async () => {
    await byTestId('nav-accounts').click();
    await byTestId('account-card').getByTestId('simulate-customer').click();
    await byTestId('simulate-name').fill('Luis');
    await byTestId('simulate-phone').fill('+52 55 8765 4321');
    await byTestId('simulate-text').fill('Quiero hablar con una persona, por favor');
    await byTestId('simulate-submit').click();
    await byTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });

    await byTestId('nav-inbox').click();
    await byTestId('chat-row').filter({ hasText: 'Luis' }).click();
    const conversation = byTestId('conversation');
    await conversation.getByText('Enseguida te atiende Marta.', { exact: true }).waitFor({ timeout: 30_000 });
    const pill = conversation.getByTestId('chat-handler');
    await expect.poll(() => pill.getAttribute('data-handler'), { timeout: 15_000 }).toBe('waiting');
    expect(await pill.getAttribute('data-reason')).toBe('keyword');
    expect(await pill.innerText()).toContain('el cliente pidió una persona');
    await screenshot('handed-over-reason');
  });

  it("the card's counters are the Stats screen's for the same 30 days: a failed call counts as a handover in both", async () => {
    await byTestId('nav-assistant').click();
    const card = byTestId('assistant-stats');
    // One answer (the opening hours); handovers: the refused key's failure and the customer who asked.
    await expect.poll(() => card.getAttribute('data-handovers'), { timeout: 15_000 }).toBe('2');
    const onCard = { answers: await card.getAttribute('data-answers'), handovers: await card.getAttribute('data-handovers'), failures: await card.getAttribute('data-failures') };
    expect(onCard).toEqual({ answers: '1', handovers: '2', failures: '1' });

    await byTestId('nav-stats').click();
    await byTestId('stats-period-30d').click();
    const figure = (id: string) => byTestId(`stats-assistant-${id}`).locator('dd').innerText();
    await expect.poll(() => figure('handovers'), { timeout: 15_000 }).toBe(onCard.handovers);
    expect({ answers: await figure('answers'), handovers: await figure('handovers'), failures: await figure('failures') }).toEqual(onCard);
    await byTestId('stats-assistant').scrollIntoViewIfNeeded();
    await screenshot('stats-match-card');
  });
});
