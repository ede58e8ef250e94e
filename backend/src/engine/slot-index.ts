import type { Timeframe } from '@bytelyst/trading-contracts';
import type { Bar, MarketDataFeed, Tick } from '../ports/market-data.js';
import type { EngineContext } from './context.js';
import { INTENT_NONE, evaluateProtective } from './evaluate.js';
import { exitBackingOff } from './exits.js';
import { actOnCandle } from './pipeline.js';
import type { ProfileRuntime, TradedSymbol, TenantRuntime } from './runtime.js';

export interface SlotRef {
  readonly tenant: TenantRuntime;
  readonly slot: TradedSymbol;
}

/** symbol -> timeframe -> slots of running tenants; nested maps so a lookup builds no key string. */
export class SlotIndex {
  private readonly index = new Map<string, Map<Timeframe, SlotRef[]>>();

  /** Indexes the running tenants' profiles (those `include` accepts: the ones on this market). */
  rebuild(tenants: Iterable<TenantRuntime>, include?: (rt: ProfileRuntime) => boolean): void {
    this.index.clear();
    for (const t of tenants) {
      if (!t.reconciled || t.status !== 'running') continue;
      for (const rt of t.profiles.values()) {
        if (include && !include(rt)) continue;
        for (const slot of rt.slots.values()) {
          let bySymbol = this.index.get(slot.symbol);
          if (!bySymbol) {
            bySymbol = new Map<Timeframe, SlotRef[]>();
            this.index.set(slot.symbol, bySymbol);
          }
          let list = bySymbol.get(rt.profile.timeframe);
          if (!list) bySymbol.set(rt.profile.timeframe, (list = []));
          list.push({ tenant: t, slot });
        }
      }
    }
  }

  get(symbol: string, timeframe: Timeframe): readonly SlotRef[] | undefined {
    return this.index.get(symbol)?.get(timeframe);
  }

  *forSymbol(symbol: string): Iterable<SlotRef> {
    const byTf = this.index.get(symbol);
    if (!byTf) return;
    for (const list of byTf.values()) yield* list;
  }
}

/** Feeds recent history into fresh strategy instances so a restart does not wait for warm-up. */
export function primeStrategies(
  marketOf: (rt: ProfileRuntime) => MarketDataFeed | null,
  options: { tenant: TenantRuntime; profileId?: string },
): void {
  for (const rt of options.tenant.profiles.values()) {
    if (options.profileId && rt.profile.id !== options.profileId) continue;
    const market = marketOf(rt);
    if (!market) continue;
    for (const slot of rt.slots.values()) {
      for (const b of market.history(slot.symbol, rt.profile.timeframe, slot.strategy.warmup + 1)) {
        slot.strategy.update(b);
        slot.last = b.close;
      }
    }
  }
}

/**
 * Stops and targets are watched on every tick, not only at the candle close. Returns the step to
 * queue when the tick crosses a level of an open position with no order in flight.
 */
export function stopStepForTick(
  slot: TradedSymbol,
  tick: Tick,
): ((ctx: EngineContext, tenant: TenantRuntime) => Promise<void>) | null {
  if (slot.qtyFloat === 0 || slot.pending || exitBackingOff(slot, tick.at)) return null;
  const intent = evaluateProtective(slot, tick.price);
  if (intent === INTENT_NONE) return null;
  const bar: Bar = {
    kind: 'candle',
    symbol: tick.symbol,
    timeframe: slot.profile.profile.timeframe,
    openTime: tick.at,
    open: tick.price,
    high: tick.price,
    low: tick.price,
    close: tick.price,
    volume: 0,
  };
  slot.last = tick.price;
  return async (ctx, tenant) => {
    // Several ticks may queue a step before the first runs; only one order goes out.
    if (!slot.pending && slot.qtyFloat !== 0)
      await actOnCandle(ctx, { tenant, bar, slots: [slot], intents: [intent], trigger: 'tick' });
  };
}
