import { TrainingSettings } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-harness.js';
import { call, eventually, mintToken } from '../../test-support/backend-harness.js';
import { trainModel } from '../domain/models/model.js';

/** A ten-candle-a-minute walk is enough to fit a model; the point here is who may name it. */
function candles(n: number) {
  const cols = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= 1 + Math.sin(i * 0.37) * 0.001;
    cols.time[i] = i * 60_000;
    cols.open[i] = o;
    cols.close[i] = p;
    cols.high[i] = Math.max(o, p) * 1.0005;
    cols.low[i] = Math.min(o, p) * 0.9995;
    cols.volume[i] = 1 + (i % 7);
  }
  return cols;
}

describe('profiles on a model strategy', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const model = trainModel(
      candles(2_000),
      TrainingSettings.parse({ features: ['ret_1', 'rsi_14'], model: { kind: 'logistic' } }),
    );
    api.backend.models.put({
      version: 'acme-m1',
      tenantId: 'acme',
      model,
      disabledReason: null,
      approvedAt: null,
    });
    api.backend.models.put({
      version: 'globex-m1',
      tenantId: 'globex',
      model,
      disabledReason: null,
      approvedAt: null,
    });
  });
  afterAll(() => api?.stop());

  const create = async (modelVersion: string) =>
    call(api, {
      method: 'POST',
      path: '/api/profiles',
      token: await mintToken({ sub: 'u-alice', tenant: 'acme' }),
      body: {
        name: `model ${modelVersion}`,
        symbols: ['BTC-USD'],
        timeframe: '1m',
        strategy: { strategy: 'model', params: { modelVersion, enterAbove: 0.6, exitBelow: 0.5 } },
        capitalAllocation: '1000',
        enabled: false,
      },
    });

  it('accepts its own tenant model version', async () => {
    const r = await create('acme-m1');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.strategy).toMatchObject({
      strategy: 'model',
      params: { modelVersion: 'acme-m1' },
    });
  });

  it("refuses an unknown version and another tenant's alike", async () => {
    for (const version of ['nope-m9', 'globex-m1']) {
      const r = await create(version);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.requestId.length).toBeGreaterThan(0);
      expect(r.body.error.details.issues[0].path).toBe('body.strategy.params.modelVersion');
    }
  });
});

describe('the model registry over the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.stop());

  it('a tenant admin trains a version; its tenant reads it, another tenant cannot; the kill switch is audited', async () => {
    const admin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const globex = await mintToken({
      sub: 'u-globex-admin',
      tenant: 'globex',
      role: 'tenant_admin',
    });
    const body = {
      symbol: 'BTC-USD',
      candles: 3_000,
      settings: { features: ['ret_1', 'ret_5', 'rsi_14'], horizon: 5, model: { kind: 'logistic' } },
    };
    expect(
      (await call(api, { method: 'POST', path: '/api/models', token: alice, body })).status,
    ).toBe(403);
    const trained = await call(api, { method: 'POST', path: '/api/models', token: admin, body });
    expect(trained.status, JSON.stringify(trained.body)).toBe(200);
    const v = trained.body as {
      id: string;
      checksum: string;
      metrics: { outOfSample: { rows: number } };
    };
    expect(v.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(v.metrics.outOfSample.rows).toBeGreaterThan(0);

    const mine = await call(api, { path: '/api/models', token: alice });
    expect(mine.body.items.map((m: { id: string }) => m.id)).toEqual([v.id]);
    expect((await call(api, { path: '/api/models', token: globex })).body.items).toEqual([]);
    expect((await call(api, { path: `/api/models/${v.id}`, token: globex })).status).toBe(404);

    const off = await call(api, {
      method: 'POST',
      path: `/api/models/${v.id}/disable`,
      token: admin,
      body: { reason: 'drift past the bound' },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({
      disabledBy: 'u-acme-admin',
      disabledReason: 'drift past the bound',
    });
    expect(api.backend.models.forTenant('acme', v.id)?.disabledReason).toBe('drift past the bound');
    const audit = await call(api, { path: '/api/admin/audit', token: admin });
    const actions = (audit.body.items as { action: string; target: string }[])
      .filter((a) => a.target === `model:${v.id}`)
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(['model.disable', 'model.train']);
  });
});

describe('approval, the card and backtests of a version', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.stop());

  const train = async (token: string, seed: number) => {
    const r = await call(api, {
      method: 'POST',
      path: '/api/models',
      token,
      body: {
        symbol: 'BTC-USD',
        candles: 4_000,
        settings: {
          features: ['ret_1', 'ret_5', 'rsi_14', 'channel_pos_20'],
          horizon: 5,
          seed,
          model: { kind: 'boosted-trees', trees: 10, depth: 2, subsample: 0.8 },
        },
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as {
      id: string;
      window: { to: string };
      importance: number[] | null;
      backtest: {
        from: string;
        candles: number;
        statistics: { totalReturnPct: number; trades: number };
        equity: { at: number; equity: number }[];
      } | null;
    };
  };

  it('a version carries its card: importance per feature and an out-of-sample backtest', async () => {
    const admin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
    const v = await train(admin, 1);
    expect(v.importance).toHaveLength(4);
    for (const x of v.importance ?? []) expect(x).toBeGreaterThanOrEqual(0);
    expect(v.backtest).not.toBeNull();
    // The card trades the test stretch only: from the first test candle to the window's end.
    expect(v.backtest?.candles).toBeGreaterThan(500);
    expect(v.backtest?.candles).toBeLessThan(4_000 * 0.31);
    expect(Date.parse(v.backtest?.from ?? '')).toBeLessThan(Date.parse(v.window.to));
    expect(v.backtest?.equity.length).toBeGreaterThan(10);
    // Read back from the store, the card is the same.
    const again = await call(api, { path: `/api/models/${v.id}`, token: admin });
    expect(again.body.backtest).toEqual(v.backtest);
  });

  it('a tenant admin approves once, audited; a switched-off version cannot be approved', async () => {
    const admin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const v = await train(admin, 2);
    const approve = (token: string, id = v.id) =>
      call(api, {
        method: 'POST',
        path: `/api/models/${id}/approve`,
        token,
        body: { note: 'card reviewed: OOS AUC and drawdown acceptable' },
      });
    expect((await approve(alice)).status).toBe(403);
    const ok = await approve(admin);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      approvedBy: 'u-acme-admin',
      approvalNote: 'card reviewed: OOS AUC and drawdown acceptable',
    });
    expect(api.backend.models.forTenant('acme', v.id)?.approvedAt).toBe(
      Date.parse(ok.body.approvedAt),
    );
    // A second approval keeps the first record.
    expect((await approve(admin)).body.approvedAt).toBe(ok.body.approvedAt);

    const other = await train(admin, 3);
    await call(api, {
      method: 'POST',
      path: `/api/models/${other.id}/disable`,
      token: admin,
      body: { reason: 'superseded' },
    });
    const refused = await approve(admin, other.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');

    const audit = await call(api, { path: '/api/admin/audit', token: admin });
    const approvals = (audit.body.items as { action: string; target: string }[]).filter(
      (a) => a.action === 'model.approve',
    );
    expect(approvals.map((a) => a.target)).toEqual([`model:${v.id}`]);
  });

  it("backtests a version through the API; another tenant's version is unknown", async () => {
    const admin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
    const operator = await mintToken({ sub: 'u-op', tenant: 'acme', role: 'operator' });
    const globexOp = await mintToken({ sub: 'u-op2', tenant: 'globex', role: 'operator' });
    const v = await train(admin, 4);
    const body = {
      strategy: {
        strategy: 'model',
        params: { modelVersion: v.id, enterAbove: 0.5, exitBelow: 0.5 },
      },
      symbol: 'BTC-USD',
      candles: 5_000,
    };
    const foreign = await call(api, { path: '/api/backtests', token: globexOp, body });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.issues[0].path).toBe('body.strategy.params.modelVersion');
    const started = await call(api, { path: '/api/backtests', token: operator, body });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const done = await eventually(
      async () => {
        const r = await call(api, { path: `/api/backtests/${started.body.id}`, token: operator });
        expect(r.body.status).toBe('done');
        return r.body;
      },
      60_000,
      200,
    );
    // The model decided: it entered (the worker held the version, not MODEL_UNAVAILABLE).
    expect(done.summary.decisions.ENTER).toBeGreaterThan(0);
  });
});
