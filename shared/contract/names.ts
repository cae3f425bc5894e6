/**
 * The contract's names without their schemas, so the sandboxed preload can check a name
 * without bundling zod. `contract-names.test.ts` keeps this list equal to the schemas' keys.
 */
export const methodNames = [
  'app.info',
  'settings.get',
  'settings.update',
  'accounts.list',
  'accounts.addPractice',
  'accounts.addWhatsApp',
  'accounts.pairing',
  'accounts.requestPairingCode',
  'accounts.reconnect',
  'accounts.disconnect',
  'accounts.logout',
  'accounts.update',
  'accounts.remove',
  'practice.simulateInbound',
  'chats.list',
  'chats.markRead',
  'chats.update',
  'chats.assign',
  'chats.setLabels',
  'chats.related',
  'messages.list',
  'messages.around',
  'messages.send',
  'messages.sendMedia',
  'messages.cancel',
  'messages.retryMedia',
  'messages.info',
  'search.query',
  'labels.list',
  'labels.save',
  'labels.delete',
  'notes.list',
  'notes.add',
  'notes.delete',
  'quickReplies.list',
  'quickReplies.save',
  'quickReplies.delete',
  'inbox.counts',
  'stats.activity',
  'stats.responses',
  'stats.conversations',
  'stats.live',
  'stats.assistant',
  'stats.campaigns',
  'assistant.get',
  'assistant.update',
  'assistant.try',
  'assistant.handlers',
  'assistant.setHandler',
  'assistant.stats',
  'campaigns.list',
  'campaigns.get',
  'campaigns.recipients',
  'campaigns.parseFile',
  'campaigns.checkAudience',
  'campaigns.stopWhatsAppCheck',
  'campaigns.estimate',
  'campaigns.create',
  'campaigns.pause',
  'campaigns.resume',
  'campaigns.cancel',
  'campaigns.report',
  'campaigns.exportCsv',
  'campaigns.optOutSettings',
  'campaigns.updateOptOutSettings',
  'sync.status',
  'sync.connect',
  'sync.disconnect',
] as const;

export const eventTopics = [
  'account.status',
  'account.removed',
  'account.pairing',
  'account.history',
  'chats.upserted',
  /** A chat folded into another (one customer reached us by LID and by phone number). */
  'chats.removed',
  'messages.upserted',
  /** Outbox messages cancelled before they were sent. */
  'messages.removed',
  'labels.upserted',
  'labels.removed',
  'notes.upserted',
  'notes.removed',
  'quickReplies.upserted',
  'quickReplies.removed',
  /** Unread totals for the badge / page title (one item, key "all"). */
  'inbox.counts',
  /** An account's assistant settings (key never included) and status changed. */
  'assistant.status',
  /** Who handles a chat changed (assistant, waiting for a person, a person). */
  'assistant.handler',
  /** A campaign's status, per-account brakes, counts and estimate (batched while it sends). */
  'campaigns.upserted',
  /** One recipient's state (live progress). */
  'campaigns.recipient',
  /** Rows read so far from an audience file. */
  'campaigns.import',
  /** How far the "is it on WhatsApp?" check before a campaign has got. */
  'campaigns.whatsAppCheck',
  /** A number joined the suppression list (it asked for no more messages). */
  'campaigns.suppressed',
] as const;

export type MethodName = (typeof methodNames)[number];
export type EventTopic = (typeof eventTopics)[number];

/** The one IPC channel for calls and the one for events (Electron transport). */
export const IPC_INVOKE_CHANNEL = 'mostrador:invoke';
export const IPC_EVENT_CHANNEL = 'mostrador:event';
