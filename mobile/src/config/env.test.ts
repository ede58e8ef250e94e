import { ConfigError } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { readMobileEnv } from './env';

describe('readMobileEnv', () => {
  it('defaults to the local services and takes the product id from product.json', () => {
    expect(readMobileEnv({})).toEqual({
      tradingApiUrl: 'http://127.0.0.1:4000',
      platformUrl: 'http://127.0.0.1:4100',
      productId: 'bytelyst-trading',
    });
  });

  it('strips trailing slashes', () => {
    expect(
      readMobileEnv({ EXPO_PUBLIC_TRADING_API_URL: 'https://api.example.test/' }).tradingApiUrl,
    ).toBe('https://api.example.test');
  });

  it('names every bad key at once, including a product id that is not this product', () => {
    try {
      readMobileEnv({ EXPO_PUBLIC_PLATFORM_URL: 'ftp://x', EXPO_PUBLIC_PRODUCT_ID: 'other' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const keys = (e as ConfigError).issues.map((i) => i.key);
      expect(keys).toEqual(['EXPO_PUBLIC_PLATFORM_URL', 'EXPO_PUBLIC_PRODUCT_ID']);
    }
  });
});
