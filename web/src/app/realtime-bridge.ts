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
  alert: ['alerts'],
  control: ['botState', 'listProfiles', 'adminControls'],
  config: ['featureFlags', 'adminConfig'],
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
  onSessionEnded: (reason: string) => void;
}) {
  const { client, url, getToken, enabled, isAdmin, onSessionEnded } = opts;
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
      onState: (s) => tradingConnection.set(s),
      onSessionEnded,
    });
    const inv = live.invalidator;
    const admin = isAdmin
      ? connectRealtime({
          url,
          namespace: SOCKET_NAMESPACES.admin,
          events: ADMIN_EVENTS,
          getToken,
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
  }, [client, url, getToken, enabled, isAdmin, onSessionEnded]);
}
