/**
 * Builders for contract rows with valid defaults, for storage and journal tests. Every builder
 * takes the tenant (and usually profile) plus overrides.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_RISK_LIMITS,
  PAPER_VENUE_TAG,
  type Decision,
  type EquitySnapshot,
  type Fill,
  type LedgerEntry,
  type Order,
  type Position,
  type Trade,
} from '@bytelyst/trading-contracts';
import type { JournalBatch } from '../src/ports/journal.js';
import type { NewProfile } from '../src/ports/store.js';

export const T0 = '2026-03-01T12:00:00.000Z';
export const at = (offsetMs: number): string => new Date(Date.parse(T0) + offsetMs).toISOString();

export const newProfile = (overrides: Partial<NewProfile> = {}): NewProfile => ({
  userId: 'user-1',
  name: 'BTC trend',
  symbols: ['BTC-USD'],
  timeframe: '1m',
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20, kind: 'sma' } },
  capitalAllocation: '10000.00',
  risk: DEFAULT_RISK_LIMITS,
  enabled: true,
  ...overrides,
});

interface Owner {
  tenantId: string;
  profileId: string;
}

export const makeOrder = (o: Owner, overrides: Partial<Order> = {}): Order => ({
  id: randomUUID(),
  tenantId: o.tenantId,
  profileId: o.profileId,
  clientOrderId: `c-${randomUUID()}`,
  exchangeOrderId: null,
  symbol: 'BTC-USD',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.015',
  limitPrice: null,
  stopPrice: null,
  reduceOnly: false,
  status: 'NEW',
  filledQuantity: '0',
  averageFillPrice: null,
  origin: 'strategy',
  outcomeUnknown: false,
  rejectReason: null,
  decisionId: null,
  requestId: null,
  venue: PAPER_VENUE_TAG,
  createdAt: T0,
  updatedAt: T0,
  ...overrides,
});

export const makeFill = (order: Order, overrides: Partial<Fill> = {}): Fill => ({
  id: randomUUID(),
  tenantId: order.tenantId,
  profileId: order.profileId,
  orderId: order.id,
  exchangeTradeId: `x-${randomUUID()}`,
  symbol: order.symbol,
  side: order.side,
  quantity: order.quantity,
  price: '64000.10',
  fee: '0.96',
  feeCurrency: 'USD',
  liquidity: 'taker',
  filledAt: order.createdAt,
  ...overrides,
});

/** A balanced buy booking: cash out, position at cost in, fee out of cash. */
export const bookBuy = (fill: Fill, profileId: string): LedgerEntry[] => {
  const transactionId = randomUUID();
  const base = {
    tenantId: fill.tenantId,
    profileId,
    transactionId,
    currency: 'USD',
    fillId: fill.id,
    reversesTransactionId: null,
    memo: 'buy',
    postedAt: fill.filledAt,
  };
  return [
    { ...base, id: randomUUID(), account: 'positions_at_cost', amount: '960.0015' },
    { ...base, id: randomUUID(), account: 'fees', amount: '0.96' },
    { ...base, id: randomUUID(), account: 'cash', amount: '-960.9615' },
  ];
};

export const makeDecision = (o: Owner, overrides: Partial<Decision> = {}): Decision => ({
  id: randomUUID(),
  tenantId: o.tenantId,
  profileId: o.profileId,
  symbol: 'BTC-USD',
  action: 'ENTER',
  signalStrength: 0.75,
  inputs: { fast: 64010.5, slow: 63900.25, crossed: true },
  reasons: [{ kind: 'strategy', code: 'SMA_CROSS_UP', message: 'fast crossed above slow' }],
  controlReasons: [],
  price: '64000.10',
  candleTime: T0,
  orderId: null,
  createdAt: T0,
  ...overrides,
});

export const makePosition = (o: Owner, overrides: Partial<Position> = {}): Position => ({
  tenantId: o.tenantId,
  profileId: o.profileId,
  symbol: 'BTC-USD',
  quantity: '0.015',
  averageEntryPrice: '64000.10',
  costBasis: '960.0015',
  markPrice: '64100.00',
  markAt: null,
  markStale: false,
  realizedPnl: '0',
  unrealizedPnl: '1.4985',
  fees: '0.96',
  openedAt: T0,
  venue: PAPER_VENUE_TAG,
  updatedAt: T0,
  ...overrides,
});

export const makeTrade = (o: Owner, overrides: Partial<Trade> = {}): Trade => ({
  id: randomUUID(),
  tenantId: o.tenantId,
  profileId: o.profileId,
  symbol: 'BTC-USD',
  side: 'LONG',
  quantity: '0.015',
  entryPrice: '64000.10',
  exitPrice: '65000.00',
  realizedPnl: '14.9985',
  fees: '1.92',
  netPnl: '13.0785',
  openedAt: T0,
  closedAt: at(60_000),
  entryDecisionId: null,
  exitDecisionId: null,
  exitReason: 'signal',
  strategy: 'sma-cross',
  ...overrides,
});

export const makeEquity = (o: Owner, overrides: Partial<EquitySnapshot> = {}): EquitySnapshot => ({
  tenantId: o.tenantId,
  profileId: o.profileId,
  at: T0,
  equity: '10001.50',
  cash: '9039.04',
  unrealizedPnl: '1.4985',
  realizedPnl: '0',
  drawdownPct: '0',
  ...overrides,
});

export const emptyBatch = (
  tenantId: string,
  overrides: Partial<JournalBatch> = {},
): JournalBatch => ({
  tenantId,
  orders: [],
  fills: [],
  ledgerEntries: [],
  decisions: [],
  positions: [],
  trades: [],
  equitySnapshots: [],
  alerts: [],
  ...overrides,
});
