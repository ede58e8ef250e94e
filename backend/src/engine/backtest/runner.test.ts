import { describe, expect, it } from 'vitest';
import { generateBarColumns } from '../../adapters/market/generate-bars.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../../adapters/market/instruments.js';
import { makeProfile } from '../../../test-support/engine/fixtures.js';
import { paperBacktest } from '../../compose/paper-backtest.js';

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');

describe('backtest runner', () => {
  // Persistence off skips building records, never a decision: the drawdown peak, stops, cooldowns
  // and halts must come out the same, or the fast mode would measure (and report) another strategy.
  it('decides exactly the same with persistence off as with every record kept', async () => {
    const series = generateBarColumns({
      seed: 3,
      instrument: btc,
      timeframe: '1m',
      count: 200_000,
      startTime: Date.UTC(2022, 0, 3),
    });
    const run = (persistence: 'memory' | 'off') =>
      paperBacktest({
        series: [series],
        instruments: [toContractInstrument(btc)],
        profiles: [
          makeProfile({
            id: 'bt',
            tenantId: 'backtest',
            strategy: {
              strategy: 'sma-cross',
              params: { fastPeriod: 10, slowPeriod: 30, kind: 'sma' },
            },
            capital: '10000',
          }),
        ],
        persistence,
        equityEvery: 500,
      });
    const kept = await run('memory');
    const off = await run('off');
    // The window covers a stop-loss, a cooldown and a drawdown halt, all of which read the peak.
    const alerts = kept.journal?.tables('backtest').alerts.map((a) => a.code) ?? [];
    expect(alerts).toContain('MAX_DRAWDOWN_HALT');
    // Persistence off still hands the run's alerts to the caller (the service reports the halt).
    expect(off.alerts.map((a) => a.code)).toEqual(alerts);
    expect(kept.stats.decisions.BLOCKED).toBeGreaterThan(0);
    expect({ ...off.stats, commits: 0 }).toEqual({ ...kept.stats, commits: 0 });
    // The figures every decision goes through the full step for (checked with the repeat fast
    // path switched off, on the calibrated price path): skipping the step changes no outcome.
    expect(kept.stats.decisions).toEqual({
      ENTER: 323,
      EXIT: 322,
      HOLD: 18_036,
      BLOCKED: 181_319,
      SKIPPED: 0,
    });
    expect(kept.finalEquity).toEqual({ bt: '6927.45696769' });
    expect(off.finalEquity).toEqual(kept.finalEquity);
    expect(off.trades).toEqual(kept.trades);
    expect(off.equityCurve).toEqual(kept.equityCurve);

    // After the halt the position sits past its stop: every candle is a block, but a block is
    // recorded once and counted while it repeats (again only after the price left the stop).
    const recorded = [...(kept.journal?.tables('backtest').decisions.values() ?? [])];
    const blocked = recorded.filter((d) => d.action === 'BLOCKED');
    const haltedStop = blocked.filter(
      (d) =>
        d.controlReasons.includes('PROFILE_HALTED') &&
        d.reasons.some((r) => r.code === 'STOP_LOSS'),
    );
    expect(haltedStop.length).toBeGreaterThan(0);
    expect(haltedStop.length).toBeLessThan(100);
    expect(blocked.length).toBeLessThan(kept.stats.decisions.BLOCKED / 100);
  }, 60_000);
});
