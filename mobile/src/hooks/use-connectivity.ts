import { useAuth } from '@bytelyst/react-auth';
import { onlineManager, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { botStateQueryOptions } from '../api/bot-state';
import { isApiError } from '@bytelyst/trading-client';
import { describeConnectivity, type Connectivity } from '../lib/connectivity';
import { tradingConnection } from '../lib/realtime-bridge';
import { useStore } from '@bytelyst/trading-client';
import { usePollInterval } from './use-poll-interval';

const subscribeOnline = (cb: () => void) => onlineManager.subscribe(cb);
const isOnline = () => onlineManager.isOnline();

/** One answer to "is what I see live?", from the socket, the last backend call and the platform. */
export function useConnectivity(): Connectivity {
  const socket = useStore(tradingConnection);
  const { degraded } = useAuth();
  const pollMs = usePollInterval();
  const bot = useQuery({ ...botStateQueryOptions(), refetchInterval: pollMs });
  // The device reports no network (browser `offline`): React Query pauses fetches rather than
  // failing them, so no error would ever arrive to say so.
  const online = useSyncExternalStore(subscribeOnline, isOnline, isOnline);
  const unreachable =
    !online || (bot.isError && isApiError(bot.error) && bot.error.code === 'NETWORK_UNREACHABLE');
  return describeConnectivity({
    socket,
    backendReachable: !unreachable,
    platformDegraded: degraded,
  });
}
