import { ModelStrategyParams, TrainingSettings } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';
import { generateBarColumns } from '../adapters/market/generate-bars.js';
import { DEFAULT_SIM_INSTRUMENTS } from '../adapters/market/instruments.js';
import { trainModel } from '../domain/models/model.js';
import type { ModelVersionState } from '../domain/strategies/model-strategy.js';
import { TestClock } from '../ports/clock.js';
import { InMemoryJournal } from './in-memory-journal.js';

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');

/** A drift trip is kept with the profile version that tripped: a restart does not clear it. */
describe('a drifted model profile across a restart', () => {
  const model = trainModel(
    generateBarColumns({
      seed: 3,
      instrument: btc,
      timeframe: '1m',
      count: 3_000,
      startTime: Date.UTC(2025, 11, 1),
    }),
    TrainingSettings.parse({
      features: ['ret_1', 'vol_20'],
      horizon: 5,
      model: { kind: 'logistic' },
    }),
  );
  const state: ModelVersionState = {
    version: 'mv-1',
    tenantId: 'acme',
    model,
    disabledReason: null,
    approvedAt: null,
  };
  const models = { model: (v: string) => (v === 'mv-1' ? state : undefined) };
  // A bound no live window stays under: the watch trips once its first window is full.
  const profile = makeProfile({
    id: 'p-ml',
    tenantId: 'acme',
    strategy: {
      strategy: 'model',
      params: ModelStrategyParams.parse({
        modelVersion: 'mv-1',
        driftWindow: 50,
        driftPsiMax: 1e-6,
      }),
    },
  });
  const drifted = (h: ReturnType<typeof createHarness>) =>
    JSON.stringify(h.engine.verdictFor('acme', 'p-ml')).includes('MODEL_DRIFT');

  it('stays reduce-only with its reason until the profile is saved again', async () => {
    const journal = new InMemoryJournal();
    const clock = new TestClock(Date.UTC(2026, 0, 5));
    const first = createHarness({ journal, clock, models });
    await first.startTenant('acme', [profile]);
    expect(drifted(first)).toBe(false);
    await first.run(90 * 60_000);
    expect(drifted(first)).toBe(true);
    const alerts = journal.tables('acme').alerts.filter((a) => a.code === 'MODEL_DRIFT');
    expect(alerts).toHaveLength(1);
    await first.engine.stop();

    // A new process over the same journal: the watch is empty, the trip is not forgotten.
    const second = createHarness({ journal, clock, models });
    await second.startTenant('acme', [profile], 2);
    expect(drifted(second)).toBe(true);
    expect(JSON.stringify(second.engine.verdictFor('acme', 'p-ml'))).toContain('MODEL_DRIFT');
    await second.run(15 * 60_000);
    // Not alerted again, and no entry after the restart.
    expect(journal.tables('acme').alerts.filter((a) => a.code === 'MODEL_DRIFT')).toHaveLength(1);
    const restartAt = Date.UTC(2026, 0, 5) + 90 * 60_000;
    const enters = journal
      .tables('acme')
      .decisions.filter((d) => d.action === 'ENTER' && Date.parse(d.candleTime) > restartAt);
    expect(enters).toEqual([]);
    // Saving the profile (a new version, after someone looked) starts the watch afresh.
    second.engine.upsertProfile({ ...profile, version: profile.version + 1 });
    expect(drifted(second)).toBe(false);
    await second.engine.stop();
  }, 60_000);
});
