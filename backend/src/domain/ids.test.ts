import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientOrderIdFor, decisionIdFor, stableId } from './ids.js';

describe('deterministic ids', () => {
  it('are stable, bounded and venue-safe', () => {
    const d = decisionIdFor(
      'profile-with-a-rather-long-id-0123456789abcdef',
      'BTC-USD',
      1_767_225_600_000,
      'enter',
    );
    expect(d).toBe(
      decisionIdFor(
        'profile-with-a-rather-long-id-0123456789abcdef',
        'BTC-USD',
        1_767_225_600_000,
        'enter',
      ),
    );
    const c = clientOrderIdFor(d, 0);
    expect(c).toMatch(/^bl[0-9a-f]{33}$/);
    expect(clientOrderIdFor(d, 1)).not.toBe(c);
    expect(c.length).toBeLessThanOrEqual(36);
  });

  it('differ for different inputs (no collisions over many nearby inputs)', () => {
    const seen = new Set<string>();
    for (let t = 0; t < 50_000; t++) seen.add(stableId('x', 'p1', 'BTC-USD', t * 60_000, 'enter'));
    expect(seen.size).toBe(50_000);
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        (a, b) => a === b || stableId('', a) !== stableId('', b),
      ),
    );
  });
});
