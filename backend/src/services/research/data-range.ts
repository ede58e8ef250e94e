import { AppError, type BacktestRequest, TIMEFRAME_MS } from '@bytelyst/trading-contracts';
import { clipRange } from '../../domain/research/data-range.js';
import type { TimeRange } from '../../domain/research/walk-forward.js';
import type { CandleStore } from '../../ports/candle-store.js';
import type { TenantScope } from '../../ports/store.js';
import { requireStoredSeries } from '../backtest/stored-candles.js';

/**
 * What a search replays: the simulated history's range for a simulated source; for a stored
 * one, the tenant's series coverage (its first candle's open to its last candle's close) cut to
 * the settings' `from`/`to`. Walk-forward windows are planned on this range, so on stored data
 * they follow the series, never the simulated history. A series the tenant does not have, or a
 * date range outside it, is refused before anything is queued.
 */
export function researchDataRange(o: {
  candles: Pick<CandleStore, 'getSeries'> | undefined;
  simulated: (request: BacktestRequest) => TimeRange;
}): (scope: TenantScope, request: BacktestRequest) => Promise<TimeRange> {
  return async (scope, request) => {
    const series = await requireStoredSeries(o.candles, {
      scope,
      request,
      path: 'body.base.source',
    });
    if (!series) return o.simulated(request);
    const coverage = {
      from: Date.parse(series.from),
      to: Date.parse(series.to) + TIMEFRAME_MS[request.timeframe],
    };
    const range = clipRange(coverage, request.settings);
    if (range.to <= range.from)
      throw new AppError(
        'VALIDATION_FAILED',
        `The date range holds no stored candle (the series covers ${series.from} to ${series.to}).`,
        {
          details: {
            issues: [{ path: 'body.base.settings', message: 'date range outside the series' }],
          },
        },
      );
    return range;
  };
}
