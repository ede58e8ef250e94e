import { FALLBACK_POLL_MS, LIVE_POLL_MS } from '../lib/connectivity';
import { tradingConnection } from '../lib/realtime-bridge';
import { useStore } from '@bytelyst/trading-client';

/** Poll interval for screens: slow while the socket pushes, fast while it is down. */
export function usePollInterval(): number {
  return useStore(tradingConnection) === 'connected' ? LIVE_POLL_MS : FALLBACK_POLL_MS;
}
