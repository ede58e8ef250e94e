import { describe, expect, it } from 'vitest';
import { createCcxtExchange } from './create-ccxt-exchange.js';

describe('ccxt exchange from deployment settings', () => {
  it('builds a rate-limited exchange in sandbox mode by default', () => {
    const ex = createCcxtExchange({
      exchangeId: 'binance',
      apiKey: 'k',
      secret: 's',
      sandbox: true,
    });
    expect(ex.id).toBe('binance');
    expect(ex.enableRateLimit).toBe(true);
    expect(JSON.stringify(ex.urls.api)).toContain('testnet');
  });
  it('refuses an exchange ccxt does not know', () => {
    expect(() => createCcxtExchange({ exchangeId: 'nosuchvenue', sandbox: true })).toThrow(
      /no exchange/,
    );
  });
});
