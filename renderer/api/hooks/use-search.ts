import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../api-context';
import { queryKeys } from '../query-keys';

/**
 * Results for one search text (already debounced by the caller). Events do not keep results
 * current, so a search typed again asks again instead of showing an old answer.
 */
export function useSearch(text: string) {
  const client = useApiClient();
  const trimmed = text.trim();
  return useQuery({
    queryKey: queryKeys.search(trimmed),
    queryFn: () => client.call('search.query', { text: trimmed, limit: 50 }),
    enabled: trimmed.length > 0,
    staleTime: 0,
    gcTime: 60_000,
    placeholderData: (previous) => previous,
  });
}
