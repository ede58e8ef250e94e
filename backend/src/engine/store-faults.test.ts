import { AppError } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { transactionSums } from '../domain/ledger/ledger.js';
import type { JournalBatch } from '../ports/journal.js';
import { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

/**
 * A real in-memory journal whose commit can be made to fail, the way a database error (a NUL byte
 * in a text column, a dropped connection, a full disk) fails the transaction: nothing is written.
 */
class FaultyJournal extends InMemoryJournal {
  private failures: { when: (b: JournalBatch) => boolean; left: number }[] = [];
  failed = 0;

  failNext(when: (b: JournalBatch) => boolean, times = 1): void {
    this.failures.push({ when, left: times });
  }

  override async commit(batch: JournalBatch): Promise<void> {
    const f = this.failures.find((x) => x.left > 0 && x.when(batch));
    if (f) {
      f.left--;
      this.failed++;
      throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
    }
    return super.commit(batch);
  }
}

/** A batch that writes a new order's intent (status NEW): the save before anything is sent. */
const intentOf = (b: JournalBatch) => b.orders.some((o) => o.status === 'NEW');

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

async function setup(strategy = quiet) {
  const journal = new FaultyJournal();
  const h = createHarness({ seed: 11, journal });
  const report = await h.startTenant('t1', [
    makeProfile({
      id: 'p1',
      tenantId: 't1',
      strategy,
      risk: { cooldownAfterLossMs: 0, maxDailyLoss: '100000', maxDrawdownPct: '0.9' },
    }),
  ]);
  expect(report.ok).toBe(true);
  await h.run(3 * 60_000);
  const tables = () => journal.tables('t1');
  const storedIds = () => new Set([...tables().orders.keys()]);
  // async, so a synchronous refusal (NOT_READY) arrives as a rejection like every other error.
  const buy = async (requestId: string) =>
    h.engine.submitManualOrder({
      tenantId: 't1',
      userId: 'u1',
      requestId,
      body: {
        profileId: 'p1',
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'MARKET',
        quantity: '0.01',
        reduceOnly: false,
      },
    });
  return { h, journal, tables, storedIds, buy };
}

describe('a failed write never wedges a profile', () => {
  it('manual order: the failed save answers ORDER_NOT_SAVED, frees the symbol, and a retry re-runs', async () => {
    const s = await setup();
    s.journal.failNext(intentOf);
    const err = await s.buy('req-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('ORDER_NOT_SAVED');
    expect(s.journal.failed).toBe(1);
    // Nothing reached the venue, nothing is in the store, and the tenant is still trading.
    expect(s.h.exchange.account('t1').orders.size).toBe(0);
    expect(s.storedIds().size).toBe(0);
    expect(s.h.engine.failureOf('t1')).toBeNull();

    // The same request id re-runs (no phantom): the order is placed, stored and at the venue.
    const retried = await s.buy('req-1');
    if (retried.kind !== 'placed') throw new Error(JSON.stringify(retried));
    expect(s.storedIds().has(retried.order.id)).toBe(true);
    expect(retried.order.status).toBe('FILLED');
    expect(s.h.exchange.account('t1').orders.size).toBe(1);

    // A new order and a close on the same profile and symbol are not refused ORDER_IN_FLIGHT.
    const next = await s.buy('req-2');
    expect(next.kind).toBe('placed');
    const close = await s.h.engine.closePosition({
      tenantId: 't1',
      userId: 'u1',
      profileId: 'p1',
      symbol: 'BTC-USD',
      requestId: 'req-close',
    });
    if (close.kind !== 'placed') throw new Error(JSON.stringify(close));
    expect(s.storedIds().has(close.order.id)).toBe(true);
    expect(s.tables().positions.get('p1|BTC-USD')?.quantity).toBe('0');
    for (const sum of transactionSums(s.tables().ledger).values()) expect(sum).toBe(0n);
  });

  it('manual close: a failed save of the close frees the position for the next close', async () => {
    const s = await setup();
    expect((await s.buy('req-1')).kind).toBe('placed');
    s.journal.failNext(intentOf);
    const close = (requestId: string) =>
      s.h.engine.closePosition({
        tenantId: 't1',
        userId: 'u1',
        profileId: 'p1',
        symbol: 'BTC-USD',
        requestId,
      });
    await expect(close('c-1')).rejects.toMatchObject({ code: 'ORDER_NOT_SAVED' });
    const again = await close('c-1');
    if (again.kind !== 'placed') throw new Error(JSON.stringify(again));
    expect(s.storedIds().has(again.order.id)).toBe(true);
    expect(s.tables().positions.get('p1|BTC-USD')?.quantity).toBe('0');
  });

  it('a failure after the intent was saved restarts the tenant through reconciliation, never a phantom', async () => {
    const s = await setup();
    let tenantFailed = 0;
    s.h.engine.events.on('tenant_failed', () => tenantFailed++);
    // The intent commits, the venue fills, and the booking of that fill fails.
    s.journal.failNext((b) => b.fills.length > 0);
    await expect(s.buy('req-1')).rejects.toThrow(/0x00/);
    expect(tenantFailed).toBe(1);
    await expect(s.buy('req-1')).rejects.toMatchObject({ code: 'NOT_READY' });
    // What the supervisor does: restart the tenant, which asks the venue about the order in doubt.
    const report = await s.h.startTenant('t1', []);
    expect(report.ok).toBe(true);
    const again = await s.buy('req-1');
    if (again.kind !== 'placed') throw new Error(JSON.stringify(again));
    expect(s.storedIds().has(again.order.id)).toBe(true);
    expect(s.tables().orders.get(again.order.id)?.status).toBe('FILLED');
    expect(s.tables().positions.get('p1|BTC-USD')?.quantity).toBe('0.01');
    expect(s.h.exchange.account('t1').orders.size).toBe(1);
    for (const sum of transactionSums(s.tables().ledger).values()) expect(sum).toBe(0n);
  });

  it('strategy order: a failed save keeps the tenant trading and its next orders are stored', async () => {
    const s = await setup({
      strategy: 'sma-cross',
      params: { fastPeriod: 2, slowPeriod: 5, kind: 'sma' },
    } as never);
    s.journal.failNext(intentOf);
    let tenantFailed = 0;
    s.h.engine.events.on('tenant_failed', () => tenantFailed++);
    await s.h.run(6 * 3_600_000);
    expect(s.journal.failed).toBe(1);
    expect(tenantFailed).toBe(0);
    expect(s.h.engine.failureOf('t1')).toBeNull();
    // The strategy kept trading after the failed save, and every order it placed is stored.
    const stored = s.storedIds();
    expect(stored.size).toBeGreaterThan(2);
    const venueIds = [...s.h.exchange.account('t1').orders.keys()];
    for (const id of venueIds) expect(stored.has(id)).toBe(true);
    // And a person's order on the same profile and symbol goes through.
    const r = await s.buy('req-after');
    expect(r.kind === 'placed' || r.reasons.every((c) => c !== 'ORDER_IN_FLIGHT')).toBe(true);
  });
});
