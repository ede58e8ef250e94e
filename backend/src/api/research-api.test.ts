import type { SearchJob, SearchTrial } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-harness.js';
import { call, mintToken } from '../../test-support/backend-harness.js';

const body = (over: Record<string, unknown> = {}) => ({
  base: { strategy: { strategy: 'sma-cross', params: {} }, symbol: 'BTC-USD', candles: 2_000 },
  space: { fastPeriod: { values: [5, 8] }, slowPeriod: { values: [20, 30] } },
  objective: 'sharpe',
  ...over,
});

/** Searches and comparisons through the API on the embedded store and in-process queue. */
describe('parameter search API', () => {
  let api: TestApi;
  let admin: string;
  let otherTenant: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    otherTenant = await mintToken({ sub: 'u-admin', tenant: 'globex', role: 'operator' });
  });
  afterAll(() => api?.stop());

  const waitDone = async (id: string): Promise<SearchJob> => {
    for (let i = 0; i < 300; i++) {
      const r = await call(api, { path: `/api/searches/${id}`, token: admin });
      if ((r.body as SearchJob).status !== 'running') return r.body as SearchJob;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('search did not finish');
  };

  it('runs a grid search to its best params, visible to its owner only', async () => {
    const r = await call(api, { path: '/api/searches', token: admin, body: body() });
    expect(r.status).toBe(200);
    const done = await waitDone((r.body as SearchJob).id);
    expect(done).toMatchObject({ status: 'done', totalTrials: 4, finishedTrials: 4 });
    const trials = (await call(api, { path: `/api/searches/${done.id}/trials`, token: admin })).body
      .items as SearchTrial[];
    expect(trials).toHaveLength(4);
    const best = [...trials].sort(
      (x, y) => (y.statistics?.sharpe ?? -Infinity) - (x.statistics?.sharpe ?? -Infinity),
    )[0];
    expect(done.best?.params).toEqual(best?.params);
    // Another tenant's caller (same user id) gets a 404, as for a missing search.
    const other = await call(api, { path: `/api/searches/${done.id}`, token: otherTenant });
    expect(other.status).toBe(404);
  });

  it('refuses unknown params, an invalid space and a search too large', async () => {
    const unknown = await call(api, {
      path: '/api/searches',
      token: admin,
      body: body({ space: { period: { values: [3] } } }),
    });
    expect(unknown.status).toBe(400);
    const none = await call(api, {
      path: '/api/searches',
      token: admin,
      body: body({ space: { fastPeriod: { values: [50] }, slowPeriod: { values: [20] } } }),
    });
    expect(none.status).toBe(400);
    const large = await call(api, {
      path: '/api/searches',
      token: admin,
      body: body({
        space: {
          fastPeriod: { min: 2, max: 100, step: 1 },
          slowPeriod: { min: 101, max: 130, step: 1 },
        },
      }),
    });
    expect(large.status).toBe(400);
    expect(large.body.error.message).toMatch(/at most 2000/);
    const stored = await call(api, {
      path: '/api/searches',
      token: admin,
      body: body({
        base: {
          strategy: { strategy: 'sma-cross', params: {} },
          symbol: 'BTC-USD',
          source: { kind: 'stored', venue: 'binance' },
        },
      }),
    });
    expect(stored.status).toBe(400);
  });

  it('limits running searches per user and cancels one', async () => {
    const big = body({
      base: { strategy: { strategy: 'sma-cross', params: {} }, symbol: 'BTC-USD', candles: 50_000 },
      space: { fastPeriod: { min: 2, max: 40, step: 1 } },
    });
    const first = await call(api, { path: '/api/searches', token: admin, body: big });
    const second = await call(api, { path: '/api/searches', token: admin, body: big });
    const third = await call(api, { path: '/api/searches', token: admin, body: big });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    for (const r of [first, second]) {
      const c = await call(api, {
        path: `/api/searches/${(r.body as SearchJob).id}/cancel`,
        token: admin,
        body: {},
      });
      expect(c.body.status).toBe('cancelled');
    }
    const again = await call(api, { path: '/api/searches', token: admin, body: big });
    expect(again.status).toBe(200);
    await call(api, { path: `/api/searches/${again.body.id}/cancel`, token: admin, body: {} });
  });

  it('compares two runs side by side', async () => {
    const ids: string[] = [];
    for (const strategy of ['sma-cross', 'rsi-reversion']) {
      const r = await call(api, {
        path: '/api/backtests',
        token: admin,
        body: { strategy: { strategy, params: {} }, symbol: 'BTC-USD', candles: 1_000 },
      });
      ids.push(r.body.id);
    }
    const r = await call(api, {
      path: `/api/backtest-comparisons?ids=${ids.join(',')}`,
      token: admin,
    });
    expect(r.status).toBe(200);
    expect(r.body.runs.map((x: { id: string }) => x.id)).toEqual(ids);
    expect(r.body.runs[1].request.strategy.strategy).toBe('rsi-reversion');
    const one = await call(api, { path: `/api/backtest-comparisons?ids=${ids[0]}`, token: admin });
    expect(one.status).toBe(400);
    const foreign = await call(api, {
      path: `/api/backtest-comparisons?ids=${ids.join(',')}`,
      token: otherTenant,
    });
    expect(foreign.status).toBe(404);
  });
});
