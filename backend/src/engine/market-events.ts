import { TIMEFRAME_MS } from '@bytelyst/trading-contracts';
import { formatFixed, fromObservation } from '../domain/money/fixed.js';
import type { MarketEvent, Tick } from '../ports/market-data.js';
import type { EngineContext } from './context.js';
import { toCandle } from './market-wire.js';
import type { MarketView } from './market-views.js';
import { actOnCandle, evaluateCandle } from './pipeline.js';
import type { TenantRuntime } from './runtime.js';
import { stopStepForTick } from './slot-index.js';

/** What a market event needs of the engine: its tenant queues and its periodic steps. */
export interface MarketLoop {
  /** Runs a tenant step in its queue (a failure stops the tenant). */
  guard(t: TenantRuntime, task: () => Promise<void>): Promise<void>;
  /** The periodic steps due now, queued; undefined when none. */
  periodic(now: number): Promise<void> | undefined;
}

/**
 * One event of one market: a tick moves that market's last prices and watches stops; a closed
 * candle is evaluated for the slots trading on that market. Returns a promise only when work was
 * queued, so a backtest can run HOLD candles synchronously. `shown`: the event also goes to the
 * sockets (the default market's; a venue's candles are for its profiles).
 */
export function onMarketEvent(
  ctx: EngineContext,
  o: { view: MarketView; e: MarketEvent; shown: boolean; loop: MarketLoop },
): Promise<void> | undefined {
  const { view, e, loop } = o;
  const now = ctx.clock.now();
  if (e.kind === 'tick') {
    view.lastTickAt.set(e.symbol, e.at);
    if (o.shown && ctx.events.has('price')) {
      ctx.events.emit('price', {
        symbol: e.symbol,
        price: formatFixed(fromObservation(e.price)),
        at: new Date(e.at).toISOString(),
      });
    }
    const stops = checkStopsOnTick(ctx, { view, tick: e, loop });
    const periodic = loop.periodic(now);
    if (stops && periodic) return Promise.all([stops, periodic]).then(() => undefined);
    return stops ?? periodic;
  }

  const closeAt = e.openTime + TIMEFRAME_MS[e.timeframe];
  if ((view.lastTickAt.get(e.symbol) ?? -1) < closeAt) view.lastTickAt.set(e.symbol, closeAt);
  if (o.shown && ctx.events.has('candle')) ctx.events.emit('candle', toCandle(e));
  const targets = view.slots.get(e.symbol, e.timeframe);
  if (!targets) return loop.periodic(now);
  const groups = evaluateCandle(ctx, { targets, bar: e });
  let work: Promise<void>[] | undefined;
  if (groups) {
    for (const [tenant, g] of groups) {
      (work ??= []).push(
        loop.guard(tenant, () =>
          actOnCandle(ctx, { tenant, bar: e, slots: g.slots, intents: g.intents }),
        ),
      );
    }
  }
  const periodic = loop.periodic(now);
  if (periodic) (work ??= []).push(periodic);
  return work ? Promise.all(work).then(() => undefined) : undefined;
}

/** Stops and targets are watched on every tick, not only at the candle close. */
function checkStopsOnTick(
  ctx: EngineContext,
  o: { view: MarketView; tick: Tick; loop: MarketLoop },
): Promise<void> | undefined {
  let work: Promise<void>[] | undefined;
  for (const { tenant, slot } of o.view.slots.forSymbol(o.tick.symbol)) {
    const step = stopStepForTick(slot, o.tick);
    if (step) (work ??= []).push(o.loop.guard(tenant, () => step(ctx, tenant)));
  }
  return work ? Promise.all(work).then(() => undefined) : undefined;
}
