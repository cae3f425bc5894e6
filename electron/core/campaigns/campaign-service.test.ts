import { describe, expect, it } from 'vitest';
import { allDayWindow, campaignHarness, fastPacing } from '../testing/campaign-harness';

describe('campaign audiences from the inbox', () => {
  const seedChats = (h: ReturnType<typeof campaignHarness>) => {
    const insert = h.orm.$client.prepare('INSERT INTO chats (account_id, jid, pn_jid, name, last_message_at) VALUES (?, ?, ?, ?, 1)');
    insert.run('a2', '5215511110000@s.whatsapp.net', null, 'Ana');
    insert.run('a1', '123456@lid', '5215522220000@s.whatsapp.net', 'Luis');
    insert.run('a1', '120363@g.us', null, 'Grupo');
    insert.run('a1', '999@lid', null, 'Sin número');
    h.orm.$client.prepare("INSERT INTO labels (name, color, created_at) VALUES ('VIP', '#25a244', 1)").run();
    h.orm.$client.prepare('INSERT INTO chat_labels (chat_id, label_id) VALUES (1, 1), (2, 1), (3, 1)').run();
  };

  it('takes people from chosen chats, keeps each on the number they talked with, and leaves out groups and unknown numbers', async () => {
    const h = campaignHarness({ accounts: ['a1', 'a2'] });
    seedChats(h);
    const check = await h.service.checkAudience({ audience: { kind: 'chats', chatIds: [1, 2, 3, 4] }, accountIds: ['a1', 'a2'] });
    expect(check).toMatchObject({ valid: 2, invalid: 0, variables: ['nombre'] });
    expect(check.sample.map((s) => [s.phone, s.accountId, s.variables.nombre])).toEqual([
      ['5215511110000', 'a2', 'Ana'],
      ['5215522220000', 'a1', 'Luis'],
    ]);
  });

  it('takes people by label and personalises with the chat name', async () => {
    const h = campaignHarness({ accounts: ['a1', 'a2'] });
    seedChats(h);
    const campaign = await h.service.create({
      name: 'VIP',
      audience: { kind: 'labels', labelIds: [1] },
      template: 'Hola {{nombre}}',
      accountIds: ['a1', 'a2'],
      pacing: fastPacing(),
      window: allDayWindow,
    });
    expect(campaign.counts).toMatchObject({ total: 2, pending: 2 });
    await expect(
      h.service.create({ name: 'X', audience: { kind: 'labels', labelIds: [1] }, template: 'Hola {{apellido}}', accountIds: ['a1'], pacing: fastPacing(), window: allDayWindow }),
    ).rejects.toThrow(/apellido/);
  });
});
