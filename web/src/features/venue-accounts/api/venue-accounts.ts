import type { ConnectVenueAccountBody } from '@bytelyst/trading-contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export {
  listVenueAccounts,
  useVenueAccounts,
  venueAccountsQueryOptions,
} from '../../../api/venue-accounts';

const useInvalidating = <V, R>(fn: (v: V) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: apiKey('listVenueAccounts') }),
  });
};

export const useConnectVenueAccount = () =>
  useInvalidating((body: ConnectVenueAccountBody) => callApi('connectVenueAccount', { body }));
export const useRefreshVenueAccount = () =>
  useInvalidating((id: string) => callApi('refreshVenueAccount', { params: { id } }));
export const useDisconnectVenueAccount = () =>
  useInvalidating((id: string) => callApi('disconnectVenueAccount', { params: { id } }));
