import type { Instrument } from '@bytelyst/trading-contracts';
import type { Bar } from '../../src/ports/market-data.js';
import type { VenueFill, VenueOrder } from '../../src/ports/execution-client.js';

/** BTC-USD <-> BTCUSD: Binance names a spot pair by its assets run together. */
export const binanceSymbol = (symbol: string): string => symbol.replace('-', '');

/** Binance order ids are numbers; the paper venue's are "P<n>". */
export const orderIdOf = (exchangeOrderId: string): number => Number(exchangeOrderId.slice(1));
/** Trade ids: the order number and the fill's place in it, so they are stable whoever asks first. */
export const tradeIdOf = (exchangeTradeId: string): number => {
  const [order, seq] = exchangeTradeId.slice(1).split('-');
  return Number(order) * 1000 + Number(seq);
};

/** Binance's order status for each of ours. */
export const STATUS: Record<VenueOrder['status'], string> = {
  NEW: 'NEW',
  SUBMITTED: 'NEW',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELLED: 'CANCELED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
};
/** Binance's order type for each of ours. */
export const TYPE: Record<VenueOrder['type'], string> = {
  MARKET: 'MARKET',
  LIMIT: 'LIMIT',
  STOP: 'STOP_LOSS',
};

/** GET /api/v3/order and openOrders shape. */
export function orderJson(o: VenueOrder, extra: { time: number; quoteFilled: string }) {
  return {
    symbol: binanceSymbol(o.symbol),
    orderId: orderIdOf(o.exchangeOrderId),
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: o.limitPrice ?? '0.00000000',
    origQty: o.quantity,
    executedQty: o.filledQuantity,
    cummulativeQuoteQty: extra.quoteFilled,
    status: STATUS[o.status],
    timeInForce: 'GTC',
    type: TYPE[o.type],
    side: o.side,
    stopPrice: o.stopPrice ?? '0.00000000',
    icebergQty: '0.00000000',
    time: extra.time,
    updateTime: o.updatedAt,
    isWorking: o.status === 'SUBMITTED' || o.status === 'PARTIALLY_FILLED',
    workingTime: extra.time,
    origQuoteOrderQty: '0.00000000',
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** GET /api/v3/myTrades shape. */
export function tradeJson(f: VenueFill) {
  return {
    symbol: binanceSymbol(f.symbol),
    id: tradeIdOf(f.exchangeTradeId),
    orderId: orderIdOf(f.exchangeOrderId),
    orderListId: -1,
    price: f.price,
    qty: f.quantity,
    quoteQty: (Number(f.price) * Number(f.quantity)).toFixed(8),
    commission: f.fee,
    commissionAsset: f.feeCurrency,
    time: f.at,
    isBuyer: f.side === 'BUY',
    isMaker: f.liquidity === 'maker',
    isBestMatch: true,
  };
}

export function exchangeInfoJson(instruments: readonly Instrument[], now: number) {
  return {
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
    ],
    exchangeFilters: [],
    symbols: instruments.map((i) => ({
      symbol: binanceSymbol(i.symbol),
      status: 'TRADING',
      baseAsset: i.base,
      baseAssetPrecision: 8,
      quoteAsset: i.quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ['LIMIT', 'MARKET', 'STOP_LOSS'],
      icebergAllowed: false,
      ocoAllowed: false,
      quoteOrderQtyMarketAllowed: false,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        {
          filterType: 'PRICE_FILTER',
          minPrice: i.tickSize,
          maxPrice: '10000000',
          tickSize: i.tickSize,
        },
        { filterType: 'LOT_SIZE', minQty: i.lotSize, maxQty: '100000', stepSize: i.lotSize },
        {
          filterType: 'NOTIONAL',
          minNotional: i.minNotional,
          applyMinToMarket: true,
          maxNotional: '90000000',
          applyMaxToMarket: false,
          avgPriceMins: 5,
        },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_MAKER'],
    })),
  };
}

/** GET /api/v3/klines row: open time, OHLCV as strings, close time, then volume details. */
export function klineJson(b: Bar, durationMs: number) {
  const s = (n: number) => String(Number(n.toFixed(8)));
  return [
    b.openTime,
    s(b.open),
    s(b.high),
    s(b.low),
    s(b.close),
    s(b.volume),
    b.openTime + durationMs - 1,
    s(b.volume * b.close),
    1,
    '0',
    '0',
    '0',
  ];
}

/** GET /api/v3/account: commission rates, permissions and the balances given. */
export function accountJson(o: {
  balances: Map<string, string>;
  canWithdraw: boolean;
  now: number;
}) {
  return {
    makerCommission: 5,
    takerCommission: 10,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: '0.00050000', taker: '0.00100000', buyer: '0', seller: '0' },
    canTrade: true,
    canWithdraw: o.canWithdraw,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: o.now,
    accountType: 'SPOT',
    balances: [...o.balances].map(([asset, free]) => ({ asset, free, locked: '0' })),
    permissions: ['SPOT'],
    uid: 0,
  };
}

/** GET /sapi/v1/account/apiRestrictions: what the key may do. */
export function apiRestrictionsJson(canWithdraw: boolean) {
  return {
    ipRestrict: false,
    createTime: 1_700_000_000_000,
    enableReading: true,
    enableSpotAndMarginTrading: true,
    enableWithdrawals: canWithdraw,
    enableInternalTransfer: false,
    enableMargin: false,
    enableFutures: false,
    permitsUniversalTransfer: false,
    enableVanillaOptions: false,
  };
}
