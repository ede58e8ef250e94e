import type { MobileAction } from '@bytelyst/trading-contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

/** The tenant's approved mobile interventions (the backend enforces them too). */
export const mobilePolicyQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('mobilePolicy'),
    queryFn: ({ signal }) => callApi('mobilePolicy', { signal }),
  });

/** A minute is soon enough for an admin's change; the backend refuses a stale button anyway. */
export const useMobilePolicy = () =>
  useQuery({ ...mobilePolicyQueryOptions(), refetchInterval: 60_000 });

/** Fails closed: while the policy is unknown no intervention is offered. */
export function useMobileAllows(action: MobileAction): boolean {
  return useMobilePolicy().data?.allowed.includes(action) ?? false;
}
