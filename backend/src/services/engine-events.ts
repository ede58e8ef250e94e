import type { BotState } from '@bytelyst/trading-contracts';
import type { Metrics } from '../api/metrics.js';
import type { RealtimeGateway } from '../api/realtime/gateway.js';
import type { TradingEngine } from '../engine/index.js';

/**
 * Routes engine events to socket rooms: a user's data to their user room (the tenant's admins see
 * it through the admin namespace's tenant-agnostic events only when asked), market data to every
 * trader, and bot state to each tenant whenever it changes. Returns an unwire function.
 */
export function wireEngineEvents(o: {
  engine: TradingEngine;
  gateway: RealtimeGateway;
  metrics: Metrics;
  tenants: () => string[];
  botState: (tenantId: string) => BotState;
  botStateEveryMs?: number;
}): () => void {
  const offEvent = o.engine.events.on('event', (e) => {
    if (e.name === 'order') o.metrics.trading.orders.inc({ origin: e.payload.origin });
    if (e.name === 'decision') o.metrics.trading.decisions.inc({ action: e.payload.action });
    if (e.userId) o.gateway.toUser({ tenantId: e.tenantId, userId: e.userId }, e.name, e.payload);
    else o.gateway.toTenant(e.tenantId, e.name, e.payload);
  });
  const offPrice = o.engine.events.on('price', (tick) => o.gateway.toAllTraders('price', tick));

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
        ...material
      } = state;
      const key = JSON.stringify(material);
      if (last.get(tenantId) !== key) {
        last.set(tenantId, key);
        o.gateway.toTenant(tenantId, 'bot_state', state);
        o.gateway.toAdmins('bot_state', state);
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
