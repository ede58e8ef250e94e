import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BacktestRequest } from '@bytelyst/trading-contracts';
import { BacktestService } from './backtest-service.js';

const owner = { tenantId: 'acme', userId: 'u-alice' };
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

describe('backtest jobs', () => {
  it('runs in a worker with progress, and the same request gives the same result', async () => {
    const service = new BacktestService({ logger: pino({ level: 'silent' }) });
    const a = service.submit(owner, request);
    const b = service.submit(owner, request);
    expect(a.status).toBe('running');
    expect(b.status).toBe('queued');
    await service.idle();
    const ra = service.get(owner, a.id);
    const rb = service.get(owner, b.id);
    expect(ra.status).toBe('done');
    expect(ra.progress).toBe(1);
    expect(ra.summary?.candles).toBe(50_000);
    expect(ra.summary?.trades).toBeGreaterThan(0);
    expect(ra.equityCurve.length).toBeGreaterThan(10);
    expect(ra.prices.length).toBeGreaterThan(100);
    expect(rb.summary?.endEquity).toBe(ra.summary?.endEquity);
    expect(rb.trades.map((t) => t.realizedPnl)).toEqual(ra.trades.map((t) => t.realizedPnl));
  }, 120_000);

  it("another user's job answers NOT_FOUND, and a third concurrent job is refused", () => {
    const service = new BacktestService({ logger: pino({ level: 'silent' }), concurrency: 0 });
    const job = service.submit(owner, request);
    expect(() => service.get({ tenantId: 'acme', userId: 'u-carol' }, job.id)).toThrow(
      /No such backtest/,
    );
    expect(() => service.get({ tenantId: 'globex', userId: 'u-alice' }, job.id)).toThrow(
      /No such backtest/,
    );
    service.submit(owner, request);
    expect(() => service.submit(owner, request)).toThrow(/already queued or running/);
    expect(service.list({ tenantId: 'globex', userId: 'u-bob' })).toEqual([]);
  });

  it('cancels a running job at once and a queued one before it starts; the freed slot runs the next', async () => {
    const service = new BacktestService({ logger: pino({ level: 'silent' }) });
    const big = BacktestRequest.parse({ ...request, candles: 2_000_000 });
    const running = service.submit(owner, big);
    const queued = service.submit(owner, big);
    expect([running.status, queued.status]).toEqual(['running', 'queued']);
    expect(() => service.cancel({ tenantId: 'acme', userId: 'u-carol' }, running.id)).toThrow(
      /No such backtest/,
    );
    expect(service.cancel(owner, queued.id).status).toBe('cancelled');
    const stopped = service.cancel(owner, running.id);
    expect(stopped.status).toBe('cancelled');
    expect(stopped.finishedAt).not.toBeNull();
    expect(stopped.summary).toBeNull();
    // Idempotent, and nothing is left running or queued.
    expect(service.cancel(owner, running.id).status).toBe('cancelled');
    await service.idle();
    expect(service.get(owner, queued.id).startedAt).toBeNull();
    // Cancelled jobs no longer count against the two-at-a-time limit.
    const next = service.submit(owner, request);
    expect(next.status).toBe('running');
    await service.idle();
    expect(service.get(owner, next.id).status).toBe('done');
  }, 120_000);

  it('keeps a finished worker warm for the next job, never reuses a cancelled one, and lets an idle one go', async () => {
    const service = new BacktestService({ logger: pino({ level: 'silent' }), idleMs: 500 });
    const small = BacktestRequest.parse({ ...request, candles: 20_000 });
    const first = service.submit(owner, small);
    await service.idle();
    expect(service.get(owner, first.id).status).toBe('done');
    expect(service.warmWorkers).toBe(1);

    const second = service.submit(owner, small);
    expect(service.warmWorkers).toBe(0);
    await service.idle();
    expect(service.get(owner, second.id).summary?.endEquity).toBe(
      service.get(owner, first.id).summary?.endEquity,
    );
    expect(service.warmWorkers).toBe(1);

    const big = service.submit(owner, BacktestRequest.parse({ ...request, candles: 2_000_000 }));
    expect(service.cancel(owner, big.id).status).toBe('cancelled');
    await service.idle();
    expect(service.warmWorkers).toBe(0);

    const third = service.submit(owner, small);
    await service.idle();
    expect(service.get(owner, third.id).status).toBe('done');
    expect(service.warmWorkers).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(service.warmWorkers).toBe(0);
    await service.close();
  }, 120_000);

  it('close ends running and queued jobs as cancelled and accepts no more work', async () => {
    const service = new BacktestService({ logger: pino({ level: 'silent' }) });
    const big = BacktestRequest.parse({ ...request, candles: 2_000_000 });
    const running = service.submit(owner, big);
    const queued = service.submit(owner, big);
    await service.close();
    expect(service.get(owner, running.id).status).toBe('cancelled');
    expect(service.get(owner, queued.id).status).toBe('cancelled');
    expect(service.get(owner, queued.id).startedAt).toBeNull();
    await service.idle();
    expect(() => service.submit(owner, request)).toThrow(/shutting down/);
  });

  it('terminates the worker of a run that failed instead of keeping it warm', async () => {
    const service = new BacktestService({ logger: pino({ level: 'silent' }) });
    // A well-formed symbol the simulator does not have: the worker's run throws.
    const job = service.submit(owner, BacktestRequest.parse({ ...request, symbol: 'NOPE-USD' }));
    await service.idle();
    expect(service.get(owner, job.id)).toMatchObject({ status: 'failed' });
    expect(service.get(owner, job.id).error).toMatch(/unknown symbol NOPE-USD/);
    expect(service.warmWorkers).toBe(0);
    await service.close();
  });
});
