import type { ProductStatusState } from '@bytelyst/platform-sdk';
import { describe, expect, it } from 'vitest';
import { createLastStatusStore } from './last-status';

const status = (o: { enabled?: boolean; maintenance?: boolean; version?: number } = {}) => ({
  productId: 'bytelyst-trading',
  enabled: o.enabled ?? true,
  maintenance: { active: o.maintenance ?? false, message: null, expectedEndAt: null },
  version: o.version ?? 1,
  updatedAt: '2026-12-07T17:00:00.000Z',
});

const memory = () => {
  const m = new Map<string, string>();
  let writes = 0;
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes++;
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    m,
    writes: () => writes,
  };
};

describe('last known product status', () => {
  it('keeps what the platform said, with when, across a relaunch', async () => {
    const storage = memory();
    let t = Date.UTC(2026, 11, 7, 17, 0, 0);
    const a = createLastStatusStore({ storage, key: 'k', now: () => t });
    expect(await a.load()).toBeNull();
    let emit: (s: ProductStatusState) => void = () => undefined;
    a.follow({
      subscribe: (fn) => {
        emit = fn;
        return () => undefined;
      },
    });
    const base = { lastOkAt: t, transport: 'sse' as const };
    emit({ ...base, state: 'ok', status: status({ enabled: false, version: 2 }) });
    // A degraded state (platform unreachable) never overwrites what was heard.
    emit({ ...base, state: 'degraded', status: null });
    await Promise.resolve();
    const b = createLastStatusStore({ storage, key: 'k' });
    expect(await b.load()).toEqual({
      status: status({ enabled: false, version: 2 }),
      at: '2026-12-07T17:00:00.000Z',
    });
    // The same status again within a minute is not rewritten; a change is at once.
    t += 10_000;
    await a.save(status({ enabled: false, version: 2 }));
    expect(storage.writes()).toBe(1);
    await a.save(status({ maintenance: true, version: 3 }));
    expect(storage.writes()).toBe(2);
    t += 61_000;
    await a.save(status({ maintenance: true, version: 3 }));
    expect(storage.writes()).toBe(3);
  });

  it('treats an unreadable or foreign value as nothing known', async () => {
    const storage = memory();
    storage.setItem('k', '{not json');
    expect(await createLastStatusStore({ storage, key: 'k' }).load()).toBeNull();
    storage.setItem('k', JSON.stringify({ status: { enabled: false }, at: 'x' }));
    expect(await createLastStatusStore({ storage, key: 'k' }).load()).toBeNull();
  });
});
