import { ADMIN_EVENTS, SOCKET_NAMESPACES } from '@bytelyst/trading-contracts';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiKey } from '../lib/api';
import {
  connectRealtime,
  connectTradingCache,
  createStore,
  type ConnectionState,
  type TradingInvalidations,
} from '@bytelyst/trading-client';

export const tradingConnection = createStore<ConnectionState>('idle');

/** Lists whose pages the server owns are refetched (coalesced) after these events. */
const INVALIDATIONS: TradingInvalidations = {
  position: ['equity'],
  order: ['orders', 'positions'],
  fill: ['orders', 'positions'],
  trade: ['trades', 'equity', 'positions', 'ledger'],
  decision: ['decisions'],
  // A block (mismatch, refused exit) arrives as an alert: the profile's state changed with it.
  alert: ['alerts', 'alertCounts', 'listProfiles'],
  control: ['botState', 'listProfiles', 'adminControls'],
  config: ['featureFlags', 'adminConfig'],
  profile_changed: ['listProfiles'],
};

/**
 * Keeps the query cache live from the sockets: state that arrives whole (bot state, prices,
 * positions, candles) is written into the cache; lists whose pages the server owns (orders,
 * decisions, trades) are invalidated and refetched in coalesced bursts.
 */
export function useRealtimeBridge(opts: {
  client: QueryClient;
  url: string;
  getToken: () => Promise<string | null>;
  enabled: boolean;
  isAdmin: boolean;
  /** Forces a token refresh; resolves null when the session is gone (signed out). */
  renewSession: () => Promise<unknown>;
  onSessionEnded: (reason: string) => void;
}) {
  const { client, url, getToken, enabled, isAdmin, renewSession, onSessionEnded } = opts;
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
      refreshToken: renewSession,
      onState: (s) => tradingConnection.set(s),
      onSessionEnded: (reason) => {
        onSessionEnded(reason);
        if (reason === 'token_expired') return; // reconnects after a refresh by itself
        // Revoked or tenant disabled: a renewed session reconnects; none means signed out.
        void renewSession().then(
          (session) => {
            if (session) live.trading.socket.connect();
          },
          () => undefined,
        );
      },
    });
    const inv = live.invalidator;
    const admin = isAdmin
      ? connectRealtime({
          url,
          namespace: SOCKET_NAMESPACES.admin,
          events: ADMIN_EVENTS,
          getToken,
          refreshToken: renewSession,
          onState: () => undefined,
          onEvent: (name) => {
            switch (name) {
              case 'audit':
                inv.add('adminAudit');
                return;
              case 'control':
                inv.add('adminControls', 'botState');
                return;
              case 'config':
                inv.add('adminConfig');
                return;
              case 'profile_changed':
              case 'alert':
                // Another user's profile in the operator's view (the trading socket pushes own).
                inv.add('listProfiles');
                return;
              default:
                return;
            }
          },
        })
      : null;
    return () => {
      live.close();
      admin?.close();
      tradingConnection.set('idle');
    };
  }, [client, url, getToken, enabled, isAdmin, renewSession, onSessionEnded]);
}
