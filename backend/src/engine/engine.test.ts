import { Decision, Fill, Order, Position, Trade } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { transactionSums } from '../domain/ledger/ledger.js';
import { parseFixed } from '../domain/money/fixed.js';
import type { EngineEvent } from './events.js';
import { InMemoryJournal } from './in-memory-journal.js';
import type { TradingJournal } from '../ports/journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

const fast = {
  strategy: 'sma-cross' as const,
  params: { fastPeriod: 2, slowPeriod: 5, kind: 'sma' as const },
};

describe('trading engine on the paper exchange', () => {
  it('trades a profile end to end with balanced books that match the venue', async () => {
    const h = createHarness({ seed: 11 });
    const events: EngineEvent[] = [];
    h.engine.events.on('event', (e) => events.push(e));
    const profile = makeProfile({
      id: 'p1',
      tenantId: 't1',
      strategy: fast,
      risk: { cooldownAfterLossMs: 0, maxDailyLoss: '100000', maxDrawdownPct: '0.9' },
    });
    const report = await h.startTenant('t1', [profile]);
    expect(report.ok).toBe(true);
    await h.run(6 * 3_600_000);
    const t = (h.journal as InMemoryJournal).tables('t1');
    expect(h.engine.stats.orders).toBeGreaterThan(4);
    expect(t.trades.length).toBeGreaterThan(1);
    for (const sum of transactionSums(t.ledger).values()) expect(sum).toBe(0n);
    const venue = await h.exchange.client('t1').fetchPositions();
    const venueQty = parseFixed(venue.find((p) => p.symbol === 'BTC-USD')?.quantity ?? '0');
    expect(parseFixed(t.positions.get('p1|BTC-USD')?.quantity ?? '0')).toBe(venueQty);
    // Every event payload is exactly the contract shape, tagged with tenant and user.
    const schemas = {
      order: Order,
      fill: Fill,
      position: Position,
      trade: Trade,
      decision: Decision,
    } as const;
    for (const e of events) {
      expect(e.tenantId).toBe('t1');
      expect(e.userId).toBe('t1-user');
      if (e.name in schemas)
        expect(
          schemas[e.name as keyof typeof schemas].safeParse(e.payload).success,
          JSON.stringify(e.payload),
        ).toBe(true);
    }
    expect(events.some((e) => e.name === 'fill')).toBe(true);
    expect(h.engine.health().reconciled).toBe(true);
  });
});

describe('protective exits and periodic work', () => {
  it('closes a position on a stop or target seen on a tick, between candle closes', async () => {
    const h = createHarness({ seed: 21 });
    const quiet = {
      strategy: 'donchian-breakout' as const,
      params: { entryPeriod: 500, exitPeriod: 500 },
    };
    await h.startTenant('t1', [
      makeProfile({
        id: 'p1',
        tenantId: 't1',
        strategy: quiet,
        risk: { stopLossPct: '0.0005', takeProfitPct: '0.0005' },
      }),
    ]);
    await h.run(2 * 60_000);
    const r = await h.engine.submitManualOrder({
      tenantId: 't1',
      userId: 'u1',
      requestId: 'r1',
      body: {
        profileId: 'p1',
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'MARKET',
        quantity: '0.01',
        reduceOnly: false,
      },
    });
    expect(r.kind).toBe('placed');
    await h.run(30 * 60_000);
    const t = (h.journal as InMemoryJournal).tables('t1');
    expect(t.trades).toHaveLength(1);
    expect(['stop', 'take-profit']).toContain(t.trades[0]?.exitReason);
    expect(
      t.decisions.some(
        (d) =>
          d.action === 'EXIT' &&
          d.reasons.some((x) => x.code === 'STOP_LOSS' || x.code === 'TAKE_PROFIT'),
      ),
    ).toBe(true);
    // Hourly equity snapshots keep coming without trades.
    const before = t.equity.length;
    await h.run(2 * 3_600_000);
    expect(t.equity.length).toBeGreaterThanOrEqual(before + 2);
  });
});

describe('controls in the loop', () => {
  it('PAUSED blocks new entries with the control reason but still lets exits through', async () => {
    const h = createHarness({ seed: 11 });
    const profile = makeProfile({
      id: 'p1',
      tenantId: 't1',
      strategy: fast,
      risk: { cooldownAfterLossMs: 0, maxDailyLoss: '100000', maxDrawdownPct: '0.9' },
    });
    await h.startTenant('t1', [profile]);
    const t = (h.journal as InMemoryJournal).tables('t1');
    const held = () => parseFixed(t.positions.get('p1|BTC-USD')?.quantity ?? '0') > 0n;
    for (let i = 0; i < 240 && !held(); i++) await h.run(60_000);
    expect(held()).toBe(true);
    h.engine.setControls({ global: 'PAUSED' });
    const ordersBefore = t.orders.size;
    await h.run(3 * 3_600_000);
    const after = [...t.orders.values()].slice(ordersBefore);
    // The open position was still closed by its exit signal; nothing new was opened.
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((o) => o.reduceOnly && o.side === 'SELL')).toBe(true);
    const blocked = t.decisions.filter((d) => d.action === 'BLOCKED');
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((d) => d.controlReasons.includes('GLOBAL_PAUSED'))).toBe(true);
    expect(h.engine.botState('t1').status).toBe('paused');
    h.engine.setControls({ global: 'RUNNING' });
    await h.run(3_600_000);
    expect([...t.orders.values()].slice(ordersBefore).some((o) => !o.reduceOnly)).toBe(true);
  });
});

describe('max drawdown', () => {
  it('halts the profile: alert, audit, no orders afterwards, until a new profile version', async () => {
    const h = createHarness({ seed: 11 });
    const profile = makeProfile({
      id: 'p1',
      tenantId: 't1',
      strategy: fast,
      risk: { cooldownAfterLossMs: 0, maxDailyLoss: '100000', maxDrawdownPct: '0.002' },
    });
    await h.startTenant('t1', [profile]);
    await h.run(6 * 3_600_000);
    const t = (h.journal as InMemoryJournal).tables('t1');
    expect(t.alerts.map((a) => a.code)).toContain('MAX_DRAWDOWN_HALT');
    expect(t.audit.some((a) => a.action === 'profile.blocked' && a.reason === 'MAX_DRAWDOWN')).toBe(
      true,
    );
    expect(h.engine.verdictFor('t1', 'p1').reasons).toContain('PROFILE_HALTED');
    const haltedAt = Date.parse(t.alerts.find((a) => a.code === 'MAX_DRAWDOWN_HALT')!.createdAt);
    expect([...t.orders.values()].filter((o) => Date.parse(o.createdAt) > haltedAt)).toEqual([]);
    h.engine.upsertProfile({
      ...profile,
      version: 2,
      risk: { ...profile.risk, maxDrawdownPct: '0.9' },
    });
    expect(h.engine.verdictFor('t1', 'p1').reasons).not.toContain('PROFILE_HALTED');
  });
});

describe('group commit per candle close', () => {
  it("commits a candle's decisions and order intents together, then all outcomes together", async () => {
    const inner = new InMemoryJournal();
    const batches: { orders: string[]; statuses: string[]; decisions: number }[] = [];
    const journal: TradingJournal = {
      commit: async (b) => {
        batches.push({
          orders: b.orders.map((o) => o.id),
          statuses: b.orders.map((o) => o.status),
          decisions: b.decisions.length,
        });
        await inner.commit(b);
      },
      load: (t, opts) => inner.load(t, opts),
      findOrder: (t, id) => inner.findOrder(t, id),
    };
    const h = createHarness({ seed: 11, journal });
    // Five identical profiles: every signal is five orders on the same candle close.
    const profiles = [1, 2, 3, 4, 5].map((i) =>
      makeProfile({
        id: `p${i}`,
        tenantId: 't1',
        strategy: fast,
        risk: { cooldownAfterLossMs: 0, maxDailyLoss: '100000', maxDrawdownPct: '0.9' },
      }),
    );
    for (const p of profiles) inner.putProfile(p);
    await h.startTenant('t1', profiles);
    batches.length = 0;
    await h.run(6 * 3_600_000);
    expect(h.engine.stats.orders, JSON.stringify(h.engine.stats)).toBeGreaterThanOrEqual(10);
    // Each group: one batch with five NEW intents and their five decisions, then one batch with
    // the same five orders settled; no order is ever committed alone.
    const intents = batches.filter(
      (b) => b.statuses.length > 0 && b.statuses.every((s) => s === 'NEW'),
    );
    expect(intents.length).toBeGreaterThan(1);
    for (const b of intents) {
      expect(b.orders).toHaveLength(5);
      expect(b.decisions).toBe(5);
      const next = batches[batches.indexOf(b) + 1];
      expect(next?.orders.sort()).toEqual([...b.orders].sort());
      expect(next?.statuses.every((s) => s === 'FILLED')).toBe(true);
    }
    expect(batches.filter((b) => b.orders.length > 0).length).toBe(intents.length * 2);
    const t = inner.tables('t1');
    for (const sum of transactionSums(t.ledger).values()) expect(sum).toBe(0n);
  });
});
