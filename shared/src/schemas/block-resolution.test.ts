import { describe, expect, it } from 'vitest';
import { ResolveBlockBody, blockFiguresOf } from './block-resolution.js';

describe('block resolution contracts', () => {
  it('reads the figures the backend writes into a mismatch block', () => {
    expect(
      blockFiguresOf('RECONCILIATION_MISMATCH BTC-USD: books 0.738, venue 0 (difference -0.738)'),
    ).toEqual([{ symbol: 'BTC-USD', books: '0.738', venue: '0', difference: '-0.738' }]);
    expect(blockFiguresOf('EXIT_REFUSED ETH-USD: INSUFFICIENT_BALANCE')).toEqual([]);
    expect(blockFiguresOf(null)).toEqual([]);
  });

  it('requires a bounded reason and one of the three actions', () => {
    expect(ResolveBlockBody.safeParse({ action: 'adopt', reason: 'venue is right' }).success).toBe(
      true,
    );
    expect(ResolveBlockBody.safeParse({ action: 'adopt', reason: '  ' }).success).toBe(false);
    expect(ResolveBlockBody.safeParse({ action: 'adopt', reason: 'x'.repeat(501) }).success).toBe(
      false,
    );
    expect(ResolveBlockBody.safeParse({ action: 'close', reason: 'valid reason' }).success).toBe(
      false,
    );
    expect(
      ResolveBlockBody.safeParse({ action: 'adopt', reason: 'ok reason', tenantId: 'x' }).success,
    ).toBe(false);
  });
});
