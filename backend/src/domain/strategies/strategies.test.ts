import { describe, expect, it } from 'vitest';
import { createStrategy } from './registry.js';
import { SIGNAL_ENTER, SIGNAL_EXIT, SIGNAL_HOLD, type SignalKind } from './strategy.js';

const bar = (close: number, high = close, low = close) => ({
  open: close,
  high,
  low,
  close,
  volume: 1,
});
const run = (s: ReturnType<typeof createStrategy>, closes: number[]): SignalKind[] =>
  closes.map((c) => s.update(bar(c)));

describe('built-in strategies', () => {
  it('sma-cross enters on the cross up and exits on the cross down', () => {
    const s = createStrategy({
      strategy: 'sma-cross',
      params: { fastPeriod: 2, slowPeriod: 3, kind: 'sma' },
    });
    const sig = run(s, [10, 10, 10, 9, 8, 9, 12, 13, 12, 8, 7]);
    expect(sig.indexOf(SIGNAL_ENTER)).toBe(6);
    expect(s.reason).toBe('MA_BELOW');
    expect(sig.lastIndexOf(SIGNAL_EXIT)).toBe(9);
    // Index 3 leaves equal averages downwards: a cross down (harmless when flat).
    expect(sig.filter((x) => x !== SIGNAL_HOLD)).toEqual([SIGNAL_EXIT, SIGNAL_ENTER, SIGNAL_EXIT]);
    expect(Object.keys(s.inputs()).sort()).toEqual(['close', 'fast', 'slow', 'strength']);
  });

  it('sma-cross with ema averages also crosses', () => {
    const s = createStrategy({
      strategy: 'sma-cross',
      params: { fastPeriod: 2, slowPeriod: 4, kind: 'ema' },
    });
    const sig = run(s, [10, 10, 10, 10, 9, 8, 7, 9, 12, 14]);
    expect(sig).toContain(SIGNAL_ENTER);
  });

  it('rsi-reversion buys oversold and sells overbought', () => {
    const s = createStrategy({
      strategy: 'rsi-reversion',
      params: { period: 3, oversold: 30, overbought: 70 },
    });
    const sig = run(s, [10, 9, 8, 7, 6, 7, 8, 9, 10]);
    expect(sig.slice(0, 3)).toEqual([SIGNAL_HOLD, SIGNAL_HOLD, SIGNAL_HOLD]);
    expect(sig[4]).toBe(SIGNAL_ENTER);
    expect(sig.at(-1)).toBe(SIGNAL_EXIT);
    expect(s.strength).toBeLessThan(0);
  });

  it('donchian-breakout buys above the prior high and exits below the prior low', () => {
    const s = createStrategy({
      strategy: 'donchian-breakout',
      params: { entryPeriod: 3, exitPeriod: 2 },
    });
    const sig = [
      bar(10, 11, 9),
      bar(10, 11, 9),
      bar(10, 11, 9),
      bar(12, 12, 10),
      bar(10, 12, 9.5),
      bar(8, 9, 8),
    ].map((b) => s.update(b));
    expect(sig).toEqual([
      SIGNAL_HOLD,
      SIGNAL_HOLD,
      SIGNAL_HOLD,
      SIGNAL_ENTER,
      SIGNAL_HOLD,
      SIGNAL_EXIT,
    ]);
  });

  it('rejects params the contract refuses', () => {
    expect(() =>
      createStrategy({
        strategy: 'sma-cross',
        params: { fastPeriod: 30, slowPeriod: 10, kind: 'sma' },
      }),
    ).toThrow();
  });
});
