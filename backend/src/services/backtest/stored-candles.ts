import { AppError, type BacktestRequest, type CandleSeries } from '@bytelyst/trading-contracts';
import type { CandleRangeReader, CandleStore } from '../../ports/candle-store.js';
import type { TenantScope } from '../../ports/store.js';
import type { StoredCandleColumns } from './backtest-messages.js';

/** Most stored candles one backtest (or one trial) replays (about 9.5 years of 1m candles). */
export const MAX_STORED_CANDLES = 5_000_000;

/**
 * The stored series a request names, of the scope's tenant only; refused (400) when the tenant
 * has none. `path` names the source in the request body (`body.source`, `body.base.source`).
 */
export async function requireStoredSeries(
  candles: Pick<CandleStore, 'getSeries'> | undefined,
  input: { scope: TenantScope; request: BacktestRequest; path: string },
): Promise<CandleSeries | null> {
  const { request, path } = input;
  if (request.source.kind !== 'stored') return null;
  if (!candles) throw new AppError('NOT_READY', 'No market data store on this server.');
  const ref = { symbol: request.symbol, venue: request.source.venue, timeframe: request.timeframe };
  const series = await candles.getSeries(input.scope, ref);
  // Another tenant's series answers exactly like a missing one.
  if (!series)
    throw new AppError(
      'VALIDATION_FAILED',
      `No stored candles of ${ref.symbol} ${ref.timeframe} from ${ref.venue}; import them first.`,
      { details: { issues: [{ path, message: 'no such stored series' }] } },
    );
  return series;
}

/**
 * The stored candles a request replays, cut to its date range, read in the scope's tenant only
 * (none for a simulated source). What a single backtest and a search trial both replay, so a
 * trial is exactly the single backtest with its params and range.
 */
export async function readStoredCandles(
  candles: CandleRangeReader | undefined,
  input: { scope: TenantScope; request: BacktestRequest },
): Promise<StoredCandleColumns | undefined> {
  const { request } = input;
  if (request.source.kind !== 'stored') return undefined;
  if (!candles) throw new AppError('NOT_READY', 'No market data store on this server.');
  const s = request.settings;
  const c = await candles.readCandles(input.scope, {
    symbol: request.symbol,
    venue: request.source.venue,
    timeframe: request.timeframe,
    from: s.from === null ? null : Date.parse(s.from),
    to: s.to === null ? null : Date.parse(s.to),
    maxCandles: MAX_STORED_CANDLES,
  });
  return columnsOf(c);
}

/** The six columns of read or generated candles (from row `from` on), nothing else. */
export function columnsOf(c: StoredCandleColumns, from = 0): StoredCandleColumns {
  const cut = (a: Float64Array) => (from > 0 ? a.slice(from) : a);
  return {
    time: cut(c.time),
    open: cut(c.open),
    high: cut(c.high),
    low: cut(c.low),
    close: cut(c.close),
    volume: cut(c.volume),
  };
}

/** The columns' buffers, to move them to a worker thread rather than copy them. */
export function transferables(candles: StoredCandleColumns | undefined): ArrayBuffer[] {
  if (!candles) return [];
  const { time, open, high, low, close, volume } = candles;
  return [time, open, high, low, close, volume].map((a) => a.buffer as ArrayBuffer);
}
