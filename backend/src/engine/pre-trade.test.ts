import type { Decision, RiskLimits } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { type Fixed, formatFixed, parseFixed } from '../domain/money/fixed.js';
import { createOrder } from '../domain/orders/order.js';
import { TestClock } from '../ports/clock.js';
import { fundProfile } from './profile-books.js';
import { EngineConfigSchema, newStats, silentLogger, type EngineContext } from './context.js';
import { EngineEvents } from './events.js';
import { INTENT_ENTER } from './evaluate.js';
import { InMemoryJournal } from './in-memory-journal.js';
import { manualOrder } from './manual-orders.js';
import { preTradeCheck } from './pre-trade.js';
import { decideIntent } from './pipeline.js';
import { applyProfile, createTenantRuntime } from './runtime.js';
import { makeProfile, PRODUCT_ON } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';
import { UnitOfWork } from './unit-of-work.js';
import { NO_MODELS } from '../domain/strategies/model-strategy.js';

const START = Date.UTC(2026, 0, 5);
const CLOSE = 40_000;
const instruments = DEFAULT_SIM_INSTRUMENTS.filter((i) => i.symbol !== 'SOL-USD').map(
  toContractInstrument,
);
const ETH_CLOSE = 2_000;

interface Setup {
  capital?: string;
  symbols?: string[];
  risk?: Partial<RiskLimits>;
  /** Changes the world after funding: controls, positions, orders in flight, clock. */
  arrange?: (w: World) => void;
}

type World = ReturnType<typeof world>;

/** One tenant with one funded profile on BTC-USD, last close CLOSE, everything reconciled. */
function world(s: Setup) {
  const clock = new TestClock(START);
  const journal = new InMemoryJournal();
  const exchange = new PaperExchange({ clock, instruments, latencyMs: 0 });
  exchange.setPrice('BTC-USD', CLOSE);
  exchange.setPrice('ETH-USD', ETH_CLOSE);
  const ctx: EngineContext = {
    clock,
    market: { instruments: () => instruments, subscribe: () => () => {} } as never,
    journal,
    events: new EngineEvents(),
    config: EngineConfigSchema.parse({ marketStaleMs: 60_000 }),
    controls: {
      product: PRODUCT_ON,
      productReceivedAt: START,
      global: 'RUNNING',
      tenants: new Map(),
      profiles: new Map(),
    },
    instanceId: 'gate-test',
    logger: silentLogger,
    stats: newStats(),
    instruments: new Map(instruments.map((i) => [i.symbol, i])),
    lastTickAt: new Map([
      ['BTC-USD', START],
      ['ETH-USD', START],
    ]),
    profileTicks: null,
    models: NO_MODELS,
  };
  const tenant = createTenantRuntime({ id: 't1', fence: undefined, client: exchange.client('t1') });
  tenant.status = 'running';
  tenant.reconciled = true;
  const profile = applyProfile(ctx, {
    tenant,
    profile: makeProfile({
      id: 'p1',
      tenantId: 't1',
      capital: s.capital ?? '10000',
      symbols: s.symbols ?? ['BTC-USD'],
      ...(s.risk ? { risk: s.risk } : {}),
    }),
  });
  fundProfile(ctx, profile, new UnitOfWork(ctx, tenant));
  const slot = profile.slots.get('BTC-USD');
  if (!slot) throw new Error('no slot');
  slot.last = CLOSE;
  const eth = profile.slots.get('ETH-USD');
  if (eth) eth.last = ETH_CLOSE;
  const w = { clock, ctx, tenant, profile, slot, journal };
  s.arrange?.(w);
  return w;
}

/** The strategy's entry for a candle closing at CLOSE: its decision and order (not sent). */
async function strategyEntry(s: Setup) {
  const w = world(s);
  const uow = new UnitOfWork(w.ctx, w.tenant);
  const bar = {
    kind: 'candle' as const,
    symbol: 'BTC-USD',
    timeframe: '1m' as const,
    openTime: START - 60_000,
    open: CLOSE,
    high: CLOSE,
    low: CLOSE,
    close: CLOSE,
    volume: 1,
  };
  const order = decideIntent(w.ctx, {
    tenant: w.tenant,
    slot: w.slot,
    bar,
    intent: INTENT_ENTER,
    uow,
  });
  await uow.commit();
  const decision = w.journal.tables('t1').decisions.at(-1);
  if (!decision) throw new Error('no decision recorded');
  return { decision, quantity: order?.quantity ?? null };
}

/** A person's market BUY of `quantity` in the same world. */
async function manualEntry(s: Setup, quantity: Fixed) {
  const w = world(s);
  const r = await manualOrder(w.ctx, {
    tenant: w.tenant,
    userId: 'u1',
    requestId: 'req-1',
    body: {
      profileId: 'p1',
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      quantity: formatFixed(quantity),
      reduceOnly: false,
    },
  });
  const decision = r.decision;
  if (!decision) throw new Error('no decision');
  return {
    decision,
    quantity: r.kind === 'placed' ? parseFixed(r.order.quantity) : null,
    result: r,
  };
}

/** What the gate decided, without the first reason (the "why": a strategy signal or a person). */
const denials = (d: Decision) => ({
  action: d.action,
  reasons: d.reasons.slice(1),
  controlReasons: d.controlReasons,
});

/** Quantity the strategy sizes at CLOSE with the default limits (order limit 2,500): 0.0625. */
const SIZED = parseFixed('0.0625');

/** One position at a time, so the capital share (2,502) does not size below the order limit. */
const TIGHT = { capital: '2502', risk: { maxOpenPositions: 1 } } satisfies Setup;

const cases: [string, Setup][] = [
  ['a healthy entry', {}],
  ['capital that covers the notional but not fee and slippage', TIGHT],
  [
    'the same, sized down by the profile',
    { ...TIGHT, risk: { ...TIGHT.risk, sizingMode: 'down' } },
  ],
  ['a paused profile', { arrange: (w) => w.ctx.controls.profiles.set('p1', 'PAUSED') }],
  ['stale market data', { arrange: (w) => w.ctx.lastTickAt.set('BTC-USD', START - 20_000) }],
  ['a cooldown after a loss', { arrange: (w) => (w.profile.lastLossAt = START - 1_000) }],
  [
    'an order in flight',
    {
      arrange: (w) => {
        w.slot.pending = createOrder({
          id: 'o-in-flight',
          clientOrderId: 'o-in-flight',
          tenantId: 't1',
          profileId: 'p1',
          symbol: 'BTC-USD',
          side: 'BUY',
          type: 'MARKET',
          quantity: parseFixed('0.01'),
          reduceOnly: false,
          origin: 'manual',
          decisionId: 'd-x',
          at: START,
        });
      },
    },
  ],
  ['a daily loss past the limit', { arrange: (w) => (w.profile.dailyNet = parseFixed('-600')) }],
];

describe('pre-trade gate', () => {
  it.each(cases)(
    'a manual order and a strategy order with the same inputs get the same denials: %s',
    async (_name, setup) => {
      const strategy = await strategyEntry(setup);
      const manual = await manualEntry(setup, SIZED);
      expect(denials(manual.decision)).toEqual(denials(strategy.decision));
      expect(manual.quantity).toEqual(strategy.quantity);
    },
  );

  it('refuses an entry whose fee and slippage would take cash below zero, with the numbers', async () => {
    const { decision } = await strategyEntry(TIGHT);
    expect(decision.action).toBe('BLOCKED');
    // 0.0625 x 40,008 (40,000 + 2 bp, up to the tick) = 2,500.50; fee 0.1% = 2.5005.
    expect(decision.reasons.slice(1)).toEqual([
      {
        kind: 'risk',
        code: 'INSUFFICIENT_CAPITAL',
        message: expect.any(String),
        values: { cashAvailable: '2502', required: '2503.0005', cash: '2502', reserved: '0' },
      },
    ]);
  });

  it('sizes an entry down to what fits, whole lots, when the profile says so', async () => {
    const { decision, quantity } = await strategyEntry({
      ...TIGHT,
      risk: { ...TIGHT.risk, sizingMode: 'down' },
    });
    expect(decision.action).toBe('ENTER');
    expect(quantity).toBe(parseFixed('0.0624'));
  });

  it('holds back what orders in flight on other symbols may still cost', async () => {
    // 2,510 capital; an ETH buy of 0.005 in flight may still cost 0.005 x 2,000.4 + 0.1% fee = 10.012002,
    // which leaves less than the BTC entry's worst case of 2,503.0005 (and without it, it fits).
    const inFlight = (w: World) => {
      const eth = w.profile.slots.get('ETH-USD');
      if (!eth) throw new Error('no ETH slot');
      eth.pending = createOrder({
        id: 'o-eth',
        clientOrderId: 'o-eth',
        tenantId: 't1',
        profileId: 'p1',
        symbol: 'ETH-USD',
        side: 'BUY',
        type: 'MARKET',
        quantity: parseFixed('0.005'),
        reduceOnly: false,
        origin: 'strategy',
        decisionId: 'd-eth',
        at: START,
      });
    };
    const symbols = ['BTC-USD', 'ETH-USD'];
    const risk = { maxOpenPositions: 1 };
    const free = await strategyEntry({ capital: '2510', symbols, risk });
    expect(free.decision.action).toBe('ENTER');
    const held = await strategyEntry({ capital: '2510', symbols, risk, arrange: inFlight });
    expect(held.decision.action).toBe('BLOCKED');
    const values = held.decision.reasons.find((r) => r.code === 'INSUFFICIENT_CAPITAL')?.values;
    expect(values?.reserved).toBe('10.012002');
    const manual = await manualEntry({ capital: '2510', symbols, risk, arrange: inFlight }, SIZED);
    expect(denials(manual.decision)).toEqual(denials(held.decision));
  });
});

describe('cash never goes below zero at the venue price', () => {
  it('a 99,000 entry on 99,000 capital is refused, and sized down it leaves cash >= 0', async () => {
    for (const sizingMode of ['refuse', 'down'] as const) {
      const h = createHarness({ seed: 5 });
      const risk = {
        maxOrderNotional: '99000',
        maxPositionNotional: '99000',
        maxOpenPositions: 1,
        sizingMode,
      };
      await h.startTenant('t1', [
        makeProfile({
          id: 'p1',
          tenantId: 't1',
          capital: '99000',
          risk,
          strategy: {
            strategy: 'donchian-breakout',
            params: { entryPeriod: 500, exitPeriod: 500 },
          },
        }),
      ]);
      await h.run(2 * 60_000);
      const last = h.engine.prices().find((p) => p.symbol === 'BTC-USD');
      if (!last) throw new Error('no price');
      const quantity = formatFixed(
        ((parseFixed('99000') * 10n ** 18n) / parseFixed(last.price) / 10n ** 14n) * 10n ** 14n,
      );
      const r = await h.engine.submitManualOrder({
        tenantId: 't1',
        userId: 'u1',
        requestId: `r-${sizingMode}`,
        body: {
          profileId: 'p1',
          symbol: 'BTC-USD',
          side: 'BUY',
          type: 'MARKET',
          quantity,
          reduceOnly: false,
        },
      });
      await h.run(60_000);
      const ledger = (h.journal as InMemoryJournal).tables('t1').ledger;
      const cash = ledger
        .filter((e) => e.account === 'cash')
        .reduce((s, e) => s + parseFixed(e.amount), 0n);
      if (sizingMode === 'refuse') {
        expect(r.kind).toBe('denied');
        if (r.kind === 'denied') expect(r.reasons).toContain('INSUFFICIENT_CAPITAL');
        expect(cash).toBe(parseFixed('99000'));
      } else {
        expect(r.kind).toBe('placed');
        if (r.kind === 'placed') expect(parseFixed(r.order.filledQuantity)).toBeGreaterThan(0n);
        expect(cash).toBeGreaterThanOrEqual(0n);
        expect(cash).toBeLessThan(parseFixed('100'));
      }
      await h.engine.stop();
    }
  });
});

describe('no short selling on a spot venue', () => {
  const sell = (w: World, quantity: string) =>
    preTradeCheck(w.ctx, {
      tenant: w.tenant,
      slot: w.slot,
      order: {
        side: 'SELL',
        type: 'MARKET',
        quantity: parseFixed(quantity),
        price: parseFixed(String(CLOSE)),
        reduceOnly: false,
      },
    });
  const long = (qty: string) => (w: World) => {
    w.slot.position.qty = parseFixed(qty);
  };

  it('refuses a sell from flat, and one that would cross a long into a short, with the numbers', () => {
    const flat = sell(world({}), '0.01');
    expect(flat.action).toBe('BLOCKED');
    expect(flat.reasons).toEqual([
      {
        kind: 'risk',
        code: 'SHORT_NOT_ALLOWED',
        message: expect.any(String),
        values: { position: '0', quantity: '0.01' },
      },
    ]);
    const crossing = sell(world({ arrange: long('0.01') }), '0.02');
    expect(crossing.reasons.map((r) => r.code)).toEqual(['SHORT_NOT_ALLOWED']);
  });

  it('passes a sell of what the profile holds (a cover of nothing, so no capital question)', () => {
    const r = sell(world({ arrange: long('0.01') }), '0.01');
    expect(r).toMatchObject({ action: 'PASS', reduces: true, reasons: [] });
  });

  it('a manual short is refused through the manual-order path too', async () => {
    const w = world({});
    const r = await manualOrder(w.ctx, {
      tenant: w.tenant,
      userId: 'u1',
      requestId: 'req-short',
      body: {
        profileId: 'p1',
        symbol: 'BTC-USD',
        side: 'SELL',
        type: 'MARKET',
        quantity: '0.01',
        reduceOnly: false,
      },
    });
    expect(r.kind).not.toBe('placed');
    expect(r.decision?.reasons.map((x) => x.code)).toContain('SHORT_NOT_ALLOWED');
  });
});

describe('the ramp-up of a newly live profile', () => {
  const rampUp = {
    startedAt: new Date(START).toISOString(),
    steps: [
      { fromDay: 0, maxOrderNotional: '100' },
      { fromDay: 2, maxOrderNotional: '1000' },
    ],
    fullAfterDays: 5,
  };
  const promoted = (w: World) => {
    w.profile.profile = { ...w.profile.profile, rampUp };
  };
  const buy = (w: World, quantity: string) =>
    preTradeCheck(w.ctx, {
      tenant: w.tenant,
      slot: w.slot,
      order: {
        side: 'BUY',
        type: 'MARKET',
        quantity: parseFixed(quantity),
        price: parseFixed(String(CLOSE)),
        reduceOnly: false,
      },
    });

  it('sizes entries down to the cap of the day, with the reason, and lifts it at the end', () => {
    const w = world({ arrange: promoted });
    const day0 = buy(w, '0.1');
    expect(day0.action).toBe('PASS');
    // 100 / 40,000 = 0.0025 BTC, whole lots.
    expect(formatFixed(day0.quantity)).toBe('0.0025');
    expect(day0.reasons).toEqual([
      expect.objectContaining({
        code: 'RAMP_UP_CAP',
        values: expect.objectContaining({ cap: '100', day: '0' }),
      }),
    ]);
    w.clock.set(START + 2 * 86_400_000);
    w.ctx.lastTickAt.set('BTC-USD', START + 2 * 86_400_000);
    w.ctx.controls.productReceivedAt = START + 2 * 86_400_000;
    expect(formatFixed(buy(w, '0.1').quantity)).toBe('0.025');
    w.clock.set(START + 5 * 86_400_000);
    w.ctx.lastTickAt.set('BTC-USD', START + 5 * 86_400_000);
    w.ctx.controls.productReceivedAt = START + 5 * 86_400_000;
    // Within the profile's own order limit (2,500) the full size goes out again.
    const full = buy(w, '0.05');
    expect(full).toMatchObject({ action: 'PASS', reasons: [] });
    expect(formatFixed(full.quantity)).toBe('0.05');
  });

  it('refuses an entry when not one lot fits within the cap, and never caps an exit', () => {
    const w = world({
      arrange: (x) => {
        x.profile.profile = {
          ...x.profile.profile,
          rampUp: { ...rampUp, steps: [{ fromDay: 0, maxOrderNotional: '0.01' }] },
        };
        x.slot.position.qty = parseFixed('0.1');
      },
    });
    expect(buy(w, '0.01')).toMatchObject({ action: 'BLOCKED' });
    const exit = preTradeCheck(w.ctx, {
      tenant: w.tenant,
      slot: w.slot,
      order: {
        side: 'SELL',
        type: 'MARKET',
        quantity: parseFixed('0.1'),
        price: parseFixed(String(CLOSE)),
        reduceOnly: true,
      },
    });
    expect(exit).toMatchObject({ action: 'PASS', reasons: [] });
  });
});
