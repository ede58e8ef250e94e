import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktestRequest } from '@bytelyst/trading-contracts';
import type { Store } from '../../ports/store.js';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import { SqlBacktestResultStore } from '../../adapters/store/repo-backtest-results.js';
import type { SqlStore } from '../../adapters/store/sql-store.js';
import { BacktestService, type BacktestServiceOptions } from './backtest-service.js';

const request = BacktestRequest.parse({
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 10, slowPeriod: 30 } },
  symbol: 'BTC-USD',
  candles: 50_000,
  risk: {
    maxPositionNotional: '5000',
    maxOrderNotional: '5000',
    maxOpenPositions: 3,
    maxDailyLoss: '100000',
    maxDrawdownPct: '0.9',
    cooldownAfterLossMs: 0,
    stopLossPct: null,
    takeProfitPct: null,
    staleMarketDataMs: 15000,
  },
});
const big = BacktestRequest.parse({ ...request, candles: 2_000_000 });
const small = BacktestRequest.parse({ ...request, candles: 20_000 });

const waitFor = async (what: string, check: () => Promise<boolean>): Promise<void> => {
  const until = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(testStores())('backtest jobs on %s', (driver) => {
  let t: TestStore;
  let store: Store;
  const services: BacktestService[] = [];
  beforeAll(async () => {
    t = await createTestStore(driver);
    store = t.store;
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
    await t?.cleanup();
  });

  /** A fresh tenant with one user, so tests never share jobs or limits. */
  const newOwner = async () => {
    const tenantId = uniqueId('bt');
    await store.ensureTenant({ id: tenantId, name: tenantId });
    return { tenantId, userId: 'u-alice' };
  };
  const service = async (o: Partial<BacktestServiceOptions> = {}) => {
    const s = new BacktestService({
      logger: pino({ level: 'silent' }),
      store,
      results: new SqlBacktestResultStore((store as SqlStore).sql),
      instanceId: uniqueId('instance'),
      ...o,
    });
    await s.start();
    services.push(s);
    return s;
  };

  it('runs in a worker with progress, and the same request gives the same result', async () => {
    const owner = await newOwner();
    const s = await service();
    const a = await s.submit(owner, request);
    const b = await s.submit(owner, request);
    expect(a.status).toBe('running');
    expect(b.status).toBe('queued');
    await s.idle();
    const ra = await s.get(owner, a.id);
    const rb = await s.get(owner, b.id);
    expect(ra.status).toBe('done');
    expect(ra.progress).toBe(1);
    expect(ra.summary?.candles).toBe(50_000);
    expect(ra.summary?.trades).toBeGreaterThan(0);
    // The statistics and the stored settings come back with the run.
    expect(ra.request.settings?.fillRule).toBe('next_open');
    expect(ra.summary?.statistics?.trades).toBe(ra.summary?.trades);
    expect(ra.summary?.statistics?.maxDrawdown.pct).toBeCloseTo(
      ra.summary?.maxDrawdownPct ?? -1,
      6,
    );
    expect(ra.equityCurve.length).toBeGreaterThan(10);
    expect(ra.equityCurve.length).toBeLessThanOrEqual(500);
    expect(ra.prices.length).toBeGreaterThan(100);
    expect(rb.summary?.endEquity).toBe(ra.summary?.endEquity);
    expect(rb.trades.map((x) => x.realizedPnl)).toEqual(ra.trades.map((x) => x.realizedPnl));
    expect((await s.list(owner)).map((j) => j.id)).toEqual([b.id, a.id]);
  }, 120_000);

  it("another user's job answers NOT_FOUND, and a third job is refused on any instance", async () => {
    const owner = await newOwner();
    const s = await service({ concurrency: 0 });
    const other = await service({ concurrency: 0 });
    const job = await s.submit(owner, request);
    await expect(s.get({ ...owner, userId: 'u-carol' }, job.id)).rejects.toThrow(
      /No such backtest/,
    );
    await expect(s.get({ tenantId: 'globex', userId: owner.userId }, job.id)).rejects.toThrow(
      /No such backtest/,
    );
    await expect(s.cancel({ ...owner, userId: 'u-carol' }, job.id)).rejects.toThrow(
      /No such backtest/,
    );
    await s.submit(owner, request);
    await expect(other.submit(owner, request)).rejects.toThrow(/already queued or running/);
    expect(await s.list({ ...owner, userId: 'u-bob' })).toEqual([]);
  });

  it('cancels a running job at once and a queued one before it starts; the freed slot runs the next', async () => {
    const owner = await newOwner();
    const s = await service();
    const running = await s.submit(owner, big);
    const queued = await s.submit(owner, big);
    expect([running.status, queued.status]).toEqual(['running', 'queued']);
    expect((await s.cancel(owner, queued.id)).status).toBe('cancelled');
    const stopped = await s.cancel(owner, running.id);
    expect(stopped.status).toBe('cancelled');
    expect(stopped.finishedAt).not.toBeNull();
    expect(stopped.summary).toBeNull();
    // Idempotent, and nothing is left running or queued.
    expect((await s.cancel(owner, running.id)).status).toBe('cancelled');
    await s.idle();
    expect((await s.get(owner, queued.id)).startedAt).toBeNull();
    // Cancelled jobs no longer count against the two-at-a-time limit.
    const next = await s.submit(owner, request);
    expect(next.status).toBe('running');
    await s.idle();
    expect((await s.get(owner, next.id)).status).toBe('done');
  }, 120_000);

  it('a job is polled and cancelled through another instance; its runner stops it at the next progress write', async () => {
    const owner = await newOwner();
    const runner = await service();
    const other = await service();
    const running = await runner.submit(owner, big);
    const queued = await runner.submit(owner, big);
    await waitFor('progress seen by the other instance', async () => {
      const j = await other.get(owner, running.id);
      return j.status === 'running' && j.progress > 0;
    });
    expect((await other.cancel(owner, queued.id)).status).toBe('cancelled');
    // Asked elsewhere: still running here until the runner reads the request.
    expect((await other.cancel(owner, running.id)).status).toMatch(/running|cancelled/);
    await waitFor('the runner to stop', async () => {
      const j = await other.get(owner, running.id);
      return j.status === 'cancelled';
    });
    await runner.idle();
    const done = await other.get(owner, running.id);
    expect(done.finishedAt).not.toBeNull();
    expect(done.summary).toBeNull();
    expect(done.progress).toBeLessThan(1);
    // The queued job was cancelled in place and never started on its runner.
    expect(await other.get(owner, queued.id)).toMatchObject({
      status: 'cancelled',
      startedAt: null,
    });
    expect(runner.warmWorkers).toBe(0);
  }, 120_000);

  it('jobs of an instance that stopped are failed: by itself when it restarts, by others once stale', async () => {
    const owner = await newOwner();
    const instanceId = uniqueId('instance');
    const first = await service({ instanceId, concurrency: 0 });
    const job = await first.submit(owner, request);
    // The same instance starts again (after a crash): it runs none of its old jobs.
    await service({ instanceId });
    expect(await first.get(owner, job.id)).toMatchObject({
      status: 'failed',
      error: 'The server running this backtest stopped; run it again.',
    });

    const owner2 = await newOwner();
    const gone = await service({ concurrency: 0 });
    const orphan = await gone.submit(owner2, request);
    const aliveId = uniqueId('instance');
    const alive = await service({ instanceId: aliveId, concurrency: 0 });
    const waiting = await alive.submit(owner2, request);
    await new Promise((r) => setTimeout(r, 100));
    // A later instance sweeps what nobody has heard of for staleMs; a heartbeat keeps its own.
    // (Heard of an hour ahead, so no scheduling delay can make it stale; only the instance's own
    // ids count, so the orphan named here stays unheard.)
    await store.heartbeatBacktests({
      instanceId: aliveId,
      ids: [waiting.id, orphan.id],
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await service({ staleMs: 50 });
    expect((await alive.get(owner2, orphan.id)).status).toBe('failed');
    expect((await alive.get(owner2, waiting.id)).status).toBe('queued');
  });

  it("a live instance's heartbeat keeps its own jobs and fails a silent instance's", async () => {
    const silent = await service({ concurrency: 0, heartbeatMs: 3_600_000 });
    // The bound is well above the beat, so a slow write on a loaded machine cannot fail its own.
    const live = await service({ concurrency: 0, heartbeatMs: 20, staleMs: 500 });
    const a = await newOwner();
    const b = await newOwner();
    const lost = await silent.submit(a, request);
    const kept = await live.submit(b, request);
    await waitFor('the sweep', async () => (await live.get(a, lost.id)).status === 'failed');
    await new Promise((r) => setTimeout(r, 200));
    expect((await live.get(b, kept.id)).status).toBe('queued');
    // Its 500 ms bound would sweep the other tests' jobs between their writes.
    await live.close();
  });

  it('keeps a finished worker warm for the next job, never reuses a cancelled one, and lets an idle one go', async () => {
    const owner = await newOwner();
    // Long enough that a loaded machine's slow store reads between `idle()` and the checks
    // below cannot outlast it; the end waits past it to see the idle worker go.
    const s = await service({ idleMs: 5_000 });
    const first = await s.submit(owner, small);
    await s.idle();
    expect((await s.get(owner, first.id)).status).toBe('done');
    expect(s.warmWorkers).toBe(1);

    const second = await s.submit(owner, small);
    expect(s.warmWorkers).toBe(0);
    await s.idle();
    expect((await s.get(owner, second.id)).summary?.endEquity).toBe(
      (await s.get(owner, first.id)).summary?.endEquity,
    );
    expect(s.warmWorkers).toBe(1);

    const large = await s.submit(owner, big);
    expect((await s.cancel(owner, large.id)).status).toBe('cancelled');
    await s.idle();
    expect(s.warmWorkers).toBe(0);

    const third = await s.submit(owner, small);
    await s.idle();
    expect((await s.get(owner, third.id)).status).toBe('done');
    expect(s.warmWorkers).toBe(1);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(s.warmWorkers).toBe(0);
  }, 120_000);

  it('close ends running and queued jobs as cancelled and accepts no more work', async () => {
    const owner = await newOwner();
    const s = await service();
    const running = await s.submit(owner, big);
    const queued = await s.submit(owner, big);
    await s.close();
    expect((await s.get(owner, running.id)).status).toBe('cancelled');
    expect((await s.get(owner, queued.id)).status).toBe('cancelled');
    expect((await s.get(owner, queued.id)).startedAt).toBeNull();
    await s.idle();
    await expect(s.submit(owner, request)).rejects.toThrow(/shutting down/);
  });

  it('terminates the worker of a run that failed instead of keeping it warm', async () => {
    const owner = await newOwner();
    const s = await service();
    // A well-formed symbol the simulator does not have: the worker's run throws.
    const job = await s.submit(owner, BacktestRequest.parse({ ...request, symbol: 'NOPE-USD' }));
    await s.idle();
    const failed = await s.get(owner, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/unknown symbol NOPE-USD/);
    expect(s.warmWorkers).toBe(0);
  });
});
