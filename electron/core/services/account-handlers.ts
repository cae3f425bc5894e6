import type { HandlerDeps, HandlersFor } from './handler-deps';

type AccountMethods =
  | 'accounts.list'
  | 'accounts.addPractice'
  | 'accounts.addWhatsApp'
  | 'accounts.pairing'
  | 'accounts.requestPairingCode'
  | 'accounts.reconnect'
  | 'accounts.disconnect'
  | 'accounts.logout'
  | 'accounts.update'
  | 'accounts.remove'
  | 'practice.simulateInbound';

export function createAccountHandlers({ accounts }: HandlerDeps): HandlersFor<AccountMethods> {
  return {
    'accounts.list': () => accounts.list(),
    'accounts.addPractice': ({ label }) => accounts.addPractice(label),
    'accounts.addWhatsApp': ({ label, history }) => accounts.addWhatsApp(label, history),
    'accounts.pairing': ({ accountId }) => accounts.pairing(accountId),
    'accounts.requestPairingCode': ({ accountId, phone }) => accounts.requestPairingCode(accountId, phone),
    'accounts.reconnect': ({ accountId }) => accounts.reconnect(accountId),
    'accounts.disconnect': ({ accountId }) => accounts.disconnect(accountId),
    'accounts.logout': ({ accountId }) => accounts.logout(accountId),
    'accounts.update': ({ accountId, ...patch }) => accounts.update(accountId, patch),
    'accounts.remove': async ({ accountId, deleteConversations }) => ({ removed: await accounts.remove(accountId, deleteConversations) }),
    'practice.simulateInbound': (request) => accounts.simulateInbound(request),
  };
}
