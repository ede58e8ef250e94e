import type { BacktestJob, BacktestTradesPage } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-harness.js';
import { call, mintToken } from '../../test-support/backend-harness.js';

/** A finished run's full trade list and curve through the API (embedded store). */
describe('backtest results API', () => {
  let api: TestApi;
  let admin: string;
  let otherTenant: string;
  let job: BacktestJob;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    otherTenant = await mintToken({ sub: 'u-admin', tenant: 'globex', role: 'operator' });
    const r = await call(api, {
      path: '/api/backtests',
      token: admin,
      body: {
        strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
        symbol: 'BTC-USD',
        candles: 20_000,
      },
    });
    expect(r.status).toBe(200);
    for (let i = 0; i < 600; i++) {
      job = (await call(api, { path: `/api/backtests/${r.body.id}`, token: admin })).body;
      if (job.status !== 'queued' && job.status !== 'running') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(job.status).toBe('done');
  }, 120_000);
  afterAll(() => api?.stop());

  it('pages the whole list with a total, and the CSV has the same rows', async () => {
    const ids: string[] = [];
    let cursor = '';
    let total: number;
    do {
      const r = await call(api, {
        path: `/api/backtests/${job.id}/trades?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        token: admin,
      });
      expect(r.status).toBe(200);
      const page = r.body as BacktestTradesPage;
      total = page.total;
      ids.push(...page.items.map((t) => `${t.seq}:${t.id}:${t.netPnl}`));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(total).toBe(job.summary?.trades);
    expect(total).toBeGreaterThan(200);
    expect(new Set(ids).size).toBe(total);
    const csv = await call(api, { path: `/api/backtests/${job.id}/trades.csv`, token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="${job.id}-trades.csv"`,
    );
    const rows = (csv.body as string).trim().split('\r\n');
    expect(rows[0]).toMatch(/^seq,id,symbol,side,quantity,/);
    expect(
      rows
        .slice(1)
        .map((l) => l.split(','))
        .map((f) => `${f[0]}:${f[1]}:${f[9]}`),
    ).toEqual(ids);
  });

  it('serves the curve at the asked resolution', async () => {
    const r = await call(api, { path: `/api/backtests/${job.id}/curve?points=200`, token: admin });
    expect(r.status).toBe(200);
    expect(r.body.complete).toBe(true);
    expect(r.body.points.length).toBeLessThanOrEqual(200);
    expect(r.body.stored).toBeGreaterThan(r.body.points.length);
    const fine = await call(api, {
      path: `/api/backtests/${job.id}/curve?points=5000`,
      token: admin,
    });
    expect(fine.body.points.length).toBeGreaterThan(r.body.points.length);
  });

  it("answers 404 to another tenant's caller on every results route", async () => {
    for (const path of ['trades', 'trades.csv', 'curve']) {
      const r = await call(api, { path: `/api/backtests/${job.id}/${path}`, token: otherTenant });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('refuses bad query params with 400 VALIDATION_FAILED', async () => {
    for (const q of [
      'trades?limit=0',
      'trades?limit=1001',
      'trades?limit=abc',
      'trades?cursor=bogus',
      'trades?tenantId=globex',
      'curve?points=1',
      'curve?points=10001',
    ]) {
      const r = await call(api, { path: `/api/backtests/${job.id}/${q}`, token: admin });
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('VALIDATION_FAILED');
    }
  });
});
