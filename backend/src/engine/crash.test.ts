import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { mulberry32 } from '../domain/random/prng.js';
import { TestClock } from '../ports/clock.js';
import { testEnv } from '../../test-support/env.js';
import { type ParentMessage, serveCall } from '../../test-support/engine/ipc-protocol.js';
import {
  CRASH_START,
  type CrashWorld,
  createCrashWorld,
} from '../../test-support/engine/crash-harness.js';

const KILLS = 50;
const btc = DEFAULT_SIM_INSTRUMENTS[0]!;
let world: CrashWorld | null = null;
afterAll(async () => {
  await world?.dispose();
});

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random points: one venue order per client order id, books equal the venue, ledger balanced`, async () => {
    const clock = new TestClock(CRASH_START);
    const exchange = new PaperExchange({
      clock,
      instruments: [toContractInstrument(btc)],
      marketFillParts: 2,
    });
    const venue = exchange.client('t1');
    const w = await createCrashWorld({
      name: 'crash',
      clock,
      onBar: (bar) => exchange.setPrice('BTC-USD', bar.close),
    });
    world = w;
    const submits = new Map<string, number>();
    let child: ChildProcess | null = null;
    venue.onReport((report) => {
      if (child?.connected) child.send({ t: 'report', report } satisfies ParentMessage);
    });
    const rand = mulberry32(2024);
    const life = (killAfter: number | null, serveThenKill: boolean, bars?: number) =>
      w.life({
        killAfter,
        serveThenKill,
        ...(bars === undefined ? {} : { bars }),
        onStart: (c) => (child = c),
        onCall: (m) => {
          if (m.method === 'submitOrder') {
            const id = (m.args[0] as { clientOrderId: string }).clientOrderId;
            submits.set(id, (submits.get(id) ?? 0) + 1);
          }
          return serveCall(venue, m);
        },
      });

    for (let k = 0; k < KILLS; k++) {
      await life(1 + Math.floor(rand() * 40), rand() < 0.5);
    }
    await life(null, false, 30);

    // At most one venue order per client order id, and the engine never even tried twice.
    expect([...submits.values()].every((n) => n === 1)).toBe(true);
    expect(submits.size).toBeGreaterThan(10);
    const account = exchange.account('t1');
    expect(account.orders.size).toBe(submits.size);

    const { recovered } = w;
    console.info(
      `crash test: ${KILLS} kills, ${submits.size} orders, ${account.fills.length} fills; recovery settled ${recovered.settled} orders in doubt (${recovered.fills} missed fills applied, ${recovered.neverArrived} never arrived); ${testEnv.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
    );
    // The books equal the venue: position, no order left in doubt, every fill booked once.
    expect(await w.booksFacts()).toEqual({
      position: account.positions.get('BTC-USD') ?? 0n,
      inDoubt: 0,
      unbalanced: 0,
      fills: account.fills.length,
    });
    // The kills did land inside the dangerous windows (between saving and booking an order).
    expect(recovered.settled).toBeGreaterThan(0);
  }, 600_000);
});
