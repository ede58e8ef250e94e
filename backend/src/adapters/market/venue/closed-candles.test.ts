import { describe, expect, it } from 'vitest';
import { ClosedCandles, type OhlcvRow } from './closed-candles.js';

const M = 60_000;
const row = (i: number, close = 100 + i): OhlcvRow => [i * M, 100, 110, 90, close, 1];
const series = () => new ClosedCandles('BTC-USD', '1m', { historyLimit: 5, graceMs: 5_000 });
const times = (r: ReturnType<ClosedCandles['take']>) =>
  r.kind === 'closed' ? r.bars.map((b) => b.openTime / M) : r;

describe('ClosedCandles', () => {
  it('hands on a streamed candle only once a later one opened, and each candle once', () => {
    const s = series();
    expect(times(s.take([row(1), row(2)], { now: 10 * M, complete: false }))).toEqual([1]);
    // The open candle is not closed by the clock on a stream (its final update may be late).
    expect(times(s.take([row(1), row(2)], { now: 99 * M, complete: false }))).toEqual([]);
    expect(times(s.take([row(2, 7), row(3)], { now: 3 * M, complete: false }))).toEqual([2]);
    expect(s.history(10).map((b) => b.close)).toEqual([101, 7]);
  });

  it('reports a hole in streamed rows instead of skipping it', () => {
    const s = series();
    s.take([row(1), row(2)], { now: 2 * M, complete: false });
    expect(s.take([row(4), row(5)], { now: 5 * M, complete: false })).toEqual({
      kind: 'gap',
      from: 2 * M,
    });
    expect(s.take([row(2), row(4), row(5)], { now: 5 * M, complete: false })).toEqual({
      kind: 'gap',
      from: 3 * M,
    });
    // The venue's own history fills it (the open candle stays out until its end + grace).
    expect(
      times(s.take([row(2), row(3), row(4), row(5)], { now: 5 * M + 30_000, complete: true })),
    ).toEqual([2, 3, 4]);
    expect(times(s.take([row(5)], { now: 6 * M + 5_000, complete: true }))).toEqual([5]);
  });

  it('takes a klines answer as the venue history: a candle it never had is no gap', () => {
    const s = series();
    s.take([row(1), row(2)], { now: 2 * M, complete: false });
    expect(times(s.take([row(3), row(5), row(6)], { now: 6 * M, complete: true }))).toEqual([3, 5]);
    expect(s.history(2).map((b) => b.openTime / M)).toEqual([3, 5]);
    expect(s.history(99).map((b) => b.openTime / M)).toEqual([1, 3, 5]);
  });
});
