import { TIMEFRAME_MS, type Timeframe } from '@bytelyst/trading-contracts';
import type { VenueCandle, VenueCandleSource } from '../../ports/venue-candles.js';

/**
 * Pages a venue's candle history from `from` up to (not including) `to`: each page starts one
 * timeframe after the last candle received, so no candle is asked twice; an empty page (the
 * venue has nothing later) ends it. The source throttles to the venue's rate limit.
 */
export async function fetchVenueCandles(
  source: VenueCandleSource,
  o: {
    symbol: string;
    timeframe: Timeframe;
    from: number;
    to: number;
    onPage?: (candlesSoFar: number) => void;
  },
): Promise<{ candles: VenueCandle[]; pages: number }> {
  const step = TIMEFRAME_MS[o.timeframe];
  const candles: VenueCandle[] = [];
  let since = o.from;
  let pages = 0;
  while (since < o.to) {
    const limit = Math.min(source.pageLimit, Math.ceil((o.to - since) / step));
    const page = await source.fetchCandles({
      symbol: o.symbol,
      timeframe: o.timeframe,
      since,
      limit,
    });
    pages++;
    let last = -Infinity;
    for (const c of page) {
      if (c[0] < since || c[0] >= o.to) continue;
      candles.push(c);
      last = c[0];
    }
    o.onPage?.(candles.length);
    if (last === -Infinity) break;
    since = last + step;
  }
  return { candles, pages };
}
