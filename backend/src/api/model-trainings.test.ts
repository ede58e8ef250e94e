import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-harness.js';
import { call, eventually, mintToken } from '../../test-support/backend-harness.js';
import { simulatedCsv, uploadCsv } from '../../test-support/market-data.js';

const START = Date.UTC(2026, 2, 2);
const SETTINGS = {
  features: ['ret_1', 'ret_5', 'rsi_14'],
  horizon: 5,
  model: { kind: 'logistic' },
};

/** Training jobs through the API: queued on the research queue, trained on a worker thread. */
describe('model training jobs', () => {
  let api: TestApi;
  let admin: string;
  let alice: string;
  let globex: string;
  beforeAll(async () => {
    api = await startTestApi({ env: { BACKTEST_CUSTOMER_ENABLED: 'true' } });
    admin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
    alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    globex = await mintToken({ sub: 'u-globex-admin', tenant: 'globex', role: 'tenant_admin' });
    const up = await uploadCsv(api.app, {
      token: admin,
      csv: simulatedCsv({ start: START, count: 4_000 }),
      query: { symbol: 'BTC-USD', timeframe: '1m' },
    });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  });
  afterAll(() => api?.stop());

  const submit = (token: string, body: Record<string, unknown>) =>
    call(api, { method: 'POST', path: '/api/model-trainings', token, body });
  const finished = (id: string, token = admin) =>
    eventually(
      async () => {
        const r = await call(api, { path: `/api/model-trainings/${id}`, token });
        expect(r.status).toBe(200);
        expect(['succeeded', 'failed', 'cancelled']).toContain(r.body.status);
        return r.body;
      },
      60_000,
      100,
    );
  const stored = {
    symbol: 'BTC-USD',
    timeframe: '1m',
    source: { kind: 'stored', venue: 'csv' },
    candles: 3_000,
    settings: SETTINGS,
    validation: { kind: 'walk_forward', folds: 4 },
  };

  it('accepts with 202, trains a stored series on a worker and registers the version', async () => {
    const r = await submit(admin, stored);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({ status: 'queued', progress: 0, versionId: null });
    const job = await finished(r.body.id);
    expect(job, JSON.stringify(job)).toMatchObject({
      status: 'succeeded',
      progress: 1,
      errorCode: null,
    });
    // Per window and pooled, out of sample.
    expect(job.validation.windows).toHaveLength(4);
    for (const w of job.validation.windows) {
      expect(w.metrics.rows).toBeGreaterThan(0);
      expect(w.metrics.auc).toBeGreaterThanOrEqual(0);
      expect(w.metrics.calibration).toHaveLength(10);
      expect(Date.parse(w.testFrom)).toBeLessThan(Date.parse(w.testTo));
    }
    expect(job.validation.pooled.rows).toBe(
      job.validation.windows.reduce((n: number, w: any) => n + w.metrics.rows, 0),
    );
    // Every member of the tenant follows the job and sees the version's card.
    const seen = await call(api, { path: `/api/model-trainings/${job.id}`, token: alice });
    expect(seen.body.versionId).toBe(job.versionId);
    const version = await call(api, { path: `/api/models/${job.versionId}`, token: alice });
    expect(version.status).toBe(200);
    expect(version.body.window.trainRows).toBeGreaterThan(0);
    expect(version.body.backtest).not.toBeNull();
    // The stored series' last 3,000 candles: the window ends at its last candle.
    expect(Date.parse(version.body.window.to)).toBe(START + 3_999 * 60_000);
  });

  it('the same data, seed and settings give the same version through the job path', async () => {
    const boosted = {
      ...stored,
      settings: {
        ...SETTINGS,
        model: { kind: 'boosted-trees', trees: 20, subsample: 0.7 },
        seed: 7,
      },
    };
    const a = await finished((await submit(admin, boosted)).body.id);
    const b = await finished((await submit(admin, boosted)).body.id);
    expect(a.status).toBe('succeeded');
    expect(b.versionId).toBe(a.versionId);
    const reseeded = await finished(
      (await submit(admin, { ...boosted, settings: { ...boosted.settings, seed: 8 } })).body.id,
    );
    expect(reseeded.versionId).not.toBe(a.versionId);
    const list = await call(api, { path: '/api/models', token: admin });
    expect(list.body.items.filter((v: any) => v.id === a.versionId)).toHaveLength(1);
  });

  it("keeps tenants apart: another tenant's series, jobs and cancels are unknown", async () => {
    const mine = await submit(admin, stored);
    const refused = await submit(globex, stored);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(refused.body)).toContain('import them first');
    const peek = await call(api, { path: `/api/model-trainings/${mine.body.id}`, token: globex });
    expect(peek.status).toBe(404);
    const cancel = await call(api, {
      method: 'POST',
      path: `/api/model-trainings/${mine.body.id}/cancel`,
      token: globex,
    });
    expect(cancel.status).toBe(404);
    const list = await call(api, { path: '/api/model-trainings', token: globex });
    expect(list.body.items).toEqual([]);
    // Members may follow, only admins start or cancel.
    expect((await submit(alice, stored)).status).toBe(403);
    expect((await finished(mine.body.id)).status).toBe('succeeded');
  });

  it('fails with a code when the data cannot train the model', async () => {
    const r = await submit(admin, {
      ...stored,
      settings: { ...SETTINGS, horizon: 1000, embargo: 900 },
    });
    const job = await finished(r.body.id);
    expect(job).toMatchObject({
      status: 'failed',
      errorCode: 'TRAINING_DATA_TOO_SHORT',
      versionId: null,
    });
    expect(job.error).toMatch(/not enough candles/);
  });

  it('cancels a running job: it stops and registers nothing', async () => {
    const before = await call(api, { path: '/api/models', token: admin });
    const r = await submit(admin, {
      symbol: 'BTC-USD',
      timeframe: '1m',
      candles: 200_000,
      settings: { ...SETTINGS, model: { kind: 'boosted-trees', trees: 300, depth: 3 } },
      validation: { kind: 'purged_kfold', folds: 10 },
    });
    expect(r.status).toBe(202);
    await eventually(async () => {
      const j = await call(api, { path: `/api/model-trainings/${r.body.id}`, token: admin });
      expect(j.body.status).toBe('running');
    });
    const c = await call(api, {
      method: 'POST',
      path: `/api/model-trainings/${r.body.id}/cancel`,
      token: admin,
    });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('cancelled');
    // Idempotent, and it stays cancelled.
    const again = await call(api, {
      method: 'POST',
      path: `/api/model-trainings/${r.body.id}/cancel`,
      token: admin,
    });
    expect(again.body.status).toBe('cancelled');
    await new Promise((res) => setTimeout(res, 300));
    const after = await call(api, { path: `/api/model-trainings/${r.body.id}`, token: admin });
    expect(after.body).toMatchObject({ status: 'cancelled', versionId: null });
    const models = await call(api, { path: '/api/models', token: admin });
    expect(models.body.items).toHaveLength(before.body.items.length);
  });
});
