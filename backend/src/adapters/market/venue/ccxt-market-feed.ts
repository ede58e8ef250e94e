import { TIMEFRAME_MS, type Instrument, type Timeframe } from '@bytelyst/trading-contracts';
import type { Exchange, MarketInterface, Ticker } from 'ccxt';
import type { Clock } from '../../../ports/clock.js';
import type {
  Bar,
  MarketDataFeed,
  MarketEvent,
  MarketHandler,
  Tick,
} from '../../../ports/market-data.js';
import { fromCcxtSymbol, toCcxtSymbol } from '../../exchange/ccxt/mapping.js';
import { ClosedCandles, type OhlcvRow } from './closed-candles.js';
import { instrumentOf } from './venue-instruments.js';

export type VenueFeedMode = 'starting' | 'stream' | 'polling' | 'stopped';

export interface VenueFeedHealth {
  readonly mode: VenueFeedMode;
  /** Venue time of the newest tick or candle seen (ms epoch), null before any. */
  readonly lastDataAt: number | null;
  /** Times the stream was lost (error or silence) and polling took over. */
  readonly outages: number;
  readonly gapsFilled: number;
  readonly pollErrors: number;
  /**
   * Whether the venue's stream has delivered anything since start; null on a venue without
   * streams (polling by design). False past the silence bound: the stream never answered.
   */
  readonly streamAnswered: boolean | null;
  /** Real time (ms epoch) the feed started following the venue; null before. */
  readonly followingSince: number | null;
}

export interface CcxtMarketFeedOptions {
  /** A ccxt exchange; its `pro` class when the venue has streams (has.watchOHLCV). */
  readonly exchange: Exchange;
  readonly clock: Clock;
  /** Our symbols to follow (those the venue lists; the others are left out). */
  readonly symbols: readonly string[];
  readonly timeframes?: readonly Timeframe[];
  readonly historyLimit?: number;
  /**
   * Real ms between polling rounds. Default: what keeps a round's requests (one klines call per
   * symbol and timeframe, one ticker per symbol) at most half of ccxt's rate for the venue.
   */
  readonly pollMs?: number;
  /** A stream silent this long (real ms) counts as lost: polling takes over. Default 15 s. */
  readonly silenceMs?: number;
  /** Real ms before a lost stream is tried again (doubling up to 60 s). Default 1 s. */
  readonly reconnectMs?: number;
  /** A candle counts as closed this long after its end even if no later one was seen. */
  readonly closeGraceMs?: number;
  readonly onError?: (where: string, error: unknown) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Market data from a venue through ccxt, behind the engine's MarketDataFeed port: the venue's
 * candles (closed ones only, each once and in order, holes back-filled from its klines), its
 * last prices as ticks, its instruments (tick, lot, minimum notional). Streams (ccxt pro
 * `watchOHLCVForSymbols` / `watchTicker`) where the venue has them; a stream that fails or goes
 * silent hands over to REST polling (`fetchOHLCV` / `fetchTicker`) within the venue's rate limit
 * until it is back. Ticks carry the venue's own timestamps, so data that stops arriving ages on
 * the engine's clock and the stale-data rule blocks entries past its bound.
 */
export class CcxtMarketFeed implements MarketDataFeed {
  private readonly handlers = new Set<MarketHandler>();
  private readonly candles = new Map<string, Map<Timeframe, ClosedCandles>>();
  private readonly last = new Map<string, Tick>();
  private readonly timeframes: readonly Timeframe[];
  private contracts: readonly Instrument[] = [];
  private symbols: string[] = [];
  private mode: VenueFeedMode = 'starting';
  private stopped = false;
  private streamSeenAt = 0;
  private lastDataAt: number | null = null;
  private outages = 0;
  private gapsFilled = 0;
  private pollErrors = 0;
  private streamAnswered: boolean | null = null;
  private followingSince: number | null = null;
  private polling: Promise<void> | null = null;
  private wakePoller: () => void = () => undefined;
  private readonly syncing = new Map<string, Promise<void>>();

  constructor(private readonly o: CcxtMarketFeedOptions) {
    this.timeframes = o.timeframes ?? ['1m', '5m', '15m', '1h'];
  }

  /** Loads the venue's markets and candle history, then follows it (streams or polling). */
  async start(): Promise<void> {
    if (this.stopped || this.mode !== 'starting') return;
    const ex = this.o.exchange;
    await ex.loadMarkets();
    const tickMode = ex.precisionMode === 4; // ccxt's TICK_SIZE
    const listed = new Map<string, Instrument>();
    for (const m of Object.values(ex.markets ?? {})) {
      const i = m ? instrumentOf(m as MarketInterface, { tickSizeMode: tickMode }) : null;
      if (i) listed.set(i.symbol, i);
    }
    this.symbols = this.o.symbols.filter((s) => listed.has(s));
    this.contracts = this.symbols.flatMap((s) => listed.get(s) ?? []);
    for (const s of this.symbols) {
      const byTf = new Map<Timeframe, ClosedCandles>();
      for (const tf of this.timeframes)
        byTf.set(
          tf,
          new ClosedCandles(s, tf, {
            historyLimit: this.o.historyLimit ?? 600,
            graceMs: this.o.closeGraceMs ?? 10_000,
          }),
        );
      this.candles.set(s, byTf);
    }
    // History first, quietly: strategies are primed from it, nothing is emitted for it.
    for (const s of this.symbols)
      for (const tf of this.timeframes) await this.backfill(s, tf, { emit: false });
    for (const s of this.symbols) await this.pollTicker(s).catch(() => undefined);
    this.followingSince = Date.now();
    if (this.streams()) {
      this.mode = 'stream';
      this.streamAnswered = false;
      this.streamSeenAt = Date.now();
      void this.followCandles();
      for (const s of this.symbols) void this.followTicker(s);
      void this.watchSilence();
    } else {
      this.startPolling();
    }
  }

  async dispose(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.mode = 'stopped';
    this.handlers.clear();
    this.wakePoller();
    await this.o.exchange.close().catch(() => undefined);
    await this.polling?.catch(() => undefined);
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
    return this.candles.get(symbol)?.get(timeframe)?.history(limit) ?? [];
  }

  health(): VenueFeedHealth {
    return {
      mode: this.mode,
      lastDataAt: this.lastDataAt,
      outages: this.outages,
      gapsFilled: this.gapsFilled,
      pollErrors: this.pollErrors,
      streamAnswered: this.streamAnswered,
      followingSince: this.followingSince,
    };
  }

  private streams(): boolean {
    const has = this.o.exchange.has;
    return has.watchOHLCVForSymbols === true && has.watchTicker === true;
  }

  /** The stream of every followed candle series, resumed after a loss with back-off. */
  private async followCandles(): Promise<void> {
    const pairs = this.symbols.flatMap((s) => this.timeframes.map((tf) => [toCcxtSymbol(s), tf]));
    let wait = this.o.reconnectMs ?? 1000;
    while (!this.stopped) {
      try {
        await this.o.exchange.watchOHLCVForSymbols(pairs);
        wait = this.o.reconnectMs ?? 1000;
        this.streamBack();
        const cache = this.streamCache();
        for (const s of this.symbols)
          for (const tf of this.timeframes) {
            const rows = cache[toCcxtSymbol(s)]?.[tf];
            if (rows && rows.length > 0) this.onRows(s, tf, rows);
          }
      } catch (error) {
        if (this.stopped) return;
        this.streamLost('candles', error);
        await sleep(wait);
        wait = Math.min(60_000, wait * 2);
      }
    }
  }

  private async followTicker(symbol: string): Promise<void> {
    let wait = this.o.reconnectMs ?? 1000;
    while (!this.stopped) {
      try {
        const t = await this.o.exchange.watchTicker(toCcxtSymbol(symbol));
        wait = this.o.reconnectMs ?? 1000;
        this.streamBack();
        this.onTicker(t);
      } catch (error) {
        if (this.stopped) return;
        this.streamLost('ticker', error);
        await sleep(wait);
        wait = Math.min(60_000, wait * 2);
      }
    }
  }

  /** A stream open but silent is as lost as a closed one. */
  private async watchSilence(): Promise<void> {
    const silence = this.o.silenceMs ?? 15_000;
    while (!this.stopped) {
      await sleep(Math.min(1000, silence / 4));
      if (this.mode === 'stream' && Date.now() - this.streamSeenAt > silence)
        this.streamLost('silence', new Error(`no stream data for ${silence} ms`));
    }
  }

  private streamBack(): void {
    this.streamSeenAt = Date.now();
    this.streamAnswered = true;
    if (this.mode === 'polling' && !this.stopped) this.mode = 'stream';
  }

  private streamLost(where: string, error: unknown): void {
    this.o.onError?.(`stream ${where}`, error);
    // The candle open when the stream went may have missed its last updates: nothing the old
    // connection brought is taken as final; the klines fill what the new one does not show.
    if (where !== 'ticker') this.forgetStreamedRows();
    if (this.mode !== 'stream') return;
    this.outages++;
    this.startPolling();
  }

  private forgetStreamedRows(): void {
    const cache = this.streamCache();
    for (const s of this.symbols) {
      const bySymbol = cache[toCcxtSymbol(s)];
      if (bySymbol) for (const tf of this.timeframes) delete bySymbol[tf];
    }
  }

  private streamCache(): Record<string, Record<string, OhlcvRow[]> | undefined> {
    return (this.o.exchange as unknown as { ohlcvs: Record<string, Record<string, OhlcvRow[]>> })
      .ohlcvs;
  }

  /** Polling rounds while the stream is down (or for good, on a venue without streams). */
  private startPolling(): void {
    this.mode = 'polling';
    if (this.polling) return;
    const every = this.o.pollMs ?? this.defaultPollMs();
    this.polling = (async () => {
      while (!this.stopped && this.mode === 'polling') {
        for (const s of this.symbols) {
          await this.pollTicker(s).catch((e: unknown) => this.pollFailed(e));
          for (const tf of this.timeframes)
            await this.backfill(s, tf, { emit: true }).catch((e: unknown) => this.pollFailed(e));
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, every);
          this.wakePoller = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    })().finally(() => {
      this.polling = null;
    });
  }

  /** One round = a ticker per symbol and klines per series, at most half of ccxt's pace. */
  private defaultPollMs(): number {
    const perRound = this.symbols.length * (1 + this.timeframes.length);
    return Math.max(1000, perRound * (this.o.exchange.rateLimit || 50) * 2);
  }

  private pollFailed(error: unknown): void {
    this.pollErrors++;
    this.o.onError?.('poll', error);
  }

  private async pollTicker(symbol: string): Promise<void> {
    this.onTicker(await this.o.exchange.fetchTicker(toCcxtSymbol(symbol)));
  }

  private onTicker(t: Ticker): void {
    const price = t.last ?? t.close;
    if (price === undefined || price === null) return;
    if (!t.symbol) return;
    const symbol = fromCcxtSymbol(t.symbol);
    if (!this.candles.has(symbol)) return;
    const at = t.timestamp ?? this.o.clock.now();
    const prev = this.last.get(symbol);
    if (prev && prev.at >= at && prev.price === price) return;
    const tick: Tick = { kind: 'tick', symbol, price, at };
    this.last.set(symbol, tick);
    this.seen(at);
    this.emit(tick);
  }

  /** Rows from the stream: new closed candles go out; a hole is filled from the klines first. */
  private onRows(symbol: string, tf: Timeframe, rows: readonly OhlcvRow[]): void {
    const series = this.candles.get(symbol)?.get(tf);
    if (!series) return;
    const r = series.take(rows, { now: this.o.clock.now(), complete: false });
    if (r.kind === 'closed') return this.emitBars(r.bars);
    this.gapsFilled++;
    void this.backfill(symbol, tf, { emit: true })
      .then(() => series.take(rows, { now: this.o.clock.now(), complete: false }))
      .then((again) => {
        if (again.kind === 'closed') this.emitBars(again.bars);
      })
      .catch((e: unknown) => this.pollFailed(e));
  }

  /**
   * The venue's klines from the next expected candle (or the last `historyLimit`), one call at a
   * time per series: the stream and the poller may both ask.
   */
  private backfill(symbol: string, tf: Timeframe, o: { emit: boolean }): Promise<void> {
    const key = `${symbol} ${tf}`;
    const running = this.syncing.get(key);
    if (running) return running;
    const run = (async () => {
      const series = this.candles.get(symbol)?.get(tf);
      if (!series) return;
      const since = series.expected();
      const limit = since === null ? (this.o.historyLimit ?? 600) : 1000;
      const rows = await this.o.exchange.fetchOHLCV(
        toCcxtSymbol(symbol),
        tf,
        since ?? this.o.clock.now() - limit * TIMEFRAME_MS[tf],
        limit,
      );
      const r = series.take(rows, { now: this.o.clock.now(), complete: true });
      if (r.kind === 'closed' && o.emit) this.emitBars(r.bars);
    })().finally(() => this.syncing.delete(key));
    this.syncing.set(key, run);
    return run;
  }

  private emitBars(bars: readonly Bar[]): void {
    for (const b of bars) {
      this.seen(b.openTime + TIMEFRAME_MS[b.timeframe]);
      this.emit(b);
    }
  }

  private seen(at: number): void {
    if (this.lastDataAt === null || at > this.lastDataAt) this.lastDataAt = at;
  }

  private emit(e: MarketEvent): void {
    for (const h of this.handlers) h(e);
  }
}
