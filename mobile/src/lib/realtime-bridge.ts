import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiKey } from './api';
import {
  connectTradingCache,
  createStore,
  type ConnectionState,
  type TradingInvalidations,
} from '@bytelyst/trading-client';

export const tradingConnection = createStore<ConnectionState>('idle');

/** Server-paged lists the phone shows, refetched (coalesced) after these events. */
const INVALIDATIONS: TradingInvalidations = {
  position: ['equity'],
  order: ['positions'],
  fill: ['positions'],
  trade: ['trades', 'equity', 'positions'],
  decision: ['decisions'],
  control: ['botState', 'listProfiles'],
  config: ['featureFlags'],
  // A block (mismatch, refused exit) arrives as an alert: the profile's state changed with it.
  alert: ['listProfiles', 'alerts', 'alertCounts'],
  profile_changed: ['listProfiles'],
};

/**
 * Keeps the query cache live from the `/trading` socket: whole state (bot state, prices,
 * positions) is written into the cache; server-paged lists are refetched in coalesced bursts.
 * While the socket is down every active query (every tab, History included) is refetched each
 * FALLBACK_POLL_MS, the interval the banner states; the socket itself retries with backoff.
 */
export function useRealtimeBridge(opts: {
  client: QueryClient;
  url: string;
  getToken: () => Promise<string | null>;
  enabled: boolean;
  /** After `session_ended` for a reason other than expiry: refresh; null means signed out. */
  renewSession: () => Promise<unknown>;
}) {
  const { client, url, getToken, enabled, renewSession } = opts;
  useEffect(() => {
    if (!enabled) {
      tradingConnection.set('idle');
      return;
    }
    const live = connectTradingCache({
      client,
      keyOf: apiKey,
      invalidations: INVALIDATIONS,
      url,
      getToken,
      // A token the server refused is replaced before the next attempt.
      refreshToken: renewSession,
      onState: (s) => tradingConnection.set(s),
      onSessionEnded: (reason) => {
        // token_expired reconnects by itself after a refresh (see connectRealtime).
        if (reason === 'token_expired') return;
        void renewSession().then(
          (session) => {
            if (session) live.trading.socket.connect();
          },
          () => undefined,
        );
      },
    });
    return () => {
      live.close();
      tradingConnection.set('idle');
    };
  }, [client, url, getToken, enabled, renewSession]);
}
