import type { BotState, Position } from '@bytelyst/trading-contracts';
import type { TradingEngine } from '../engine/index.js';
import type { Publisher } from './publisher.js';

/** The two counters engine events move (the API's Prometheus counters fit this shape). */
export interface TradingCounters {
  readonly orders: { inc(labels: { origin: string }): void };
  readonly decisions: { inc(labels: { action: string }): void };
}

/**
 * Routes engine events to the publisher (the socket gateway in the server): a user's data to their user room (the tenant's admins see
 * it through the admin namespace's tenant-agnostic events only when asked), market data to every
 * trader, and bot state to each tenant whenever it changes. Returns an unwire function.
 */
export function wireEngineEvents(o: {
  engine: TradingEngine;
  publisher: Publisher;
  counters: TradingCounters;
  tenants: () => string[];
  botState: (tenantId: string) => BotState;
  botStateEveryMs?: number;
  /** Values a position event at the live mark before it goes out (the portfolio view's rule). */
  markPosition?: (p: Position) => Position;
}): () => void {
  const offEvent = o.engine.events.on('event', (e) => {
    if (e.name === 'order') o.counters.orders.inc({ origin: e.payload.origin });
    if (e.name === 'decision') o.counters.decisions.inc({ action: e.payload.action });
    const payload = e.name === 'position' && o.markPosition ? o.markPosition(e.payload) : e.payload;
    if (e.userId) o.publisher.toUser({ tenantId: e.tenantId, userId: e.userId }, e.name, payload);
    else o.publisher.toTenant(e.tenantId, e.name, payload);
  });
  const offPrice = o.engine.events.on('price', (tick) => o.publisher.toAllTraders('price', tick));

  // Bot state is derived (controls, freshness, reconciliation), so it is sampled and pushed on change.
  const last = new Map<string, string>();
  const timer = setInterval(() => {
    for (const tenantId of o.tenants()) {
      const state = o.botState(tenantId);
      const {
        updatedAt: _u,
        productStatusAgeMs: _a,
        lastTickAt: _t,
        lastLoopAt: _l,
        venueFeeds,
        ...material
      } = state;
      // A venue feed's data time moves with every tick; its mode, counts and problem do not.
      const feeds = venueFeeds.map(({ lastDataAt: _d, ...f }) => f);
      const key = JSON.stringify({ ...material, feeds });
      if (last.get(tenantId) !== key) {
        last.set(tenantId, key);
        o.publisher.toTenant(tenantId, 'bot_state', state);
        o.publisher.toAdmins('bot_state', state);
      }
    }
  }, o.botStateEveryMs ?? 250);
  timer.unref();
  return () => {
    offEvent();
    offPrice();
    clearInterval(timer);
  };
}
