import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineEvents } from '../engine/events.js';
import type { ReconciliationReport } from '../engine/reconciliation.js';
import { silentLogger } from '../engine/context.js';
import { TenantSupervisor } from './tenant-supervisor.js';

const report = {} as ReconciliationReport;

function setup(o: { held?: Map<string, number>; startFails?: number } = {}) {
  const events = new EngineEvents();
  const held = o.held ?? new Map([['acme', 7]]);
  let failuresLeft = o.startFails ?? 0;
  const starts: { tenantId: string; epoch: number }[] = [];
  const audits: { action: string; after: unknown }[] = [];
  const sup = new TenantSupervisor({
    engine: {
      events,
      startTenant: (tenantId, { epoch }) => {
        starts.push({ tenantId, epoch });
        if (failuresLeft-- > 0) return Promise.reject(new Error('venue unreachable'));
        return Promise.resolve(report);
      },
    },
    epochOf: (t) => held.get(t) ?? null,
    audit: {
      record: (e) => {
        audits.push({ action: e.action, after: e.after });
        return Promise.resolve({} as never);
      },
    },
    logger: silentLogger,
    instanceId: 'i-1',
    baseDelayMs: 1_000,
    maxDelayMs: 8_000,
    now: () => Date.now(),
  });
  return { events, held, starts, audits, sup };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('tenant supervisor', () => {
  it('restarts a failed tenant loop with the epoch it still holds, and audits both steps', async () => {
    vi.useFakeTimers();
    const { events, starts, audits, sup } = setup();
    events.emit('tenant_failed', { tenantId: 'acme', reason: 'commit failed: connection reset' });
    expect(sup.pendingRestart('acme')).toBe(true);
    expect(starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(starts).toEqual([{ tenantId: 'acme', epoch: 7 }]);
    expect(audits.map((a) => a.action)).toEqual(['loop.tenant_failed', 'loop.tenant_restarted']);
    expect(audits[0]?.after).toMatchObject({
      reason: 'commit failed: connection reset',
      phase: 'step',
    });
    sup.close();
  });

  it('backs off exponentially while starts keep failing, up to the cap', async () => {
    vi.useFakeTimers();
    const { starts, sup } = setup({ startFails: 10 });
    await sup.start('acme', 7);
    expect(starts).toHaveLength(1);
    const delays: number[] = [];
    let last = Date.now();
    for (let i = 0; i < 5; i++) {
      const before = starts.length;
      while (starts.length === before) await vi.advanceTimersByTimeAsync(250);
      delays.push(Date.now() - last);
      last = Date.now();
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    sup.close();
  });

  it('never restarts a tenant whose lease is gone, nor after close', async () => {
    vi.useFakeTimers();
    const { events, held, starts, sup } = setup();
    events.emit('tenant_failed', { tenantId: 'acme', reason: 'boom' });
    held.delete('acme');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(starts).toEqual([]);
    events.emit('tenant_failed', { tenantId: 'globex', reason: 'not ours' });
    expect(sup.pendingRestart('globex')).toBe(false);
    held.set('acme', 8);
    events.emit('tenant_failed', { tenantId: 'acme', reason: 'again' });
    sup.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(starts).toEqual([]);
  });
});
