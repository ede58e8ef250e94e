import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEFAULT_FEATURE_FLAGS, FEATURE_FLAG_KEYS, FeatureFlagsSchema } from '../feature-flags.js';
import { ADMIN_EVENTS, PUBLIC_EVENTS, SOCKET_NAMESPACES, TRADING_EVENTS } from '../realtime.js';
import { Alert } from './alerts.js';
import { AuditEvent } from './audit.js';
import { PutDynamicConfigBody, parseDynamicConfigValue } from './config.js';
import { BotState, ProductStatus, SetTradingControlBody, TradingControl } from './control.js';
import { Decision } from './decisions.js';
import { Candle, PriceTick } from './market.js';
import { CreateProfileBody, DEFAULT_RISK_LIMITS, TradingProfile } from './profiles.js';
import { StrategyConfig } from './strategies.js';
import {
  EquitySnapshot,
  Fill,
  LedgerEntry,
  ManualTradeBody,
  Order,
  Position,
  Trade,
} from './trading.js';

const t = '2026-11-21T10:00:00.000Z';
const actor = { type: 'admin', id: 'u-admin', tenantId: 'acme' } as const;
const hash = 'a'.repeat(64);

export const examples = {
  order: {
    id: 'o1',
    tenantId: 'acme',
    profileId: 'p1',
    clientOrderId: 'p1-abc-1',
    exchangeOrderId: null,
    symbol: 'BTC-USD',
    side: 'BUY',
    type: 'MARKET',
    quantity: '0.01',
    limitPrice: null,
    stopPrice: null,
    reduceOnly: false,
    status: 'NEW',
    filledQuantity: '0',
    averageFillPrice: null,
    origin: 'strategy',
    outcomeUnknown: false,
    rejectReason: null,
    decisionId: 'd1',
    requestId: null,
    venue: { accountId: 'va-1', venueId: 'binance', label: 'Main desk' },
    createdAt: t,
    updatedAt: t,
  },
  fill: {
    id: 'f1',
    tenantId: 'acme',
    profileId: 'p1',
    orderId: 'o1',
    exchangeTradeId: 'x-1',
    symbol: 'BTC-USD',
    side: 'BUY',
    quantity: '0.01',
    price: '65000.5',
    fee: '0.65',
    feeCurrency: 'USD',
    liquidity: 'taker',
    filledAt: t,
  },
  position: {
    tenantId: 'acme',
    profileId: 'p1',
    symbol: 'BTC-USD',
    quantity: '0.01',
    averageEntryPrice: '65000.5',
    costBasis: '650.005',
    markPrice: '65100',
    markAt: t,
    markStale: false,
    realizedPnl: '0',
    unrealizedPnl: '0.995',
    fees: '0.65',
    openedAt: t,
    venue: { accountId: null, venueId: 'paper', label: 'Paper' },
    updatedAt: t,
  },
  trade: {
    id: 't1',
    tenantId: 'acme',
    profileId: 'p1',
    symbol: 'BTC-USD',
    side: 'LONG',
    quantity: '0.01',
    entryPrice: '65000',
    exitPrice: '66000',
    realizedPnl: '10',
    fees: '1.3',
    netPnl: '8.7',
    openedAt: t,
    closedAt: t,
    entryDecisionId: 'd1',
    exitDecisionId: 'd2',
    exitReason: 'signal',
    strategy: 'sma-cross',
  },
  ledger: {
    id: 'l1',
    tenantId: 'acme',
    profileId: 'p1',
    transactionId: 'tx1',
    account: 'cash',
    amount: '-650.65',
    currency: 'USD',
    fillId: 'f1',
    reversesTransactionId: null,
    memo: 'buy fill',
    postedAt: t,
  },
  equity: {
    tenantId: 'acme',
    profileId: 'p1',
    at: t,
    equity: '10000',
    cash: '9349.35',
    unrealizedPnl: '0',
    realizedPnl: '0',
    drawdownPct: '0',
  },
  decision: {
    id: 'd1',
    tenantId: 'acme',
    profileId: 'p1',
    symbol: 'BTC-USD',
    action: 'BLOCKED',
    signalStrength: 0.7,
    inputs: { fastSma: 65010.2, slowSma: 64900.1 },
    reasons: [
      {
        kind: 'risk',
        code: 'MAX_ORDER_NOTIONAL',
        message: 'order too large',
        values: { notional: '3000', limit: '2500' },
      },
    ],
    controlReasons: [],
    price: '65000',
    candleTime: t,
    orderId: null,
    createdAt: t,
  },
  alert: {
    id: 'a1',
    tenantId: 'acme',
    profileId: null,
    severity: 'critical',
    kind: 'mismatch',
    code: 'RECON_MISMATCH',
    message: 'Position differs',
    state: 'open',
    acknowledged: false,
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: t,
  },
  audit: {
    id: 'ev1',
    seq: 1,
    at: t,
    actor,
    tenantId: 'acme',
    action: 'control.set',
    target: 'global',
    before: { mode: 'RUNNING' },
    after: { mode: 'PAUSED' },
    reason: 'market event',
    requestId: 'req-1',
    prevHash: hash,
    hash,
  },
  control: {
    scope: 'global',
    targetId: null,
    tenantId: null,
    mode: 'PAUSED',
    reason: 'maintenance window',
    actor,
    version: 3,
    updatedAt: t,
    requestId: 'req-1',
  },
  product: {
    productId: 'bytelyst-trading',
    enabled: true,
    maintenance: { active: false, message: null, expectedEndAt: null },
    version: 1,
    updatedAt: t,
  },
  price: { symbol: 'BTC-USD', price: '65000.25', at: t },
  candle: {
    symbol: 'BTC-USD',
    timeframe: '1m',
    openTime: t,
    open: '1',
    high: '2',
    low: '0.5',
    close: '1.5',
    volume: '10',
  },
} as const;

const profile = {
  id: 'p1',
  tenantId: 'acme',
  userId: 'u1',
  name: 'BTC trend',
  symbols: ['BTC-USD'],
  timeframe: '1m',
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 10, slowPeriod: 30, kind: 'sma' } },
  capitalAllocation: '10000',
  risk: DEFAULT_RISK_LIMITS,
  enabled: true,
  mode: 'RUNNING',
  blockedReason: null,
  version: 0,
  createdAt: t,
  updatedAt: t,
};

const cases: [string, z.ZodType, Record<string, unknown>, Record<string, unknown>[]][] = [
  [
    'order',
    Order,
    examples.order,
    [
      { quantity: '0' },
      { quantity: -1 },
      { quantity: 'NaN' },
      { status: 'DONE' },
      { extra: true },
      { clientOrderId: 'x'.repeat(65) },
    ],
  ],
  [
    'fill',
    Fill,
    examples.fill,
    [{ price: 65000 }, { quantity: '-0.1' }, { fee: 'Infinity' }, { exchangeTradeId: '' }],
  ],
  [
    'position',
    Position,
    examples.position,
    [{ quantity: 0.01 }, { fees: '-1' }, { tenantId: undefined }],
  ],
  ['trade', Trade, examples.trade, [{ side: 'BUY' }, { entryPrice: '0' }]],
  ['ledger', LedgerEntry, examples.ledger, [{ account: 'bank' }, { amount: 1 }]],
  ['equity', EquitySnapshot, examples.equity, [{ drawdownPct: '-0.1' }, { at: 'yesterday' }]],
  [
    'decision',
    Decision,
    examples.decision,
    [{ action: 'BUY' }, { signalStrength: 2 }, { signalStrength: Number.NaN }],
  ],
  ['alert', Alert, examples.alert, [{ severity: 'panic' }, { message: 'x'.repeat(501) }]],
  ['audit', AuditEvent, examples.audit, [{ hash: 'xyz' }, { action: 'drop.table' }]],
  ['control', TradingControl, examples.control, [{ mode: 'STOPPED' }, { version: -1 }]],
  ['product status', ProductStatus, examples.product, [{ enabled: 'yes' }]],
  ['price', PriceTick, examples.price, [{ price: '0' }, { price: 1 }]],
  ['candle', Candle, examples.candle, [{ timeframe: '2m' }, { volume: '-1' }]],
  ['profile', TradingProfile, profile, [{ symbols: [] }, { capitalAllocation: '0' }, { name: '' }]],
];

describe.each(cases)('%s schema', (_name, schema, valid, bad) => {
  it('accepts a valid example', () => {
    const r = schema.safeParse(valid);
    expect(r.error?.issues ?? []).toEqual([]);
  });
  it.each(bad.map((b) => [JSON.stringify(b), b]))('rejects %s', (_label, patch) => {
    expect(schema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});

describe('request bodies', () => {
  it('manual trade defaults and rejects bad quantities', () => {
    const ok = ManualTradeBody.parse({
      profileId: 'p1',
      symbol: 'BTC-USD',
      side: 'BUY',
      quantity: '0.5',
    });
    expect(ok.type).toBe('MARKET');
    for (const quantity of ['0', '-1', 'NaN', '1e308', 1, '0.0000000000000000001']) {
      expect(
        ManualTradeBody.safeParse({ profileId: 'p1', symbol: 'BTC-USD', side: 'BUY', quantity })
          .success,
        String(quantity),
      ).toBe(false);
    }
    expect(
      ManualTradeBody.safeParse({
        profileId: 'p1',
        symbol: 'BTC-USD',
        side: 'BUY',
        quantity: '1',
        tenantId: 'x',
      }).success,
    ).toBe(false);
  });
  it('strategy params are validated per strategy', () => {
    expect(
      StrategyConfig.safeParse({
        strategy: 'sma-cross',
        params: { fastPeriod: 30, slowPeriod: 10 },
      }).success,
    ).toBe(false);
    expect(StrategyConfig.parse({ strategy: 'rsi-reversion', params: {} }).params).toEqual({
      period: 14,
      oversold: 30,
      overbought: 70,
    });
    expect(StrategyConfig.safeParse({ strategy: 'magic', params: {} }).success).toBe(false);
  });
  it('profile creation fills defaults', () => {
    const body = CreateProfileBody.parse({
      name: 'x',
      symbols: ['ETH-USD'],
      timeframe: '5m',
      capitalAllocation: '1000',
      strategy: { strategy: 'donchian-breakout', params: {} },
    });
    expect(body.enabled).toBe(false);
  });
  it('control changes need a reason', () => {
    expect(SetTradingControlBody.safeParse({ scope: 'global', mode: 'HALTED' }).success).toBe(
      false,
    );
    expect(
      SetTradingControlBody.safeParse({ scope: 'global', mode: 'HALTED', reason: 'ok' }).success,
    ).toBe(false);
    expect(
      SetTradingControlBody.parse({ scope: 'global', mode: 'HALTED', reason: 'flash crash' })
        .targetId,
    ).toBeNull();
    expect(
      SetTradingControlBody.safeParse({ scope: 'product', mode: 'HALTED', reason: 'flash crash' })
        .success,
    ).toBe(false);
  });
  it('dynamic config validates each key by its own schema', () => {
    expect(parseDynamicConfigValue('flags.backtest', true).success).toBe(true);
    expect(parseDynamicConfigValue('flags.backtest', 'yes').success).toBe(false);
    expect(parseDynamicConfigValue('risk.staleMarketDataMs', 10).success).toBe(false);
    expect(
      PutDynamicConfigBody.safeParse({
        key: 'nope',
        value: 1,
        expectedVersion: 0,
        reason: 'test it',
      }).success,
    ).toBe(false);
  });
});

describe('feature flags and realtime', () => {
  it('defaults cover every key', () => {
    expect(Object.keys(DEFAULT_FEATURE_FLAGS).sort()).toEqual([...FEATURE_FLAG_KEYS].sort());
    expect(FeatureFlagsSchema.parse(DEFAULT_FEATURE_FLAGS)).toEqual(DEFAULT_FEATURE_FLAGS);
    expect(FeatureFlagsSchema.safeParse({ ...DEFAULT_FEATURE_FLAGS, unknown: true }).success).toBe(
      false,
    );
  });
  it('namespaces are the three the design names', () => {
    expect(Object.values(SOCKET_NAMESPACES).sort()).toEqual(['/', '/admin', '/trading']);
  });
  it('every event has a schema that parses its example', () => {
    const byEvent: Record<string, unknown> = {
      price: examples.price,
      candle: examples.candle,
      position: examples.position,
      order: examples.order,
      fill: examples.fill,
      trade: examples.trade,
      decision: examples.decision,
      alert: examples.alert,
      control: examples.control,
      audit: examples.audit,
      product_status: examples.product,
    };
    for (const table of [TRADING_EVENTS, ADMIN_EVENTS, PUBLIC_EVENTS]) {
      for (const [name, schema] of Object.entries(table)) {
        if (name in byEvent)
          expect((schema as z.ZodType).safeParse(byEvent[name]).success, name).toBe(true);
      }
    }
  });
  it('bot state rejects an unknown status', () => {
    const verdict = {
      canEnter: false,
      canReduce: true,
      cancelOpenOrders: false,
      reasons: ['GLOBAL_PAUSED'],
    };
    const state = {
      status: 'paused',
      verdict,
      product: examples.product,
      productStatusAgeMs: 100,
      globalMode: 'PAUSED',
      tenantMode: 'RUNNING',
      lastTickAt: t,
      lastLoopAt: t,
      degradedReasons: [],
      venueFeeds: [],
      updatedAt: t,
    };
    expect(BotState.safeParse(state).success).toBe(true);
    expect(BotState.safeParse({ ...state, status: 'sleeping' }).success).toBe(false);
  });
});
