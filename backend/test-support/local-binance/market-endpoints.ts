import type { Timeframe } from '@bytelyst/trading-contracts';
import { TIMEFRAME_MS } from '@bytelyst/trading-contracts';
import type { PaperExchange } from '../../src/adapters/exchange/paper/paper-exchange.js';
import type { SimulatedMarket } from '../../src/adapters/market/simulated-market.js';
import { formatFixed } from '../../src/domain/money/fixed.js';
import type { Clock } from '../../src/ports/clock.js';
import { BinanceError } from './binance-errors.js';
import { binanceSymbol, klineJson } from './binance-format.js';

/**
 * GET /api/v3/klines: candles of the simulated market, oldest first. As on Binance, the last row
 * is the candle still open (a client wanting closed candles only must drop it).
 */
export function klinesJson(market: SimulatedMarket, r: { q: URLSearchParams; symbol: string }) {
  const { q, symbol } = r;
  const tf = (q.get('interval') ?? '1m') as Timeframe;
  const ms = TIMEFRAME_MS[tf];
  if (!ms) throw new BinanceError('mandatoryParam');
  const start = Number(q.get('startTime') ?? 0);
  const end = Number(q.get('endTime') ?? Infinity);
  const limit = Math.min(1000, Number(q.get('limit') ?? 500));
  const forming = market.formingCandle(symbol, tf);
  const bars = [...market.history(symbol, tf, 600), ...(forming ? [forming] : [])].filter(
    (b) => b.openTime >= start && b.openTime <= end,
  );
  return (q.get('startTime') ? bars.slice(0, limit) : bars.slice(-limit)).map((b) =>
    klineJson(b, ms),
  );
}

/** GET /api/v3/ticker/24hr from the venue's last price and the last day of hourly candles. */
export function tickerJson(
  venue: { exchange: PaperExchange; market: SimulatedMarket; clock: Clock },
  symbol: string,
) {
  const { clock } = venue;
  const last = venue.exchange.lastPrice(symbol);
  const bars = venue.market.history(symbol, '1h', 24);
  const open = bars[0]?.open ?? 0;
  const lastText = last === undefined ? '0' : formatFixed(last);
  return {
    symbol: binanceSymbol(symbol),
    priceChange: (Number(lastText) - open).toFixed(8),
    priceChangePercent: open ? (((Number(lastText) - open) / open) * 100).toFixed(3) : '0',
    weightedAvgPrice: lastText,
    prevClosePrice: num(open),
    lastPrice: lastText,
    lastQty: '0',
    bidPrice: lastText,
    bidQty: '0',
    askPrice: lastText,
    askQty: '0',
    openPrice: num(open),
    highPrice: num(Math.max(...bars.map((b) => b.high), Number(lastText))),
    lowPrice: num(Math.min(...bars.map((b) => b.low), Number(lastText))),
    volume: num(bars.reduce((s, b) => s + b.volume, 0)),
    quoteVolume: '0',
    openTime: bars[0]?.openTime ?? clock.now(),
    closeTime: clock.now(),
    firstId: -1,
    lastId: -1,
    count: 0,
  };
}

/** Binance sends decimals as text; the market's floats are cut to 8 places first. */
const num = (n: number): string => String(Number(n.toFixed(8)));
