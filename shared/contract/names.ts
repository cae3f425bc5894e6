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
  'messages.list',
  'messages.send',
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
] as const;

export type MethodName = (typeof methodNames)[number];
export type EventTopic = (typeof eventTopics)[number];

/** The one IPC channel for calls and the one for events (Electron transport). */
export const IPC_INVOKE_CHANNEL = 'mostrador:invoke';
export const IPC_EVENT_CHANNEL = 'mostrador:event';
