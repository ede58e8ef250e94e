import { AppError, type Instrument, type Timeframe } from '@bytelyst/trading-contracts';
import type { TestClock } from '../../ports/clock.js';
import type {
  Bar,
  BarColumns,
  MarketHandler,
  ReplayMarketFeed,
  Tick,
} from '../../ports/market-data.js';
import { TIMEFRAME_MS } from '@bytelyst/trading-contracts';
import { parseCandleCsv } from '../../domain/market/candle-csv.js';

type MutableBar = { -readonly [K in keyof Bar]: Bar[K] };

/**
 * Parses a candle CSV for replay (rules in `domain/market/candle-csv.ts`: header detected,
 * timestamps as epoch seconds or milliseconds or ISO 8601, no zone = UTC). A replay takes the file
 * whole or not at all: the first bad or repeated row is an error naming its line.
 */
export function parseCsvBars(o: {
  text: string;
  symbol: string;
  timeframe: Timeframe;
}): BarColumns {
  const p = parseCandleCsv(o.text, { maxIssues: 1 });
  const issue = p.errors[0] ?? p.duplicates[0];
  if (issue) {
    const what = p.errors[0] ? issue.message : 'timestamps must increase (a repeated time)';
    throw new AppError('VALIDATION_FAILED', `csv line ${issue.line}: ${what}`);
  }
  if (p.rows === 0) throw new AppError('VALIDATION_FAILED', 'csv: no candles');
  const { time, open, high, low, close, volume } = p;
  return { symbol: o.symbol, timeframe: o.timeframe, time, open, high, low, close, volume };
}

/**
 * Replays candles (from CSV or generated columns) as a MarketDataFeed, moving a TestClock to each
 * candle's close before emitting it. `start()` resolves when the replay has ended; if a handler
 * returns a promise the replay waits for it, so the engine sees one candle at a time.
 */
export class ReplayFeed implements ReplayMarketFeed {
  // Arrays, not Sets: iterating them per candle allocates nothing.
  private handlers: MarketHandler[] = [];
  private asyncHandlers: ((bar: Bar) => Promise<void> | undefined)[] = [];
  private openHandlers: ((symbol: string, open: number) => Promise<void> | undefined)[] = [];
  private readonly lastIdx = new Map<string, { cols: BarColumns; i: number }>();
  private readonly done = new Map<string, Bar[]>();
  private disposed = false;

  constructor(
    private readonly o: {
      clock: TestClock;
      series: readonly BarColumns[];
      instruments: readonly Instrument[];
      historyLimit?: number;
      /**
       * Hand every handler the same mutable bar object (no allocation per candle). Only safe when
       * handlers finish with a bar before the next (the replay awaits async handlers).
       */
      reuseBar?: boolean;
    },
  ) {}

  subscribe(handler: MarketHandler): () => void {
    this.handlers = [...this.handlers, handler];
    return () => {
      this.handlers = this.handlers.filter((h) => h !== handler);
    };
  }

  /** Like subscribe, but the replay awaits the returned promise before the next candle. */
  subscribeAsync(handler: (bar: Bar) => Promise<void> | undefined): () => void {
    this.asyncHandlers = [...this.asyncHandlers, handler];
    return () => {
      this.asyncHandlers = this.asyncHandlers.filter((h) => h !== handler);
    };
  }

  subscribeOpen(handler: (symbol: string, open: number) => Promise<void> | undefined): () => void {
    this.openHandlers = [...this.openHandlers, handler];
    return () => {
      this.openHandlers = this.openHandlers.filter((h) => h !== handler);
    };
  }

  instruments(): readonly Instrument[] {
    return this.o.instruments;
  }

  lastPrice(symbol: string): Tick | undefined {
    const l = this.lastIdx.get(symbol);
    if (!l) return undefined;
    const t = l.cols.time[l.i] ?? 0;
    return {
      kind: 'tick',
      symbol,
      price: l.cols.close[l.i] ?? 0,
      at: t + TIMEFRAME_MS[l.cols.timeframe],
    };
  }

  history(symbol: string, timeframe: Timeframe, limit: number): readonly Bar[] {
    const list = this.done.get(`${symbol}|${timeframe}`) ?? [];
    return list.slice(Math.max(0, list.length - limit));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.handlers = [];
    this.asyncHandlers = [];
    this.openHandlers = [];
  }

  async start(): Promise<void> {
    const series = this.o.series;
    const idx = series.map(() => 0);
    const limit = this.o.historyLimit ?? 0;
    const scratch: MutableBar = {
      kind: 'candle',
      symbol: '',
      timeframe: '1m',
      openTime: 0,
      open: 0,
      high: 0,
      low: 0,
      close: 0,
      volume: 0,
    };
    const lastIdx = series.map((cols) => {
      const entry = { cols, i: 0 };
      this.lastIdx.set(cols.symbol, entry);
      return entry;
    });
    for (;;) {
      if (this.disposed) return;
      let pick = -1;
      let best = Infinity;
      for (let s = 0; s < series.length; s++) {
        const c = series[s];
        const i = idx[s] ?? 0;
        if (c && i < c.time.length && (c.time[i] ?? Infinity) < best) {
          best = c.time[i] ?? Infinity;
          pick = s;
        }
      }
      if (pick < 0) return;
      const c = series[pick];
      if (!c) return;
      const i = idx[pick] ?? 0;
      idx[pick] = i + 1;
      const closeAt = best + TIMEFRAME_MS[c.timeframe];
      if (this.openHandlers.length > 0) {
        this.o.clock.set(best);
        for (const h of this.openHandlers) {
          const p = h(c.symbol, c.open[i] ?? 0);
          if (p) await p;
        }
      }
      this.o.clock.set(closeAt);
      const reuse = this.o.reuseBar === true && limit === 0;
      const bar: MutableBar = reuse ? scratch : { ...scratch };
      bar.symbol = c.symbol;
      bar.timeframe = c.timeframe;
      bar.openTime = best;
      bar.open = c.open[i] ?? 0;
      bar.high = c.high[i] ?? 0;
      bar.low = c.low[i] ?? 0;
      bar.close = c.close[i] ?? 0;
      bar.volume = c.volume[i] ?? 0;
      const li = lastIdx[pick];
      if (li) li.i = i;
      if (limit > 0) {
        const key = `${c.symbol}|${c.timeframe}`;
        const list = this.done.get(key) ?? [];
        list.push(bar);
        if (list.length > limit) list.shift();
        this.done.set(key, list);
      }
      const sync = this.handlers;
      for (let k = 0; k < sync.length; k++) sync[k]?.(bar);
      for (const h of this.asyncHandlers) {
        const p = h(bar);
        if (p) await p;
      }
    }
  }
}

/** Generates `count` candles from the seeded simulator's path model as columns (for backtests). */
export { generateBarColumns } from './generate-bars.js';
