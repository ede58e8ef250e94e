import { envUrl, parseEnv } from '@bytelyst/trading-contracts';
import { z } from 'zod';

/**
 * The only place the web reads build-time configuration. Vite inlines `import.meta.env.VITE_*`
 * at build time, so a bad value fails the first render with the offending keys named.
 */
export const WebEnvSchema = z.object({
  VITE_TRADING_API_URL: envUrl(['http', 'https']).default('http://127.0.0.1:4000'),
  VITE_PLATFORM_URL: envUrl(['http', 'https']).default('http://127.0.0.1:4100'),
});
export type WebEnv = z.infer<typeof WebEnvSchema>;

const stripSlash = (url: string) => url.replace(/\/+$/, '');

export function readWebEnv(source: Record<string, string | undefined>) {
  const parsed = parseEnv(WebEnvSchema, source);
  return {
    tradingApiUrl: stripSlash(parsed.VITE_TRADING_API_URL),
    platformUrl: stripSlash(parsed.VITE_PLATFORM_URL),
  };
}

const raw = import.meta.env as Record<string, string | undefined>;
export const env = readWebEnv({
  VITE_TRADING_API_URL: raw.VITE_TRADING_API_URL || undefined,
  VITE_PLATFORM_URL: raw.VITE_PLATFORM_URL || undefined,
});
