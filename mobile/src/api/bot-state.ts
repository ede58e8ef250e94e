import { queryOptions, useQuery } from '@tanstack/react-query';
import { usePollInterval } from '../hooks/use-poll-interval';
import { apiKey, callApi } from '../lib/api';

export const getBotState = (signal?: AbortSignal) => callApi('botState', { signal });

export const botStateQueryOptions = () =>
  queryOptions({ queryKey: apiKey('botState'), queryFn: ({ signal }) => getBotState(signal) });

/** Socket `bot_state` events keep this fresh; the poll is the fallback while the socket is down. */
export const useBotState = () =>
  useQuery({ ...botStateQueryOptions(), refetchInterval: usePollInterval() });
