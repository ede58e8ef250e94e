import {
  DEFAULT_RISK_LIMITS,
  PAPER_VENUE_TAG,
  STRATEGY_DESCRIPTIONS,
  STRATEGY_IDS,
  STRATEGY_PARAM_SCHEMAS,
  type BotState,
  type Candle,
  type Decision,
  type EquitySnapshot,
  type LedgerEntry,
  type Order,
  type Position,
  type Trade,
  type TradingProfile,
  type VenueAccount,
  type VenueTag,
} from '@bytelyst/trading-contracts';
import { z } from 'zod';

/** The venue account the fixtures' profile trades on after its first round trips. */
const DESK: VenueTag = { accountId: 'va-acme-desk', venueId: 'binance', label: 'Acme desk' };

/**
 * Contract-valid, deterministic data for the browser tests that force states the real backend
 * cannot be put into on demand (degraded feeds, denied orders). Every value is parsed against
 * the route's response schema by the fake server before it is served.
 */
const MIN = 60_000;
let seed = 7;
const rand = () => {
  seed = (seed * 16807) % 2147483647;
  return (seed - 1) / 2147483646;
};
const iso = (ms: number) => new Date(ms).toISOString();
const dec = (n: number, digits = 2) => n.toFixed(digits);

export function buildFixtures(now: number) {
  const start = Math.floor(now / MIN) * MIN - 199 * MIN;
  const candles: Candle[] = [];
  let price = 64_000;
  for (let i = 0; i < 200; i++) {
    const open = price;
    const close = open * (1 + (rand() - 0.48) * 0.004);
    const high = Math.max(open, close) * (1 + rand() * 0.0015);
    const low = Math.min(open, close) * (1 - rand() * 0.0015);
    price = close;
    candles.push({
      symbol: 'BTC-USD',
      timeframe: '1m',
      openTime: iso(start + i * MIN),
      open: dec(open),
      high: dec(high),
      low: dec(low),
      close: dec(close),
      volume: dec(rand() * 12, 4),
    });
  }
  const at = (i: number) => candles[i]?.openTime ?? iso(now);
  const px = (i: number) => candles[i]?.close ?? '64000.00';
  const base = {
    tenantId: 'acme',
    createdAt: iso(now - 3 * 86_400_000),
    updatedAt: iso(now - 3_600_000),
  };

  const profiles: TradingProfile[] = [
    {
      id: 'p-btc-trend',
      userId: 'u-alice',
      name: 'BTC trend',
      symbols: ['BTC-USD'],
      timeframe: '1m',
      strategy: { strategy: 'sma-cross', params: { fastPeriod: 10, slowPeriod: 30, kind: 'ema' } },
      capitalAllocation: '10000',
      risk: DEFAULT_RISK_LIMITS,
      enabled: true,
      mode: 'RUNNING',
      venueAccountId: null,
      rampUp: null,
      blockedReason: null,
      version: 3,
      ...base,
    },
    {
      id: 'p-eth-rsi',
      userId: 'u-alice',
      name: 'ETH mean reversion',
      symbols: ['ETH-USD'],
      timeframe: '5m',
      strategy: { strategy: 'rsi-reversion', params: { period: 14, oversold: 30, overbought: 70 } },
      capitalAllocation: '5000',
      risk: DEFAULT_RISK_LIMITS,
      enabled: false,
      mode: 'PAUSED',
      venueAccountId: null,
      rampUp: null,
      blockedReason: null,
      version: 1,
      ...base,
    },
  ];

  const order = (i: number, side: 'BUY' | 'SELL', n: number): Order => ({
    id: `o-${n}`,
    tenantId: 'acme',
    profileId: 'p-btc-trend',
    clientOrderId: `blt-acme-${1000 + n}`,
    exchangeOrderId: `paper-${n}`,
    symbol: 'BTC-USD',
    side,
    type: 'MARKET',
    quantity: '0.05',
    limitPrice: null,
    stopPrice: null,
    reduceOnly: side === 'SELL',
    status: 'FILLED',
    filledQuantity: '0.05',
    averageFillPrice: px(i),
    origin: 'strategy',
    outcomeUnknown: false,
    rejectReason: null,
    decisionId: `d-${n}`,
    requestId: null,
    // The profile moved, flat, from paper to its venue account after two round trips.
    venue: n > 4 ? DESK : PAPER_VENUE_TAG,
    createdAt: at(i),
    updatedAt: at(i),
  });
  const orders = [
    order(40, 'BUY', 1),
    order(85, 'SELL', 2),
    order(120, 'BUY', 3),
    order(150, 'SELL', 4),
    order(180, 'BUY', 5),
  ].reverse();

  const trade = (n: number, a: number, b: number): Trade => {
    const pnl = (Number(px(b)) - Number(px(a))) * 0.05;
    return {
      id: `t-${n}`,
      tenantId: 'acme',
      profileId: 'p-btc-trend',
      symbol: 'BTC-USD',
      side: 'LONG',
      quantity: '0.05',
      entryPrice: px(a),
      exitPrice: px(b),
      realizedPnl: dec(pnl),
      fees: '3.20',
      netPnl: dec(pnl - 3.2),
      openedAt: at(a),
      closedAt: at(b),
      entryDecisionId: null,
      exitDecisionId: null,
      exitReason: pnl >= 0 ? 'signal: fast EMA crossed below slow' : 'stop loss 3%',
      strategy: 'sma-cross',
    };
  };
  const trades = [trade(2, 120, 150), trade(1, 40, 85)];

  const positions: Position[] = [
    {
      tenantId: 'acme',
      profileId: 'p-btc-trend',
      symbol: 'BTC-USD',
      quantity: '0.05',
      averageEntryPrice: px(180),
      costBasis: dec(Number(px(180)) * 0.05),
      markPrice: px(199),
      markAt: at(199),
      markStale: false,
      realizedPnl: '0',
      unrealizedPnl: dec((Number(px(199)) - Number(px(180))) * 0.05),
      fees: '1.60',
      openedAt: at(180),
      venue: DESK,
      updatedAt: at(199),
    },
  ];

  const equity: EquitySnapshot[] = candles.map((c, i) => ({
    tenantId: 'acme',
    profileId: 'p-btc-trend',
    at: c.openTime,
    equity: dec(10_000 + Math.sin(i / 18) * 90 + i * 1.6),
    cash: '6800',
    unrealizedPnl: '0',
    realizedPnl: '0',
    drawdownPct: dec(Math.max(0, -Math.sin(i / 18)) * 0.012, 4),
  }));

  const decision = (n: number, action: Decision['action'], i: number): Decision => ({
    id: `d-${n}`,
    tenantId: 'acme',
    profileId: 'p-btc-trend',
    symbol: 'BTC-USD',
    action,
    signalStrength:
      action === 'ENTER' ? 0.62 : action === 'EXIT' ? -0.48 : action === 'BLOCKED' ? 0.71 : 0.08,
    inputs: {
      fastEma: Number(px(i)) * 1.001,
      slowEma: Number(px(i)) * 0.999,
      close: Number(px(i)),
    },
    reasons:
      action === 'BLOCKED'
        ? [
            {
              kind: 'risk',
              code: 'MAX_OPEN_POSITIONS',
              message: 'Open positions would exceed the limit',
              values: { open: 3, max: 3 },
            },
          ]
        : action === 'SKIPPED'
          ? [
              {
                kind: 'data',
                code: 'STALE_MARKET_DATA',
                message: 'Last tick is older than the limit',
                values: { ageMs: 21000, maxMs: 15000 },
              },
            ]
          : [
              {
                kind: 'strategy',
                code: action === 'HOLD' ? 'NO_CROSS' : 'EMA_CROSS',
                message:
                  action === 'HOLD'
                    ? 'No crossover on this candle'
                    : 'Fast EMA crossed the slow EMA',
                values: { fast: 10, slow: 30 },
              },
            ],
    controlReasons: action === 'SKIPPED' ? ['MARKET_DATA_STALE'] : [],
    price: px(i),
    candleTime: at(i),
    orderId: action === 'ENTER' || action === 'EXIT' ? `o-${n}` : null,
    createdAt: at(i),
  });
  const decisions = [
    decision(9, 'HOLD', 199),
    decision(8, 'BLOCKED', 195),
    decision(7, 'SKIPPED', 190),
    decision(5, 'ENTER', 180),
    decision(4, 'EXIT', 150),
  ];

  const ledger: LedgerEntry[] = orders.slice(0, 2).flatMap((o, k) => [
    {
      id: `l-${k}-a`,
      tenantId: 'acme',
      profileId: 'p-btc-trend',
      transactionId: `tx-${k}`,
      account: 'positions_at_cost',
      amount: dec(Number(o.averageFillPrice) * 0.05),
      currency: 'USD',
      fillId: `f-${k}`,
      reversesTransactionId: null,
      memo: `fill ${o.clientOrderId}`,
      postedAt: o.updatedAt,
    },
    {
      id: `l-${k}-b`,
      tenantId: 'acme',
      profileId: 'p-btc-trend',
      transactionId: `tx-${k}`,
      account: 'cash',
      amount: dec(-Number(o.averageFillPrice) * 0.05),
      currency: 'USD',
      fillId: `f-${k}`,
      reversesTransactionId: null,
      memo: `fill ${o.clientOrderId}`,
      postedAt: o.updatedAt,
    },
  ]);

  const botState: BotState = {
    status: 'running',
    verdict: { canEnter: true, canReduce: true, cancelOpenOrders: false, reasons: [] },
    product: null,
    productStatusAgeMs: 1200,
    globalMode: 'RUNNING',
    tenantMode: 'RUNNING',
    lastTickAt: iso(now),
    lastLoopAt: iso(now),
    degradedReasons: [],
    venueFeeds: [],
    updatedAt: iso(now),
  };

  const strategies = STRATEGY_IDS.map((id) => ({
    id,
    ...STRATEGY_DESCRIPTIONS[id],
    paramsSchema: z.toJSONSchema(STRATEGY_PARAM_SCHEMAS[id], { io: 'input' }),
  }));

  // Every user has a paper account; the profile form lists it first.
  const venueAccounts: VenueAccount[] = [
    {
      id: 'va-paper-alice',
      tenantId: 'acme',
      ownerUserId: 'u-alice',
      venueId: 'paper',
      label: 'Paper',
      mode: 'paper',
      status: 'connected',
      keyHint: null,
      canWithdraw: null,
      balances: [],
      lastSyncAt: null,
      lastError: null,
      createdAt: iso(start),
    },
  ];

  return {
    candles,
    profiles,
    venueAccounts,
    orders,
    trades,
    positions,
    equity,
    decisions,
    ledger,
    botState,
    strategies,
    lastPrice: px(199),
  };
}
export type Fixtures = ReturnType<typeof buildFixtures>;
