import { type Instrument, type Timeframe } from '@bytelyst/trading-contracts';
import type { Clock } from '../../ports/clock.js';
import type {
  Bar,
  MarketDataFeed,
  MarketEvent,
  MarketHandler,
  Tick,
} from '../../ports/market-data.js';
import { CandleAggregator } from './candle-aggregator.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  type SimInstrument,
  toContractInstrument,
} from './instruments.js';
import { PricePath } from './price-path.js';

export interface SimulatedMarketOptions {
  readonly clock: Clock;
  readonly seed: number;
  /** One tick per symbol every `tickMs` (default 1000: 1-second ticks). */
  readonly tickMs?: number;
  readonly instruments?: readonly SimInstrument[];
  readonly timeframes?: readonly Timeframe[];
  readonly historyLimit?: number;
  /** Time of tick number 0; ticks fall on start + n * tickMs. Default: the clock's time at construction, aligned to tickMs. */
  readonly startTime?: number;
  /** Live mode: a timer advances the market with the clock. Off for tests and backtests (call advanceTo). */
  readonly realtime?: boolean;
}

/**
 * A seeded, deterministic market: 1-second ticks per symbol aggregated into candles. Prices depend
 * only on the seed and the tick number, never on when the code ran.
 */
export class SimulatedMarket implements MarketDataFeed {
  private readonly clock: Clock;
  private readonly tickMs: number;
  private readonly sims: readonly SimInstrument[];
  private readonly contracts: readonly Instrument[];
  private readonly paths = new Map<string, PricePath>();
  private readonly aggs = new Map<string, CandleAggregator>();
  private readonly last = new Map<string, Tick>();
  private readonly handlers = new Set<MarketHandler>();
  private readonly realtime: boolean;
  private nextTickAt: number;
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;

  constructor(o: SimulatedMarketOptions) {
    this.clock = o.clock;
    this.tickMs = o.tickMs ?? 1000;
    this.sims = o.instruments ?? DEFAULT_SIM_INSTRUMENTS;
    this.contracts = this.sims.map(toContractInstrument);
    this.realtime = o.realtime ?? false;
    const timeframes = o.timeframes ?? ['1m', '5m', '15m', '1h'];
    for (const i of this.sims) {
      this.paths.set(
        i.symbol,
        new PricePath({
          seed: o.seed,
          symbol: i.symbol,
          startPrice: i.startPrice,
          vol: i.vol,
          tickSize: Number(i.tickSize),
        }),
      );
      this.aggs.set(i.symbol, new CandleAggregator(i.symbol, timeframes, o.historyLimit ?? 500));
    }
    this.nextTickAt = o.startTime ?? Math.floor(this.clock.now() / this.tickMs) * this.tickMs;
  }

  async start(): Promise<void> {
    if (this.disposed || !this.realtime || this.timer) return;
    this.advanceTo(this.clock.now());
    this.timer = setInterval(() => this.advanceTo(this.clock.now()), Math.min(this.tickMs, 1000));
    this.timer.unref();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.handlers.clear();
  }

  subscribe(handler: MarketHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  instruments(): readonly Instrument[] {
    return this.contracts;
  }

  lastPrice(symbol: string): Tick | undefined {
    return this.last.get(symbol);
  }

  history(symbol: string, timeframe: Timeframe, limit: number): readonly Bar[] {
    return this.aggs.get(symbol)?.history(timeframe, limit) ?? [];
  }

  /** The candle still open (not a closed candle: a venue's stream and klines show it too). */
  formingCandle(symbol: string, timeframe: Timeframe): Bar | undefined {
    return this.aggs.get(symbol)?.forming(timeframe);
  }

  /** Produces every tick due up to `t` (inclusive), emitting ticks and closed candles in time order. */
  advanceTo(t: number): void {
    while (!this.disposed && this.nextTickAt <= t) {
      const at = this.nextTickAt;
      this.nextTickAt += this.tickMs;
      for (const i of this.sims) this.step(i.symbol, at);
    }
  }

  private step(symbol: string, at: number): void {
    const path = this.paths.get(symbol);
    const agg = this.aggs.get(symbol);
    if (!path || !agg) return;
    const price = path.next();
    const closed = agg.add({ price, volume: path.volume(), at });
    for (const bar of closed) this.emit(bar);
    const tick: Tick = { kind: 'tick', symbol, price, at };
    this.last.set(symbol, tick);
    this.emit(tick);
  }

  private emit(e: MarketEvent): void {
    for (const h of this.handlers) h(e);
  }
}
