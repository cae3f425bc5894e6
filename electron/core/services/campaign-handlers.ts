import { AppError } from '../../../shared/errors';
import { listRecipients, recipientDto } from '../campaigns/campaign-store';
import { readOptOutSettings, writeOptOutSettings } from '../campaigns/opt-out';
import type { CampaignService } from '../campaigns/campaign-service';
import type { HandlerDeps, HandlersFor } from './handler-deps';

type CampaignMethods =
  | 'campaigns.list'
  | 'campaigns.get'
  | 'campaigns.recipients'
  | 'campaigns.parseFile'
  | 'campaigns.checkAudience'
  | 'campaigns.stopWhatsAppCheck'
  | 'campaigns.estimate'
  | 'campaigns.create'
  | 'campaigns.pause'
  | 'campaigns.resume'
  | 'campaigns.cancel'
  | 'campaigns.report'
  | 'campaigns.exportCsv'
  | 'campaigns.optOutSettings'
  | 'campaigns.updateOptOutSettings';

/** Campaigns: audiences, creation (one transaction), pause/resume/cancel, reports, the opt-out settings. */
export function createCampaignHandlers({ orm, campaigns }: HandlerDeps): HandlersFor<CampaignMethods> {
  const service = (): CampaignService => {
    if (!campaigns) throw new AppError('INTERNAL', 'Campaigns are not running');
    return campaigns;
  };
  return {
    'campaigns.list': () => service().list(),
    'campaigns.get': ({ id }) => service().get(id),
    'campaigns.recipients': ({ id, state, offset, limit }) => {
      service().get(id);
      const page = listRecipients(orm, { campaignId: id, ...(state ? { state } : {}), offset, limit });
      return { items: page.items.map(recipientDto), total: page.total };
    },
    'campaigns.parseFile': (request) => service().parseFile(request),
    'campaigns.checkAudience': (request) => service().checkAudience(request),
    'campaigns.stopWhatsAppCheck': () => service().stopWhatsAppCheck(),
    'campaigns.estimate': (request) => service().estimate(request),
    'campaigns.create': (request) => service().create(request),
    'campaigns.pause': ({ id }) => service().pause(id),
    'campaigns.resume': ({ id }) => service().resume(id),
    'campaigns.cancel': ({ id }) => service().cancel(id),
    'campaigns.report': ({ id }) => service().report(id),
    'campaigns.exportCsv': ({ id }) => service().exportCsv(id),
    'campaigns.optOutSettings': () => readOptOutSettings(orm),
    'campaigns.updateOptOutSettings': (request) => writeOptOutSettings(orm, request),
  };
}
