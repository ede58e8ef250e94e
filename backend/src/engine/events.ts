import type {
  Candle,
  PriceTick,
  TradingEventName,
  TradingEventPayload,
} from '@bytelyst/trading-contracts';

/** One event for the API layer to route: tenant room always, user room when `userId` is set. */
export type EngineEvent = {
  [E in TradingEventName]: {
    readonly name: E;
    readonly tenantId: string;
    readonly userId?: string;
    readonly payload: TradingEventPayload<E>;
  };
}[TradingEventName];

export interface EngineEventMap {
  /** Tenant/user-scoped trading events, payloads exactly as TRADING_EVENTS. */
  event: EngineEvent;
  /** Market prices, broadcast to every trader. */
  price: PriceTick;
  /** Closed candles, broadcast like prices. */
  candle: Candle;
  /** Ledger entries of these profiles were committed (balances moved). */
  ledger: { tenantId: string; profileIds: readonly string[] };
  /** A tenant's loop stopped on an error (not a lost lease): the supervisor restarts it. */
  tenant_failed: { tenantId: string; reason: string };
}

type Listener<T> = (payload: T) => void;

/** A small typed emitter; a throwing listener is isolated so it cannot break the loop. */
export class EngineEvents {
  private readonly listeners: { [K in keyof EngineEventMap]: Set<Listener<EngineEventMap[K]>> } = {
    event: new Set(),
    price: new Set(),
    candle: new Set(),
    ledger: new Set(),
    tenant_failed: new Set(),
  };

  on<K extends keyof EngineEventMap>(name: K, listener: Listener<EngineEventMap[K]>): () => void {
    this.listeners[name].add(listener);
    return () => this.off(name, listener);
  }

  off<K extends keyof EngineEventMap>(name: K, listener: Listener<EngineEventMap[K]>): void {
    this.listeners[name].delete(listener);
  }

  has(name: keyof EngineEventMap): boolean {
    return this.listeners[name].size > 0;
  }

  emit<K extends keyof EngineEventMap>(name: K, payload: EngineEventMap[K]): void {
    for (const l of this.listeners[name]) {
      try {
        l(payload);
      } catch {
        // A listener's failure is the listener's problem; trading continues.
      }
    }
  }
}
