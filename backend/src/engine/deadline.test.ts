import { AppError } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import type { InMemoryJournal } from './in-memory-journal.js';
import type { SendGate } from './order-flow.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

/** A gate whose deadline passes while the order's intent is being committed. */
const passesDuringCommit = (): SendGate => ({ expired: false, proceed: () => false });

describe('an order whose deadline passed before its intent committed', () => {
  it('is recorded as not sent (REJECTED DEADLINE_PASSED), never reaches the venue, and the tenant trades on', async () => {
    const h = createHarness({ seed: 3 });
    await h.startTenant('t1', [makeProfile({ id: 'p1', tenantId: 't1', strategy: quiet })]);
    await h.run(3 * 60_000);
    const body = {
      profileId: 'p1',
      symbol: 'BTC-USD',
      side: 'BUY' as const,
      type: 'MARKET' as const,
      quantity: '0.01',
      reduceOnly: false,
    };
    const err = await h.engine
      .submitManualOrder({
        tenantId: 't1',
        userId: 'u1',
        requestId: 'late',
        body,
        gate: passesDuringCommit(),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('ORDER_DEADLINE_PASSED');
    expect(h.exchange.account('t1').orders.size).toBe(0);
    const orders = [...(h.journal as InMemoryJournal).tables('t1').orders.values()];
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'REJECTED', rejectReason: 'DEADLINE_PASSED' });
    // Not a loop failure: the next order, in time, goes out.
    const ok = await h.engine.submitManualOrder({
      tenantId: 't1',
      userId: 'u1',
      requestId: 'ok',
      body,
    });
    expect(ok.kind).toBe('placed');
    expect(h.exchange.account('t1').orders.size).toBe(1);
  });

  it('an already expired deadline writes nothing at all', async () => {
    const h = createHarness({ seed: 3 });
    await h.startTenant('t1', [makeProfile({ id: 'p1', tenantId: 't1', strategy: quiet })]);
    await h.run(3 * 60_000);
    const err = await h.engine
      .submitManualOrder({
        tenantId: 't1',
        userId: 'u1',
        requestId: 'expired',
        body: {
          profileId: 'p1',
          symbol: 'BTC-USD',
          side: 'BUY',
          type: 'MARKET',
          quantity: '0.01',
          reduceOnly: false,
        },
        gate: { expired: true, proceed: () => false },
      })
      .catch((e: unknown) => e);
    expect((err as AppError).code).toBe('ORDER_DEADLINE_PASSED');
    expect((h.journal as InMemoryJournal).tables('t1').orders.size).toBe(0);
  });
});
