import { AppError, type Instrument } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import type { ApiDeps } from './deps.js';
import { assertCapitalTradable } from './profile-routes.js';

const instrument = (symbol: string, minNotional: string): Instrument => ({
  symbol,
  base: symbol.split('-')[0] ?? 'X',
  quote: 'USD',
  kind: 'crypto',
  tickSize: '0.01',
  lotSize: '0.0001',
  minNotional,
});
// Only the instrument list is read; a venue with a 100-unit minimum order.
const deps = {
  engine: { instruments: () => [instrument('BTC-USD', '100'), instrument('ETH-USD', '10')] },
} as unknown as ApiDeps;

describe('capital against the venue minimum order', () => {
  it('refuses a capital below a traded symbol’s minimum notional, with the numbers', () => {
    const err = (() => {
      try {
        assertCapitalTradable(deps, { symbols: ['BTC-USD', 'ETH-USD'], capital: '99.99' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((err as AppError).details)).toContain('minimum order of BTC-USD');
    expect(() =>
      assertCapitalTradable(deps, { symbols: ['ETH-USD'], capital: '99.99' }),
    ).not.toThrow();
    expect(() =>
      assertCapitalTradable(deps, { symbols: ['BTC-USD'], capital: '100' }),
    ).not.toThrow();
  });
});
