import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../domain/random/prng.js';
import { TestClock, systemClock } from '../ports/clock.js';
import { LocalBinance } from '../../test-support/local-binance/local-binance.js';
import { testEnv } from '../../test-support/env.js';
import {
  CRASH_START,
  type CrashWorld,
  createCrashWorld,
} from '../../test-support/engine/crash-harness.js';

/**
 * The crash test against a real venue protocol: the child engine trades through ccxt's `binance`
 * class over HTTP to the local exchange, which lives in this process and outlives every kill.
 * Kills land at random moments, and on purpose inside an order's round trip: after the order
 * landed at the exchange with its answer lost, and before it landed with the request lost.
 */
const KILLS = 24;
const ORDER = 'POST /api/v3/order';
let world: CrashWorld | null = null;
let lb: LocalBinance | null = null;
afterAll(async () => {
  await lb?.close();
  await world?.dispose();
});

type KillMode = 'at-random-time' | 'order-landed-answer-lost' | 'order-request-lost';

describe('crash safety on the local exchange (ccxt over HTTP)', () => {
  it(`survives ${KILLS} SIGKILLs, some inside an order's round trip: one order per client order id at the exchange, books equal the exchange, ledger balanced`, async () => {
    const clock = new TestClock(CRASH_START);
    const exchange = new LocalBinance({
      clock,
      authClock: systemClock,
      livePrices: false,
      pumpMs: 0,
    });
    lb = exchange;
    const url = await exchange.listen();
    const keys = {
      apiKey: `crash-key-${'k'.repeat(24)}`,
      secret: `crash-secret-${'s'.repeat(24)}`,
    };
    exchange.addAccount({ ...keys, accountId: 'acct-crash' });
    const w = await createCrashWorld({
      name: 'crash_venue',
      clock,
      onBar: (bar) => exchange.setPrice('BTC-USD', bar.close),
      venue: { url, ...keys },
    });
    world = w;
    const rand = mulberry32(77);
    const modes: Record<KillMode, number> = {
      'at-random-time': 0,
      'order-landed-answer-lost': 0,
      'order-request-lost': 0,
    };
    const orderPosts = () =>
      exchange.requests.filter((r) => `${r.method} ${r.path}` === ORDER).length;

    /** Kills the child at a random moment, or as soon as its next order meets the fault. */
    const killer = (mode: KillMode) => (c: ChildProcess) => {
      const timers: NodeJS.Timeout[] = [];
      const kill = () => {
        for (const t of timers) clearTimeout(t);
        if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      };
      if (mode === 'at-random-time') {
        timers.push(setTimeout(kill, 300 + rand() * 2_500));
        return;
      }
      const fault = mode === 'order-landed-answer-lost' ? 'drop-after' : 'drop-before';
      exchange.injectFault(ORDER, fault);
      const before = orderPosts();
      // The log entry is written before the request is handled; the order lands within a tick.
      const watch = setInterval(() => {
        if (orderPosts() > before) {
          clearInterval(watch);
          timers.push(setTimeout(kill, 20));
        }
      }, 2);
      timers.push(watch, setTimeout(kill, 5_000));
    };

    for (let k = 0; k < KILLS; k++) {
      const r = rand();
      const mode: KillMode =
        r < 0.4 ? 'at-random-time' : r < 0.7 ? 'order-landed-answer-lost' : 'order-request-lost';
      modes[mode]++;
      await w.life({ killAfter: null, onStart: killer(mode) });
      exchange.clearFaults();
    }
    await w.life({ killAfter: null, bars: 30 });

    // One order POST per client order id: no order was ever sent twice, even after a lost answer.
    const perClientId = new Map<string, number>();
    for (const r of exchange.requests)
      if (`${r.method} ${r.path}` === ORDER && r.clientOrderId)
        perClientId.set(r.clientOrderId, (perClientId.get(r.clientOrderId) ?? 0) + 1);
    expect([...perClientId.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(perClientId.size).toBeGreaterThan(10);
    // Only this tenant's key was ever used on signed calls.
    expect(new Set(exchange.requests.flatMap((r) => (r.apiKey ? [r.apiKey] : [])))).toEqual(
      new Set([keys.apiKey]),
    );

    const account = exchange.exchange.account('acct-crash');
    const { recovered } = w;
    console.info(
      `crash test (local exchange): ${KILLS} kills (${JSON.stringify(modes)}), ${perClientId.size} order POSTs, ${account.orders.size} orders and ${account.fills.length} fills at the exchange; recovery settled ${recovered.settled} orders in doubt (${recovered.fills} missed fills applied, ${recovered.neverArrived} never arrived); ${testEnv.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
    );
    // The books equal the exchange: position, no order left in doubt, every fill booked once.
    expect(await w.booksFacts()).toEqual({
      position: account.positions.get('BTC-USD') ?? 0n,
      inDoubt: 0,
      unbalanced: 0,
      fills: account.fills.length,
    });
    // Kills did land inside the dangerous windows: orders in doubt were settled at restart.
    expect(recovered.settled).toBeGreaterThan(0);
  }, 600_000);
});
