import type { AccountManager } from '../accounts/account-manager';
import type { Responder } from '../assistant/responder';
import type { CampaignService } from '../campaigns/campaign-service';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import type { InboxIngest } from '../inbox/inbox-ingest';
import type { MediaDownloader } from '../media/media-downloader';
import type { Outbox } from '../outbox/outbox';
import type { ResponseTracker } from '../stats/response-tracker';
import type { SecretBox } from '../secrets/secret-box';
import type { SyncEngine } from '../sync/sync-engine';
import type { MethodName } from '../../../shared/contract';
import type { Handlers } from './dispatcher';

/** What every area's handlers may use; built once in create-core. */
export interface HandlerDeps {
  orm: Orm;
  bus: EventBus;
  accounts: AccountManager;
  ingest: InboxIngest;
  /** Our messages: stored at once, sent in order when the account is connected (create-core always wires it). */
  outbox?: Outbox;
  /** Received files: downloaded on arrival or on request (create-core always wires it). */
  media?: MediaDownloader;
  /** Response times for the Stats screen, computed in the background (create-core always wires it). */
  responseTracker?: ResponseTracker;
  /** The AI auto-responder and the box that seals its API keys (create-core always wires them). */
  assistant?: Responder;
  box?: SecretBox;
  /** Paced campaigns (create-core always wires it). */
  campaigns?: CampaignService;
  /** The optional central server connection (create-core always wires it; off until enrolled). */
  sync?: SyncEngine;
  dataDir: string;
  info: { version: string; mode: 'electron' | 'headless'; dataDir: string };
}

/** The handlers of some of the contract's methods (one file per area; handlers.ts joins them). */
export type HandlersFor<M extends MethodName> = Pick<Handlers, M>;
