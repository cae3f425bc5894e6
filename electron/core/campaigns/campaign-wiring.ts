import type { WAMessageUpdate } from '@whiskeysockets/baileys';
import type { AccountDto, MessageDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { reachOutRefusals } from '../whatsapp/reach-out-policy';
import type { CampaignRunner } from './campaign-runner';
import { wasFirstContact } from './known-contacts';

/**
 * The bus as every area uses it, with the campaign scheduler listening in: our messages' state
 * (the outbox's sends, WhatsApp's receipts and error acks) and the accounts' state reach it from
 * the same events the renderer gets, so no inbox or outbox code needs to know about campaigns.
 */
export function tapBusForCampaigns(bus: EventBus, orm: Orm, runner: () => CampaignRunner | undefined): EventBus {
  const deliver = (work: () => void) => {
    // Never inside someone else's transaction: the scheduler writes its own.
    if (orm.$client.inTransaction) queueMicrotask(work);
    else work();
  };
  return {
    ...bus,
    emit(topic, item) {
      bus.emit(topic, item);
      const target = runner();
      if (!target) return;
      if (topic === 'messages.upserted' && (item as MessageDto).fromMe) deliver(() => target.followMessage(item as MessageDto));
      else if (topic === 'account.status') deliver(() => target.onAccountStatus(item as AccountDto));
      else if (topic === 'account.removed') deliver(() => target.onAccountRemoved((item as { id: string }).id));
    },
  };
}

/**
 * `messages.update` on its way to the inbox: WhatsApp's 463 refusals lock the number (when one
 * went to a new contact) and give their campaign recipients back to the scheduler first — before
 * the inbox marks the messages failed, so no recipient is failed for good because of the lock.
 */
export function tapUpdatesForReachOut(
  ingestUpdates: (accountId: string, updates: WAMessageUpdate[]) => void,
  deps: { orm: Orm; refused: (accountId: string, firstContact: boolean) => unknown; runner: () => CampaignRunner | undefined },
): (accountId: string, updates: WAMessageUpdate[]) => void {
  return (accountId, updates) => {
    const refused = reachOutRefusals(updates);
    if (refused.length > 0) {
      const firstContacts = refused.filter((waId) => wasFirstContact(deps.orm, accountId, waId));
      void deps.refused(accountId, firstContacts.length > 0);
      deps.runner()?.onReachOutRefused(accountId, firstContacts);
    }
    ingestUpdates(accountId, updates);
  };
}
