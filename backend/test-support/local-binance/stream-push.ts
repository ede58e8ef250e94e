import type { PaperAccount } from '../../src/adapters/exchange/paper/paper-account.js';
import type { PaperExchange } from '../../src/adapters/exchange/paper/paper-exchange.js';
import type { SimulatedMarket } from '../../src/adapters/market/simulated-market.js';
import { formatFixed, parseFixed, SCALE, ZERO } from '../../src/domain/money/fixed.js';
import type { Clock } from '../../src/ports/clock.js';
import type { ExecutionReport, VenueFill, VenueOrder } from '../../src/ports/execution-client.js';
import type { MarketEvent } from '../../src/ports/market-data.js';
import {
  accountPositionEvent,
  balancesOf,
  executionReportEvent,
  klineEvent,
  miniTickerEvent,
  tickerEvent,
} from './stream-events.js';
import type { LocalBinanceStreams } from './ws-streams.js';

/** The parts of the local exchange its streams are pushed from. */
export interface PushVenue {
  readonly streams: LocalBinanceStreams;
  readonly exchange: PaperExchange;
  readonly market: SimulatedMarket;
  readonly clock: Clock;
  /** When each order was placed, by client order id. */
  readonly created: ReadonlyMap<string, number>;
  /** The market moves the exchange's prices (else only `setPrice` does). */
  readonly livePrices: boolean;
}

/**
 * One event of the local market: a closed candle is its kline's final update; a tick moves the
 * price (when prices are live), updates the ticker and every watched kline's open candle.
 */
export function onMarketEvent(v: PushVenue, e: MarketEvent): void {
  const now = v.clock.now();
  if (e.kind === 'candle') return v.streams.kline(e, klineEvent({ bar: e, closed: true, now }));
  if (v.livePrices) {
    v.exchange.setPrice(e.symbol, e.price);
    publishTicker(v, e.symbol);
  }
  for (const w of v.streams.wantedKlines()) {
    if (w.symbol !== e.symbol) continue;
    const bar = v.market.formingCandle(w.symbol, w.timeframe);
    if (bar) v.streams.kline(bar, klineEvent({ bar, closed: false, now }));
  }
}

/** The symbol's ticker streams, from the exchange's last price and the market's last day. */
export function publishTicker(v: PushVenue, symbol: string): void {
  if (v.streams.marketSockets() === 0) return;
  const last = v.exchange.lastPrice(symbol);
  if (last === undefined) return;
  const day = v.market.history(symbol, '1h', 24);
  const full = tickerEvent({
    symbol,
    last: formatFixed(last),
    open: day[0]?.open ?? 0,
    high: Math.max(...day.map((b) => b.high)),
    low: Math.min(...day.map((b) => b.low)),
    volume: day.reduce((s, b) => s + b.volume, 0),
    now: v.clock.now(),
  });
  v.streams.ticker(symbol, { full, mini: miniTickerEvent(full) });
}

/** The user-data events of one paper report: executionReport, and balances after a fill. */
export function userEventsOf(
  v: PushVenue,
  r: { account: PaperAccount; report: ExecutionReport },
): object[] {
  const { account, report } = r;
  const id = report.kind === 'order' ? report.order.clientOrderId : report.fill.clientOrderId;
  const order = v.exchange.find(account, id);
  if (!order) return [];
  const book = account.orders.get(id);
  const now = v.clock.now();
  const exec = executionReportEvent({
    report,
    order: report.kind === 'fill' ? asOfFill(account, { order, fill: report.fill }) : order,
    created: v.created.get(id) ?? order.updatedAt,
    quoteFilled: book ? formatFixed(book.filledValue / SCALE) : '0',
    now,
  });
  const out: object[] = exec ? [exec] : [];
  if (report.kind === 'fill')
    out.push(accountPositionEvent({ balances: balancesOf(account, v.market.instruments()), now }));
  return out;
}

/**
 * Fills are reported after the submit finished, so the order may already be further on: its
 * status as of this fill is what its fills up to this one make it.
 */
function asOfFill(account: PaperAccount, r: { order: VenueOrder; fill: VenueFill }): VenueOrder {
  const upTo = account.fills.indexOf(r.fill);
  const cum = account.fills
    .slice(0, upTo < 0 ? undefined : upTo + 1)
    .filter((f) => f.clientOrderId === r.order.clientOrderId)
    .reduce((sum, f) => sum + parseFixed(f.quantity), ZERO);
  return {
    ...r.order,
    filledQuantity: formatFixed(cum),
    status: cum >= parseFixed(r.order.quantity) ? 'FILLED' : 'PARTIALLY_FILLED',
  };
}
