import type {
  CandleColumns,
  CandleRange,
  CandleSeriesRef,
  CandleStore,
  CandleWriteResult,
} from '../../ports/candle-store.js';
import type { BarColumns } from '../../ports/market-data.js';
import type { TenantScope } from '../../ports/store.js';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * The candle store with the ranges it read kept in memory: research reads the same stored range
 * again and again (a backtest re-run with other settings, each trial of a search, each window of a
 * walk-forward), and reading a million candles back from PostgreSQL costs more than replaying
 * them. An entry is keyed by the series' summary as committed with its candles (count, span,
 * `updatedAt`), which every write and delete changes in the same transaction, so a read checks
 * the summary first and never serves candles of an older version of the series, whichever
 * instance wrote them. Entries are bounded by bytes, least recently used out first. Callers get
 * copies: a backtest moves its columns to a worker thread, which would empty the cached ones.
 */
export class CachedCandleStore implements CandleStore {
  private readonly entries = new Map<string, BarColumns>();
  private bytes = 0;

  constructor(
    private readonly inner: CandleStore,
    private readonly o: { maxBytes: number },
  ) {}

  /** Bytes of candles held now (for tests and the metrics). */
  get heldBytes(): number {
    return this.bytes;
  }

  async readCandles(
    scope: TenantScope,
    input: CandleSeriesRef & CandleRange & { maxCandles: number },
  ): Promise<BarColumns> {
    const series = await this.inner.getSeries(scope, input);
    // No series (or another tenant's): nothing to key on; the store answers as it does.
    if (!series || this.o.maxBytes <= 0) return this.inner.readCandles(scope, input);
    const key = JSON.stringify([
      scope.tenantId,
      input.symbol,
      input.venue,
      input.timeframe,
      input.from,
      input.to,
      input.maxCandles,
      series.count,
      series.from,
      series.to,
      series.updatedAt,
    ]);
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return copyOf(hit);
    }
    const read = await this.inner.readCandles(scope, input);
    const size = bytesOf(read);
    if (size <= this.o.maxBytes) {
      this.entries.set(key, copyOf(read));
      this.bytes += size;
      this.evict();
    }
    return read;
  }

  async writeCandles(
    scope: TenantScope,
    input: CandleSeriesRef & { candles: CandleColumns; onProgress?: (stored: number) => void },
  ): Promise<CandleWriteResult> {
    const result = await this.inner.writeCandles(scope, input);
    // The new summary already keys the old entries out; dropping them frees their memory now.
    this.forget(scope, input);
    return result;
  }

  async deleteSeries(scope: TenantScope, ref: CandleSeriesRef): Promise<number> {
    const n = await this.inner.deleteSeries(scope, ref);
    this.forget(scope, ref);
    return n;
  }

  listSeries: CandleStore['listSeries'] = (scope) => this.inner.listSeries(scope);
  getSeries: CandleStore['getSeries'] = (scope, ref) => this.inner.getSeries(scope, ref);

  private forget(scope: TenantScope, ref: CandleSeriesRef): void {
    const prefix = JSON.stringify([scope.tenantId, ref.symbol, ref.venue, ref.timeframe]).slice(
      0,
      -1,
    );
    for (const [key, cols] of this.entries)
      if (key.startsWith(`${prefix},`)) {
        this.entries.delete(key);
        this.bytes -= bytesOf(cols);
      }
  }

  private evict(): void {
    for (const [key, cols] of this.entries) {
      if (this.bytes <= this.o.maxBytes) return;
      this.entries.delete(key);
      this.bytes -= bytesOf(cols);
    }
  }
}

function bytesOf(c: BarColumns): number {
  return COLUMNS.reduce((s, k) => s + c[k].byteLength, 0);
}

function copyOf(c: BarColumns): BarColumns {
  return {
    ...c,
    time: c.time.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}
