import type { ModelLookup } from '../../domain/strategies/model-strategy.js';
import type { Alert, FillRule, Trade, TradingProfile } from '@bytelyst/trading-contracts';
import type { TestClock } from '../../ports/clock.js';
import type { SimulatedVenue } from '../../ports/execution-client.js';
import type { ReplayMarketFeed } from '../../ports/market-data.js';
import type { EngineConfigInput, EngineStats } from '../context.js';
import { InMemoryJournal, NullJournal } from '../in-memory-journal.js';
import { DrawdownTracker } from '../../domain/portfolio/drawdown-tracker.js';
import { createTradingEngine } from '../trading-engine.js';

export interface BacktestOptions {
  /** The simulated clock the feed advances (one candle at a time). */
  readonly clock: TestClock;
  /** The candles to replay, on `clock`. */
  readonly feed: ReplayMarketFeed;
  /** The venue the orders go to, on `clock`; told every candle's close before the engine acts. */
  readonly venue: SimulatedVenue;
  /** Profiles of one tenant; their timeframe must match the series'. */
  readonly profiles: readonly TradingProfile[];
  /** 'memory' keeps every record in an InMemoryJournal; 'off' keeps nothing (fastest). */
  readonly persistence?: 'memory' | 'off';
  /** Sample the equity curve every this many candles (default 1440). */
  readonly equityEvery?: number;
  readonly config?: EngineConfigInput;
  /** Called at each equity sample with the candles replayed so far (progress reporting). */
  readonly onProgress?: (candlesDone: number) => void;
  /**
   * `next_open`: the venue holds market orders for the next candle's open (it must be built to);
   * the runner tells it each open. `close` (default): orders fill at the signal candle's close.
   */
  readonly fillRule?: FillRule;
  /** Model versions the profiles' model strategies use. */
  readonly models?: ModelLookup;
}

export interface BacktestResult {
  readonly trades: Trade[];
  /** Alerts raised on the way (a drawdown halt, say), oldest first. */
  readonly alerts: Alert[];
  readonly equityCurve: { at: number; equity: number }[];
  /** Max drawdown over the equity at every candle's close (not the sampled curve). */
  readonly drawdown: DrawdownTracker;
  readonly stats: EngineStats;
  readonly finalEquity: Record<string, string>;
  readonly journal: InMemoryJournal | null;
  /** Market orders decided on the last candle(s) that no next open came for: never filled. */
  readonly unfilledAtEnd: number;
  /** Equity at every candle's close (float shadows, as the drawdown watch reads it). */
  readonly equitySeries: { readonly times: Float64Array; readonly equity: Float64Array };
  /** Candles that closed with a position open. */
  readonly exposedCandles: number;
  /** Fees and slippage of every fill, exact, and orders the venue refused when filling. */
  readonly costs: ReturnType<SimulatedVenue['costs']>;
}

const TENANT = 'backtest';

/**
 * The live pipeline on a simulated clock: replay feed -> engine -> simulated venue -> journal.
 * Nothing differs from live trading except where time and prices come from. The feed and venue
 * arrive through their ports; `compose/paper-backtest.ts` builds the usual pair (candle columns
 * replayed into the paper exchange).
 */
export async function runBacktest(o: BacktestOptions): Promise<BacktestResult> {
  const { clock, feed, venue } = o;
  const journal = o.persistence === 'memory' ? new InMemoryJournal() : null;
  const engine = createTradingEngine({
    clock,
    market: feed,
    execution: (t) => venue.client(t),
    journal: journal ?? new NullJournal(),
    instanceId: 'backtest',
    config: { assumeProductEnabled: true, marketStaleMs: 365 * 86_400_000, ...o.config },
    ...(o.models ? { models: o.models } : {}),
  });
  const trades: Trade[] = [];
  const alerts: Alert[] = [];
  engine.events.on('event', (e) => {
    if (e.name === 'trade') trades.push(e.payload);
    else if (e.name === 'alert') alerts.push(e.payload);
  });
  const profiles = o.profiles.map((p) => ({ ...p, tenantId: TENANT }));
  const report = await engine.startTenant(TENANT, { epoch: 1, profiles });
  if (!report.ok) throw new Error(`backtest start failed: ${report.error ?? 'unknown'}`);
  const every = o.equityEvery ?? 1440;
  const curve: { at: number; equity: number }[] = [];
  const drawdown = new DrawdownTracker();
  const books = engine.books(TENANT);
  let n = 0;
  let exposedCandles = 0;
  const series = new EquitySeries();
  if (o.fillRule === 'next_open') {
    // A fill at the open is booked (reports in, positions and cash updated) before the candle's
    // close is evaluated, as it would be live.
    feed.subscribeOpen((symbol, open) =>
      venue.openCandle(symbol, open) ? engine.idle() : undefined,
    );
  }
  feed.subscribeAsync((bar) => {
    venue.setCandle(bar);
    const work = engine.onMarket(bar);
    const e = books.equityFloat();
    drawdown.push(clock.now(), e);
    series.push(clock.now(), e);
    if (books.exposed()) exposedCandles++;
    if (++n % every === 0) {
      curve.push({ at: clock.now(), equity: sumEquity(engine.equity(TENANT)) });
      o.onProgress?.(n);
    }
    return work;
  });
  await feed.start();
  await engine.idle();
  const unfilledAtEnd = venue.waitingMarketOrders();
  // The last close's equity after the engine settled (its work may have booked a fill).
  series.replaceLast(sumEquity(engine.equity(TENANT)));
  const finalEquity = engine.equity(TENANT);
  curve.push({ at: clock.now(), equity: sumEquity(finalEquity) });
  drawdown.push(clock.now(), sumEquity(finalEquity));
  await engine.stop();
  return {
    trades,
    alerts,
    equityCurve: curve,
    drawdown,
    stats: engine.stats,
    finalEquity,
    journal,
    unfilledAtEnd,
    equitySeries: series.done(),
    exposedCandles,
    costs: venue.costs(),
  };
}

function sumEquity(e: Record<string, string>): number {
  let s = 0;
  for (const v of Object.values(e)) s += Number(v);
  return s;
}

/** A growing pair of float columns (no object per candle). */
class EquitySeries {
  private times = new Float64Array(1024);
  private equity = new Float64Array(1024);
  private n = 0;

  push(at: number, e: number): void {
    if (this.n === this.times.length) {
      const t = new Float64Array(this.n * 2);
      t.set(this.times);
      this.times = t;
      const q = new Float64Array(this.n * 2);
      q.set(this.equity);
      this.equity = q;
    }
    this.times[this.n] = at;
    this.equity[this.n++] = e;
  }

  replaceLast(e: number): void {
    if (this.n > 0) this.equity[this.n - 1] = e;
  }

  done(): { times: Float64Array; equity: Float64Array } {
    return { times: this.times.subarray(0, this.n), equity: this.equity.subarray(0, this.n) };
  }
}
