import { describe, expect, it } from 'vitest';
import { type PaperAccount, PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { transactionSums } from '../domain/ledger/ledger.js';
import { parseFixed } from '../domain/money/fixed.js';
import { TestClock } from '../ports/clock.js';
import type { ExecutionReport, SubmitOrderRequest, VenueOrder } from '../ports/execution-client.js';
import type { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { HARNESS_START, createHarness } from '../../test-support/engine/harness.js';

/**
 * A venue whose push reports arrive `hops` microtasks after the event, like a socket feed. With
 * `ackOnly`, the submit call answers with a bare acknowledgement (no fill yet), as venues that
 * stream executions do: then the fills are known from the reports alone.
 */
class LateReportExchange extends PaperExchange {
  hops = 0;
  ackOnly = false;
  override report(a: PaperAccount, report: ExecutionReport): void {
    let p = Promise.resolve();
    for (let i = 0; i < this.hops; i++) p = p.then(() => undefined);
    void p.then(() => super.report(a, report));
  }
  override submit(a: PaperAccount, req: SubmitOrderRequest): VenueOrder {
    const answer = super.submit(a, req);
    return this.ackOnly
      ? { ...answer, status: 'SUBMITTED', filledQuantity: '0', averageFillPrice: null }
      : answer;
  }
}

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

describe('venue reports that arrive while a step is sending orders', () => {
  // Each hop count lands the reports at a different point of the order step: before the venue's
  // answer, between the answer and the step's drain, during the drain, after it, after the step.
  it.each(
    [false, true].flatMap((ackOnly) =>
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20].map((hops) => ({ ackOnly, hops })),
    ),
  )(
    'reports $hops microtasks late (answer is only an ack: $ackOnly): every fill booked once, books equal the venue',
    async ({ ackOnly, hops }) => {
      const clock = new TestClock(HARNESS_START);
      const btc = DEFAULT_SIM_INSTRUMENTS.filter((i) => i.symbol === 'BTC-USD');
      const exchange = new LateReportExchange({
        clock,
        instruments: btc.map(toContractInstrument),
        latencyMs: 0,
        marketFillParts: 3,
      });
      const h = createHarness({ seed: 3, clock, exchange });
      const report = await h.startTenant('t1', [
        makeProfile({ id: 'p1', tenantId: 't1', strategy: quiet }),
      ]);
      expect(report.ok).toBe(true);
      await h.run(3 * 60_000);
      exchange.hops = hops;
      exchange.ackOnly = ackOnly;
      for (let i = 0; i < 3; i++) {
        const r = await h.engine.submitManualOrder({
          tenantId: 't1',
          userId: 'u1',
          requestId: `req-${i}`,
          body: {
            profileId: 'p1',
            symbol: 'BTC-USD',
            side: 'BUY',
            type: 'MARKET',
            quantity: '0.02',
            reduceOnly: false,
          },
        });
        expect(r.kind, JSON.stringify(r)).toBe('placed');
        // Let the late reports land and be drained: with a bare ack the order is in flight until
        // then, and the next order for the symbol would be refused (ORDER_IN_FLIGHT).
        for (let k = 0; k < hops + 3; k++) await Promise.resolve();
        await h.engine.idle();
      }
      await h.run(60_000);
      await h.engine.idle();
      const t = (h.journal as InMemoryJournal).tables('t1');
      const venue = exchange.account('t1');
      expect(t.fills.size).toBe(venue.fills.length);
      expect(parseFixed(t.positions.get('p1|BTC-USD')?.quantity ?? '0')).toBe(
        venue.positions.get('BTC-USD'),
      );
      for (const o of t.orders.values()) expect(o.status).toBe('FILLED');
      for (const sum of transactionSums(t.ledger).values()) expect(sum).toBe(0n);
      await h.engine.stop();
    },
  );
});
