import { FALLBACK_POLL_MS, type ConnectionState } from '@bytelyst/trading-client';

export type ConnectivityLevel = 'live' | 'polling' | 'offline' | 'connecting';

export interface Connectivity {
  level: ConnectivityLevel;
  /** One line for the banner; null when everything is live. */
  message: string | null;
  /** How often screens poll: slow while the socket pushes, fast while it does not. */
  pollMs: number;
}

export const LIVE_POLL_MS = 60_000;
export { FALLBACK_POLL_MS };

/**
 * What the user is told about freshness. The backend being unreachable wins over everything
 * (the data on screen is stale); a socket that is down but REST that answers is "polling".
 */
export function describeConnectivity(input: {
  socket: ConnectionState;
  backendReachable: boolean;
  platformDegraded: boolean;
}): Connectivity {
  if (!input.backendReachable) {
    return {
      level: 'offline',
      message: 'Trading backend unreachable: showing the last known data. Retrying…',
      pollMs: FALLBACK_POLL_MS,
    };
  }
  const platform = input.platformDegraded
    ? ' Platform service unreachable: sign-in and availability checks are retried.'
    : '';
  switch (input.socket) {
    case 'connected':
      return {
        level: input.platformDegraded ? 'polling' : 'live',
        message: platform ? platform.trim() : null,
        pollMs: LIVE_POLL_MS,
      };
    case 'idle':
    case 'connecting':
      return {
        level: 'connecting',
        message: `Connecting to live updates…${platform}`,
        pollMs: FALLBACK_POLL_MS,
      };
    case 'disconnected':
    case 'ended':
      return {
        level: 'polling',
        message: `Live updates disconnected: refreshing every ${FALLBACK_POLL_MS / 1000} s.${platform}`,
        pollMs: FALLBACK_POLL_MS,
      };
  }
}
