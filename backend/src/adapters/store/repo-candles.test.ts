import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStores, type TestStore, uniqueId } from '../../../test-support/db.js';
import type { CandleColumns } from '../../ports/candle-store.js';
import { tenantScope } from '../../ports/store.js';
import { SqlCandleStore } from './repo-candles.js';
import type { SqlStore } from './sql-store.js';

const T0 = Date.UTC(2026, 0, 1);
const M = 60_000;

/** `n` one-minute candles from `start`, skipping the minutes in `holes`; prices with decimals. */
function candles(n: number, o: { start?: number; holes?: number[]; skew?: number } = {}) {
  const holes = new Set(o.holes ?? []);
  const time: number[] = [];
  for (let i = 0; time.length < n; i++) if (!holes.has(i)) time.push((o.start ?? T0) + i * M);
  const p = (i: number) => 100 + (i % 97) * 0.01 + (o.skew ?? 0);
  const col = (f: (i: number) => number) => Float64Array.from(time, (_, i) => f(i));
  return {
    time: Float64Array.from(time),
    open: col(p),
    high: col((i) => p(i) + 0.5),
    low: col((i) => p(i) - 0.25),
    close: col((i) => p(i) + 0.125),
    volume: col((i) => i * 0.001),
  } satisfies CandleColumns;
}

describe.each(testStores())('candle store on %s', (driver) => {
  let t: TestStore;
  let store: SqlCandleStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
    store = new SqlCandleStore((t.store as SqlStore).sql);
  });
  afterAll(() => t.cleanup());
  const ref = { symbol: 'BTC-USD', venue: 'csv', timeframe: '1m' as const };

  it('stores exactly, reads a range back, and summarises span and gaps', async () => {
    const scope = tenantScope(uniqueId('t'));
    const c = candles(1000, { holes: [10, 11, 500] });
    const w = await store.writeCandles(scope, { ...ref, candles: c });
    expect(w).toMatchObject({ stored: 1000, alreadyStored: 0 });
    expect(w.series).toMatchObject({
      count: 1000,
      from: new Date(T0).toISOString(),
      to: new Date(T0 + 1002 * M).toISOString(),
      expected: 1003,
      gapCount: 2,
      missing: 3,
      gaps: [
        {
          after: new Date(T0 + 9 * M).toISOString(),
          before: new Date(T0 + 12 * M).toISOString(),
          missing: 2,
        },
        {
          after: new Date(T0 + 499 * M).toISOString(),
          before: new Date(T0 + 501 * M).toISOString(),
          missing: 1,
        },
      ],
    });
    const all = await store.readCandles(scope, {
      ...ref,
      from: null,
      to: null,
      maxCandles: 10_000,
    });
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
      expect([...all[k]]).toEqual([...c[k]]);
    // NUMERIC keeps the decimal text (not a binary float's expansion).
    const { rows } = await (t.store as SqlStore).sql.query(
      `SELECT open::text AS o, close::text AS c FROM candles WHERE tenant_id = $1
       ORDER BY open_time LIMIT 2 OFFSET 1`,
      [scope.tenantId],
    );
    expect(rows).toEqual([
      { o: '100.01', c: '100.135' },
      { o: '100.02', c: '100.145' },
    ]);
    const part = await store.readCandles(scope, {
      ...ref,
      from: T0 + 5 * M,
      to: T0 + 15 * M,
      maxCandles: 10_000,
    });
    expect([...part.time]).toEqual([5, 6, 7, 8, 9, 12, 13, 14].map((i) => T0 + i * M));
    await expect(
      store.readCandles(scope, { ...ref, from: null, to: null, maxCandles: 999 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps stored candles when a write overlaps them, and counts them', async () => {
    const scope = tenantScope(uniqueId('t'));
    await store.writeCandles(scope, { ...ref, candles: candles(100) });
    const w = await store.writeCandles(scope, {
      ...ref,
      candles: candles(100, { start: T0 + 50 * M, skew: 7 }),
    });
    expect(w).toMatchObject({ stored: 50, alreadyStored: 50 });
    expect(w.series).toMatchObject({ count: 150, gapCount: 0 });
    const r = await store.readCandles(scope, { ...ref, from: null, to: null, maxCandles: 1000 });
    expect(r.open[60]).toBe(candles(100).open[60]); // the first write's candle stayed
    expect(r.open[120]).toBe(candles(100, { skew: 7 }).open[70]);
  });

  it('stores nothing of a write that fails part way', async () => {
    const scope = tenantScope(uniqueId('t'));
    const c = candles(30_000);
    c.low[25_000] = 0; // refused by the table's CHECK after many rows went in
    await expect(store.writeCandles(scope, { ...ref, candles: c })).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    expect(await store.getSeries(scope, ref)).toBeNull();
    const r = await store.readCandles(scope, { ...ref, from: null, to: null, maxCandles: 100_000 });
    expect(r.time.length).toBe(0);
  });

  it("never shows one tenant's candles to another", async () => {
    const a = tenantScope(uniqueId('a'));
    const b = tenantScope(uniqueId('b'));
    await store.writeCandles(a, { ...ref, candles: candles(10) });
    expect(await store.listSeries(b)).toEqual([]);
    expect(await store.getSeries(b, ref)).toBeNull();
    const r = await store.readCandles(b, { ...ref, from: null, to: null, maxCandles: 100 });
    expect(r.time.length).toBe(0);
    expect(await store.deleteSeries(b, ref)).toBe(0);
    expect((await store.listSeries(a)).map((s) => s.count)).toEqual([10]);
    expect(await store.deleteSeries(a, ref)).toBe(10);
    expect(await store.listSeries(a)).toEqual([]);
  });
});
