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

  it('never change: ids already stored must keep matching what the code derives', () => {
    // Values written by the earlier implementation (parts joined with "|", then hashed).
    expect(stableId('d-', 'p1', 'BTC-USD', 1704067200000, 'enter')).toBe(
      'd-5d571d18604305aba149ccf8d4eaf57a',
    );
    expect(stableId('f-', 'x', 'y')).toBe('f-2105abaa173f2eb7ad1784152a8d88f4');
    expect(stableId('a-')).toBe('a-027ae52ecfc796215593990d4b41437c');
    expect(stableId('t-', '', '')).toBe('t-177145980fe0704a5ac5e6cf46af538c');
    expect(stableId('tx', 'fill', 'ab|c')).toBe('txb66b68a1874fb2d232f9fa8c75089691');
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
