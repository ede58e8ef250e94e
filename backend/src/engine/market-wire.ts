import type { Candle, PriceTick } from '@bytelyst/trading-contracts';
import { formatFixed, fromObservation } from '../domain/money/fixed.js';
import type { Bar, MarketDataFeed } from '../ports/market-data.js';

/** A feed candle as the contract's Candle (decimal strings, ISO time). */
export const toCandle = (b: Bar): Candle => ({
  symbol: b.symbol,
  timeframe: b.timeframe,
  openTime: new Date(b.openTime).toISOString(),
  open: formatFixed(fromObservation(b.open)),
  high: formatFixed(fromObservation(b.high)),
  low: formatFixed(fromObservation(b.low)),
  close: formatFixed(fromObservation(b.close)),
  volume: formatFixed(fromObservation(b.volume)),
});

/** Last price of every instrument the feed has seen, as contract ticks. */
export function pricesOf(market: MarketDataFeed): PriceTick[] {
  const out: PriceTick[] = [];
  for (const i of market.instruments()) {
    const t = market.lastPrice(i.symbol);
    if (t)
      out.push({
        symbol: t.symbol,
        price: formatFixed(fromObservation(t.price)),
        at: new Date(t.at).toISOString(),
      });
  }
  return out;
}
