import { createAccountHandlers } from './account-handlers';
import { createAgentToolHandlers } from './agent-tool-handlers';
import { createAssistantHandlers } from './assistant-handlers';
import { createAppHandlers } from './app-handlers';
import { createCampaignHandlers } from './campaign-handlers';
import { createConversationHandlers } from './conversation-handlers';
import type { Handlers } from './dispatcher';
import type { HandlerDeps } from './handler-deps';
import { createMessageHandlers } from './message-handlers';
import { createMessageReadHandlers } from './message-read-handlers';
import { createSearchHandlers } from './search-handlers';
import { createStatsHandlers } from './stats-handlers';
import { createSyncHandlers } from './sync-handlers';

export type { HandlerDeps } from './handler-deps';

/** The contract's methods, implemented once for both transports; one file per area. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(deps),
    ...createAccountHandlers(deps),
    ...createConversationHandlers(deps),
    ...createMessageReadHandlers(deps),
    ...createMessageHandlers(deps),
    ...createAgentToolHandlers(deps),
    ...createSearchHandlers(deps),
    ...createStatsHandlers(deps),
    ...createAssistantHandlers(deps),
    ...createCampaignHandlers(deps),
    ...createSyncHandlers(deps),
  };
}
