import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodRequest, SettingsDto } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { queryKeys } from '../query-keys';

export function useSettings() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => client.call('settings.get', {}) });
}

/** Optimistic: a language or theme switch shows at once and is undone if the server refuses it. */
export function useUpdateSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: MethodRequest<'settings.update'>) => client.call('settings.update', patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.settings });
      const before = queryClient.getQueryData<SettingsDto>(queryKeys.settings);
      if (before) queryClient.setQueryData<SettingsDto>(queryKeys.settings, { ...before, ...patch });
      return { before };
    },
    onError: (_error, _patch, context) => {
      if (context?.before) queryClient.setQueryData(queryKeys.settings, context.before);
    },
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.settings, settings),
  });
}
