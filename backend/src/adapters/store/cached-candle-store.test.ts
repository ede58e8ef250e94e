import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStores, type TestStore, uniqueId } from '../../../test-support/db.js';
import type { CandleColumns } from '../../ports/candle-store.js';
import { tenantScope } from '../../ports/store.js';
import { CachedCandleStore } from './cached-candle-store.js';
import { SqlCandleStore } from './repo-candles.js';
import type { SqlStore } from './sql-store.js';

const T0 = Date.UTC(2026, 0, 1);
const M = 60_000;
const ref = { symbol: 'BTC-USD', venue: 'csv', timeframe: '1m' as const };
const all = { from: null, to: null, maxCandles: 1_000_000 };

function candles(n: number, start = T0, price = 100): CandleColumns {
  const time = Float64Array.from({ length: n }, (_, i) => start + i * M);
  const col = (d: number) => Float64Array.from({ length: n }, (_, i) => price + (i % 50) + d);
  return { time, open: col(0), high: col(1), low: col(-1), close: col(0.5), volume: col(10) };
}

/** Counts the reads that reach the database. */
function counting(inner: SqlCandleStore) {
  const reads = { n: 0 };
  const readCandles = inner.readCandles.bind(inner);
  inner.readCandles = (scope, input) => {
    reads.n++;
    return readCandles(scope, input);
  };
  return reads;
}

describe.each(testStores())('cached candle store on %s', (driver) => {
  let t: TestStore;
  let sql: SqlCandleStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
    sql = new SqlCandleStore((t.store as SqlStore).sql);
  });
  afterAll(() => t.cleanup());

  it('serves a repeated read from memory, equal to the store, as a copy the caller may move', async () => {
    const scope = tenantScope(uniqueId('t'));
    const inner = new SqlCandleStore((t.store as SqlStore).sql);
    const reads = counting(inner);
    const cache = new CachedCandleStore(inner, { maxBytes: 10_000_000 });
    await cache.writeCandles(scope, { ...ref, candles: candles(300) });
    const first = await cache.readCandles(scope, { ...ref, ...all });
    const direct = await sql.readCandles(scope, { ...ref, ...all });
    expect(first).toEqual(direct);
    // The caller moves the first answer's buffers away (as a backtest does to its worker).
    structuredClone(first.close, { transfer: [first.close.buffer as ArrayBuffer] });
    expect(first.close.length).toBe(0);
    const second = await cache.readCandles(scope, { ...ref, ...all });
    expect(second).toEqual(direct);
    expect(reads.n).toBe(1);
    // Another range is another entry.
    const part = await cache.readCandles(scope, {
      ...ref,
      from: T0 + 100 * M,
      to: null,
      maxCandles: 1000,
    });
    expect(part.time.length).toBe(200);
    expect(reads.n).toBe(2);
  });

  it('never serves an older version of the series, whoever wrote the new one', async () => {
    const scope = tenantScope(uniqueId('t'));
    const inner = new SqlCandleStore((t.store as SqlStore).sql);
    const reads = counting(inner);
    const cache = new CachedCandleStore(inner, { maxBytes: 10_000_000 });
    await cache.writeCandles(scope, { ...ref, candles: candles(100) });
    expect((await cache.readCandles(scope, { ...ref, ...all })).time.length).toBe(100);
    // Another instance (the plain store here) appends candles: the summary moves, so the key does.
    await sql.writeCandles(scope, { ...ref, candles: candles(50, T0 + 100 * M) });
    expect((await cache.readCandles(scope, { ...ref, ...all })).time.length).toBe(150);
    expect(reads.n).toBe(2);
    // Deleted through the cache: nothing is served from memory, and the memory is freed.
    await cache.deleteSeries(scope, ref);
    expect(cache.heldBytes).toBe(0);
    expect((await cache.readCandles(scope, { ...ref, ...all })).time.length).toBe(0);
  });

  it("keeps each tenant's candles to that tenant", async () => {
    const a = tenantScope(uniqueId('a'));
    const b = tenantScope(uniqueId('b'));
    const cache = new CachedCandleStore(new SqlCandleStore((t.store as SqlStore).sql), {
      maxBytes: 10_000_000,
    });
    await cache.writeCandles(a, { ...ref, candles: candles(80) });
    expect((await cache.readCandles(a, { ...ref, ...all })).time.length).toBe(80);
    // Tenant b has no such series: the same request reads nothing, not a's cached candles.
    expect((await cache.readCandles(b, { ...ref, ...all })).time.length).toBe(0);
    await cache.writeCandles(b, { ...ref, candles: candles(30, T0, 500) });
    const readB = await cache.readCandles(b, { ...ref, ...all });
    expect(readB.time.length).toBe(30);
    expect(readB.open[0]).toBe(500);
  });

  it('holds at most its byte bound, least recently used out first', async () => {
    const scope = tenantScope(uniqueId('t'));
    const inner = new SqlCandleStore((t.store as SqlStore).sql);
    const reads = counting(inner);
    // 100 candles x 6 columns x 8 bytes = 4,800 bytes a range: room for two.
    const cache = new CachedCandleStore(inner, { maxBytes: 10_000 });
    await cache.writeCandles(scope, { ...ref, candles: candles(400) });
    const range = (k: number) => ({
      ...ref,
      from: T0 + k * 100 * M,
      to: T0 + (k + 1) * 100 * M,
      maxCandles: 1000,
    });
    await cache.readCandles(scope, range(0));
    await cache.readCandles(scope, range(1));
    await cache.readCandles(scope, range(0)); // 0 is now the most recent
    await cache.readCandles(scope, range(2)); // evicts 1
    expect(cache.heldBytes).toBeLessThanOrEqual(10_000);
    expect(reads.n).toBe(3);
    await cache.readCandles(scope, range(0));
    expect(reads.n).toBe(3);
    await cache.readCandles(scope, range(1));
    expect(reads.n).toBe(4);
    // A range larger than the whole bound is read through, never held.
    await cache.readCandles(scope, { ...ref, ...all });
    await cache.readCandles(scope, { ...ref, ...all });
    expect(reads.n).toBe(6);
  });
});
