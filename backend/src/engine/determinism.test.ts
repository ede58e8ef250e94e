import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateBarColumns } from '../adapters/market/generate-bars.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { paperBacktest } from '../compose/paper-backtest.js';
import type { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

async function liveRun(seed: number): Promise<string> {
  const h = createHarness({
    seed,
    symbols: ['BTC-USD', 'ETH-USD'],
    config: { persistHoldDecisions: true },
  });
  await h.startTenant('t1', [
    makeProfile({
      id: 'sma',
      tenantId: 't1',
      symbols: ['BTC-USD', 'ETH-USD'],
      strategy: { strategy: 'sma-cross', params: { fastPeriod: 3, slowPeriod: 8, kind: 'ema' } },
    }),
    makeProfile({
      id: 'rsi',
      tenantId: 't1',
      symbols: ['ETH-USD'],
      timeframe: '5m',
      strategy: { strategy: 'rsi-reversion', params: { period: 5, oversold: 35, overbought: 65 } },
    }),
  ]);
  await h.run(4 * 3_600_000);
  const t = (h.journal as InMemoryJournal).tables('t1');
  return [...t.decisions, ...t.orders.values(), ...t.fills.values(), ...t.ledger]
    .map((x) => JSON.stringify(x))
    .join('\n');
}

describe('determinism', () => {
  it('the same seed and config give byte-identical decision logs (live pipeline on a test clock)', async () => {
    const a = await liveRun(99);
    const b = await liveRun(99);
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.split('\n').filter((l) => l.includes('"action":"ENTER"')).length).toBeGreaterThan(0);
    expect(createHash('sha256').update(a).digest('hex')).toBe(
      createHash('sha256').update(b).digest('hex'),
    );
    expect(await liveRun(100)).not.toBe(a);
  });

  it('a backtest replays to identical decisions, trades and equity', async () => {
    const btc = DEFAULT_SIM_INSTRUMENTS[0]!;
    const run = () =>
      paperBacktest({
        series: [
          generateBarColumns({
            seed: 1,
            instrument: btc,
            timeframe: '1m',
            count: 20_000,
            startTime: Date.UTC(2025, 0, 1),
          }),
        ],
        instruments: [toContractInstrument(btc)],
        profiles: [
          makeProfile({
            id: 'b',
            tenantId: 'x',
            strategy: {
              strategy: 'donchian-breakout',
              params: { entryPeriod: 30, exitPeriod: 15 },
            },
          }),
        ],
        persistence: 'memory',
      });
    const [a, b] = [await run(), await run()];
    expect(a.trades.length).toBeGreaterThan(5);
    expect(JSON.stringify(a.journal?.tables('backtest').decisions)).toBe(
      JSON.stringify(b.journal?.tables('backtest').decisions),
    );
    expect(a.trades).toEqual(b.trades);
    expect(a.equityCurve).toEqual(b.equityCurve);
  });
});
