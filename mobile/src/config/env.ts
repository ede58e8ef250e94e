import { envUrl, parseEnv, PRODUCT } from '@bytelyst/trading-contracts';
import { z } from 'zod';

/**
 * The only place the app reads configuration. Expo inlines `process.env.EXPO_PUBLIC_*` at
 * bundle time, and only when written out literally, so each key is named below by hand.
 */
export const MobileEnvSchema = z.object({
  EXPO_PUBLIC_TRADING_API_URL: envUrl(['http', 'https']).default('http://127.0.0.1:4000'),
  EXPO_PUBLIC_PLATFORM_URL: envUrl(['http', 'https']).default('http://127.0.0.1:4100'),
  /**
   * Optional: the product id lives in product.json. When a build sets it anyway (the runbook's
   * checklist does), it must agree, so a build aimed at another product fails at launch.
   */
  EXPO_PUBLIC_PRODUCT_ID: z
    .literal(PRODUCT.productId, {
      error: `EXPO_PUBLIC_PRODUCT_ID must be ${PRODUCT.productId} (from product.json)`,
    })
    .optional(),
});

export interface MobileEnv {
  tradingApiUrl: string;
  platformUrl: string;
  productId: string;
}

const stripSlash = (url: string) => url.replace(/\/+$/, '');

export function readMobileEnv(source: Record<string, string | undefined>): MobileEnv {
  const parsed = parseEnv(MobileEnvSchema, source);
  return {
    tradingApiUrl: stripSlash(parsed.EXPO_PUBLIC_TRADING_API_URL),
    platformUrl: stripSlash(parsed.EXPO_PUBLIC_PLATFORM_URL),
    productId: PRODUCT.productId,
  };
}

const orUndefined = (v: string | undefined) => (v ? v : undefined);

export const env: MobileEnv = readMobileEnv({
  EXPO_PUBLIC_TRADING_API_URL: orUndefined(process.env.EXPO_PUBLIC_TRADING_API_URL),
  EXPO_PUBLIC_PLATFORM_URL: orUndefined(process.env.EXPO_PUBLIC_PLATFORM_URL),
  EXPO_PUBLIC_PRODUCT_ID: orUndefined(process.env.EXPO_PUBLIC_PRODUCT_ID),
});
