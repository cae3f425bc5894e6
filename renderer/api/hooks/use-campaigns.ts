import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CampaignDto, ImportProgressDto, MethodRequest, RecipientState, WhatsAppCheckProgressDto } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { applyEventBatch } from '../event-bridge';
import { queryKeys } from '../query-keys';

const applyCampaign = (queryClient: QueryClient) => (campaign: CampaignDto) => applyEventBatch(queryClient, { topic: 'campaigns.upserted', items: [campaign] });

export function useCampaigns() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.campaigns, queryFn: () => client.call('campaigns.list', {}) });
}

export function useCampaign(id: number) {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.campaign(id), queryFn: () => client.call('campaigns.get', { id }) });
}

export function useCampaignRecipients(id: number, state: RecipientState | null, offset: number, limit = 100) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.campaignRecipients(id, state, offset),
    queryFn: () => client.call('campaigns.recipients', { id, offset, limit, ...(state ? { state } : {}) }),
  });
}

export function useCampaignReport(id: number) {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.campaignReport(id), queryFn: () => client.call('campaigns.report', { id }) });
}

/** Progress of a file being read (events only; nothing to fetch). */
/** A value only events fill (never fetched): null until the first one arrives. */
const useEventValue = <T>(queryKey: readonly unknown[]) => useQuery<T | null>({ queryKey, queryFn: () => null, enabled: false, initialData: null });

export function useAudienceImport(draftId: string | null) {
  return useEventValue<ImportProgressDto>(queryKeys.audienceImport(draftId ?? ''));
}

/** The running "is it on WhatsApp?" check (events only, never fetched). */
export function useWhatsAppCheckProgress() {
  return useEventValue<WhatsAppCheckProgressDto>(queryKeys.whatsAppCheck);
}

export function useStopWhatsAppCheck() {
  const client = useApiClient();
  return useMutation({ mutationFn: () => client.call('campaigns.stopWhatsAppCheck', {}) });
}

export function useParseAudienceFile() {
  const client = useApiClient();
  return useMutation({ mutationFn: (request: MethodRequest<'campaigns.parseFile'>) => client.call('campaigns.parseFile', request) });
}

export function useCheckAudience() {
  const client = useApiClient();
  return useMutation({ mutationFn: (request: MethodRequest<'campaigns.checkAudience'>) => client.call('campaigns.checkAudience', request) });
}

export function useEstimate(request: MethodRequest<'campaigns.estimate'> | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['campaigns', 'estimate', request],
    queryFn: () => client.call('campaigns.estimate', request!),
    enabled: request !== null,
    retry: false,
  });
}

export function useCreateCampaign() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (request: MethodRequest<'campaigns.create'>) => client.call('campaigns.create', request), onSuccess: applyCampaign(queryClient) });
}

export function useCampaignAction(action: 'campaigns.pause' | 'campaigns.resume' | 'campaigns.cancel') {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => client.call(action, { id }),
    onSuccess: (campaign) => {
      applyCampaign(queryClient)(campaign);
      // A cancel changes every waiting recipient at once (no event per row): read the pages again.
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaign(campaign.id) });
    },
  });
}

export function useExportCampaign() {
  const client = useApiClient();
  return useMutation({ mutationFn: (id: number) => client.call('campaigns.exportCsv', { id }) });
}

export function useOptOutSettings() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.optOutSettings, queryFn: () => client.call('campaigns.optOutSettings', {}) });
}

export function useUpdateOptOutSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'campaigns.updateOptOutSettings'>) => client.call('campaigns.updateOptOutSettings', request),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.optOutSettings, settings),
  });
}
