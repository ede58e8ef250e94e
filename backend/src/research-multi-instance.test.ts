/**
 * One parameter search shared by backend instances through pg-boss on PostgreSQL: both
 * instances' worker threads run its trials; a third instance SIGKILLed while it runs a trial
 * leaves that trial to be taken over (after the queue's expiry), and every trial ends up stored
 * exactly once.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchJob, SearchTrial } from '@bytelyst/trading-contracts';
import { testDatabaseUrl } from '../test-support/db.js';
import { testRedisUrl } from '../test-support/env.js';
import { call, mintToken, type TestBackend } from '../test-support/backend-harness.js';
import { startTwoInstances } from '../test-support/two-instances.js';

const dbUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();
const CHILD = fileURLToPath(
  new URL('../test-support/research/search-instance-child.ts', import.meta.url),
);

const searchBody = (candles: number, fastValues: number[]) => ({
  base: {
    strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 40 } },
    symbol: 'BTC-USD',
    candles,
  },
  space: { fastPeriod: { values: fastValues }, slowPeriod: { min: 30, max: 50, step: 10 } },
  objective: 'totalReturnPct',
});

describe.runIf(dbUrl && redisUrl)('a parameter search across instances (pg-boss)', () => {
  let a: TestBackend;
  let b: TestBackend;
  let stop: (() => Promise<void>) | undefined;
  let schema = '';
  let child: ChildProcess | null = null;
  let token: string;

  beforeAll(async () => {
    ({ a, b, stop, schema } = await startTwoInstances({
      redisUrl: redisUrl ?? '',
      instancePrefix: 'srch',
      // A dead instance's trial comes back after 8 s; supervision checks every second.
      jobs: { trialExpireSeconds: 8, maintenanceIntervalSeconds: 1, sweepMs: 1000, workers: 1 },
    }));
    token = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
  }, 60_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await stop?.();
  });

  const waitDone = async (on: TestBackend, id: string, ms: number): Promise<SearchJob> => {
    const until = Date.now() + ms;
    for (;;) {
      const r = await call(on, { method: 'GET', path: `/api/searches/${id}`, token });
      const job = r.body as SearchJob;
      if (job.status !== 'running' || Date.now() > until) return job;
      await new Promise((res) => setTimeout(res, 250));
    }
  };
  const trialsOf = async (on: TestBackend, id: string): Promise<SearchTrial[]> =>
    (
      (await call(on, { method: 'GET', path: `/api/searches/${id}/trials`, token })).body as {
        items: SearchTrial[];
      }
    ).items;

  it('runs one search on both instances and answers for it on either', async () => {
    const r = await call(a, {
      method: 'POST',
      path: '/api/searches',
      token,
      body: searchBody(5_000, [5, 10, 15, 20]),
    });
    expect(r.status).toBe(200);
    const created = r.body as SearchJob;
    expect(created.totalTrials).toBe(12);
    const done = await waitDone(b, created.id, 90_000);
    expect(done.status).toBe('done');
    expect(done.finishedTrials).toBe(12);
    expect(done.best).not.toBeNull();
    const trials = await trialsOf(b, created.id);
    expect(new Set(trials.map((t) => t.id)).size).toBe(12);
    expect(new Set(trials.map((t) => t.instanceId))).toEqual(new Set(['srch-a', 'srch-b']));
  }, 120_000);

  // Times out at 200 s on a clean main at the end of session 8 (passed in its branch before the
  // last landings); skipped rather than failing every landing: docs/ROADMAP.md, issue 16.
  it('completes every trial exactly once when an instance is killed mid-trial', async () => {
    let started = 0;
    const killed = new Promise<void>((resolve, reject) => {
      child = fork(CHILD, [dbUrl ?? '', schema, 'srch-child'], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${err}`)),
      );
      child.on('message', (m: { t: string }) => {
        if (m.t === 'ready') void submit();
        // Killed as its first trial starts: that trial is active in pg-boss, never stored. Not a
        // later one: a cold child (tsx transforms, worker threads starting) can take longer over
        // its first two trials than the survivors take over every other trial, and would then
        // never start a third, nor be killed.
        if (m.t === 'trial-started' && ++started === 1) child?.kill('SIGKILL');
      });
    });
    let id = '';
    const submit = async () => {
      const r = await call(a, {
        method: 'POST',
        path: '/api/searches',
        token,
        body: searchBody(20_000, [4, 6, 8, 10, 12, 14, 16, 18]),
      });
      id = (r.body as SearchJob).id;
    };
    await killed;
    child = null;
    expect(id).not.toBe('');
    const done = await waitDone(a, id, 150_000);
    expect(done.status).toBe('done');
    expect(done.finishedTrials).toBe(24);
    expect(done.failedTrials).toBe(0);
    const trials = await trialsOf(a, id);
    const ids = trials.map((t) => t.id);
    const expected = Array.from({ length: 24 }, (_, p) => `${id}:f:${p}`);
    expect([...ids].sort()).toEqual([...expected].sort());
    const byChild = trials.filter((t) => t.instanceId === 'srch-child').length;
    // The trial it was running when killed was stored by a survivor instead.
    expect(byChild).toBeLessThan(started);
    expect(trials.filter((t) => t.instanceId !== 'srch-child').length).toBe(24 - byChild);
  }, 200_000);
});
