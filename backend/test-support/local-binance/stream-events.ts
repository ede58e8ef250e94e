import { TIMEFRAME_MS, type Instrument, type Timeframe } from '@bytelyst/trading-contracts';
import type { PaperAccount } from '../../src/adapters/exchange/paper/paper-account.js';
import { formatFixed, ZERO } from '../../src/domain/money/fixed.js';
import type { ExecutionReport, VenueOrder } from '../../src/ports/execution-client.js';
import type { Bar } from '../../src/ports/market-data.js';
import { STATUS, TYPE, binanceSymbol, orderIdOf, tradeIdOf } from './binance-format.js';

/**
 * Binance spot's WebSocket event payloads (developers.binance.com, "WebSocket Streams" and
 * "User Data Stream"), built from the paper venue's state. ccxt's `binance` pro class parses
 * exactly these fields.
 */

const s8 = (n: number) => String(Number(n.toFixed(8)));

/** Binance's interval names are ours (1m, 5m, 15m, 1h, 4h, 1d). */
export const intervalOf = (tf: Timeframe): string => tf;
export const timeframeOf = (interval: string): Timeframe | null =>
  interval in TIMEFRAME_MS ? (interval as Timeframe) : null;

/** `<symbol>@kline_<interval>`: `x` says whether this is the candle's final update. */
export function klineEvent(o: { bar: Bar; closed: boolean; now: number }) {
  const { bar } = o;
  const ms = TIMEFRAME_MS[bar.timeframe];
  const symbol = binanceSymbol(bar.symbol);
  return {
    e: 'kline',
    E: o.now,
    s: symbol,
    k: {
      t: bar.openTime,
      T: bar.openTime + ms - 1,
      s: symbol,
      i: intervalOf(bar.timeframe),
      f: -1,
      L: -1,
      o: s8(bar.open),
      c: s8(bar.close),
      h: s8(bar.high),
      l: s8(bar.low),
      v: s8(bar.volume),
      n: 0,
      x: o.closed,
      q: s8(bar.volume * bar.close),
      V: '0',
      Q: '0',
      B: '0',
    },
  };
}

/** `<symbol>@ticker`: the rolling 24-hour ticker; `c` is the last price. */
export function tickerEvent(o: {
  symbol: string;
  last: string;
  open: number;
  high: number;
  low: number;
  volume: number;
  now: number;
}) {
  const last = Number(o.last);
  return {
    e: '24hrTicker',
    E: o.now,
    s: binanceSymbol(o.symbol),
    p: s8(last - o.open),
    P: o.open ? (((last - o.open) / o.open) * 100).toFixed(3) : '0',
    w: o.last,
    x: s8(o.open),
    c: o.last,
    Q: '0',
    b: o.last,
    B: '0',
    a: o.last,
    A: '0',
    o: s8(o.open),
    h: s8(Math.max(o.high, last)),
    l: s8(Math.min(o.low, last)),
    v: s8(o.volume),
    q: '0',
    O: o.now - 86_400_000,
    C: o.now,
    F: -1,
    L: -1,
    n: 0,
  };
}

/** `<symbol>@miniTicker`: the same day in fewer fields. */
export function miniTickerEvent(full: ReturnType<typeof tickerEvent>) {
  const { E, s, c, o, h, l, v, q } = full;
  return { e: '24hrMiniTicker', E, s, c, o, h, l, v, q };
}

const EXEC_TYPE: Partial<Record<VenueOrder['status'], string>> = {
  NEW: 'NEW',
  SUBMITTED: 'NEW',
  CANCELLED: 'CANCELED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
};

/**
 * `executionReport` for one paper report: a fill is a TRADE, an order report a NEW, CANCELED,
 * REJECTED or EXPIRED. Order reports that only say "filled" are not sent: on Binance the TRADE
 * event carries the new status, there is no second event for it. Null when nothing is sent.
 */
export function executionReportEvent(o: {
  report: ExecutionReport;
  order: VenueOrder;
  created: number;
  quoteFilled: string;
  now: number;
}) {
  const { report, order } = o;
  const fill = report.kind === 'fill' ? report.fill : null;
  const execType = fill ? 'TRADE' : EXEC_TYPE[order.status];
  if (execType === undefined) return null;
  return {
    e: 'executionReport',
    E: o.now,
    s: binanceSymbol(order.symbol),
    c: order.clientOrderId,
    S: order.side,
    o: TYPE[order.type],
    f: 'GTC',
    q: order.quantity,
    p: order.limitPrice ?? '0.00000000',
    P: order.stopPrice ?? '0.00000000',
    F: '0.00000000',
    g: -1,
    C: '',
    x: execType,
    X: STATUS[order.status],
    r: order.status === 'REJECTED' ? 'OTHER' : 'NONE',
    i: orderIdOf(order.exchangeOrderId),
    l: fill?.quantity ?? '0.00000000',
    z: order.filledQuantity,
    L: fill?.price ?? '0.00000000',
    n: fill?.fee ?? '0',
    N: fill?.feeCurrency ?? null,
    T: fill?.at ?? o.now,
    t: fill ? tradeIdOf(fill.exchangeTradeId) : -1,
    I: 0,
    w: order.status === 'SUBMITTED' || order.status === 'PARTIALLY_FILLED',
    m: fill?.liquidity === 'maker',
    M: false,
    O: o.created,
    Z: o.quoteFilled,
    Y: fill ? (Number(fill.price) * Number(fill.quantity)).toFixed(8) : '0.00000000',
    Q: '0.00000000',
    W: o.created,
    V: 'EXPIRE_MAKER',
  };
}

/** What the account holds per asset: quote cash and each instrument's base position. */
export function balancesOf(
  account: PaperAccount,
  instruments: readonly Instrument[],
): Map<string, string> {
  const assets = new Map<string, string>();
  for (const i of instruments) {
    assets.set(i.quote, formatFixed(account.cash));
    assets.set(i.base, formatFixed(account.positions.get(i.symbol) ?? ZERO));
  }
  return assets;
}

/** `outboundAccountPosition`: the balances a change touched (here: all of the account's). */
export function accountPositionEvent(o: { balances: Map<string, string>; now: number }) {
  return {
    e: 'outboundAccountPosition',
    E: o.now,
    u: o.now,
    B: [...o.balances].map(([a, f]) => ({ a, f, l: '0.00000000' })),
  };
}

/** A WebSocket message's text (ws hands over a Buffer, an ArrayBuffer or fragments). */
export function wsText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
