import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../api-context';
import { queryKeys } from '../query-keys';

export function useAppInfo() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => client.call('app.info', {}) });
}
