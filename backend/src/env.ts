import { isIP } from 'node:net';
import { z } from 'zod';
import {
  PRODUCT,
  envBoolean,
  envInt,
  envList,
  envUrl,
  loadEnvOrExit,
  optionalEnv,
  parseEnv,
} from '@bytelyst/trading-contracts';

/** The backend's whole configuration; `process.env` is read here and nowhere else. */
export const BackendEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: envInt(PRODUCT.backendPort, 0, 65535),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    INSTANCE_ID: optionalEnv(
      z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected letters, digits, _ . -'),
    ),
    DATABASE_URL: optionalEnv(envUrl(['postgres', 'postgresql'])),
    DATA_DIR: z.string().default('.data/backend'),
    /** Key-encryption keys for stored venue credentials; default `<DATA_DIR>/secrets/kek.json`. */
    SECRETS_KEY_FILE: optionalEnv(z.string().min(1)),
    REDIS_URL: optionalEnv(envUrl(['redis', 'rediss'])),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 letters, digits, _ . -')
      .default('bytelyst-trading'),
    PLATFORM_API_URL: envUrl(['http', 'https']).default('http://127.0.0.1:4100'),
    PLATFORM_AUTH_ENABLED: envBoolean(true),
    PLATFORM_JWT_ISSUER: z.string().min(1).default('http://127.0.0.1:4100'),
    PLATFORM_JWT_AUDIENCE: z.string().min(1).default(PRODUCT.productId),
    PLATFORM_JWT_PUBLIC_KEY: optionalEnv(
      z.string().includes('BEGIN PUBLIC KEY', { message: 'expected a PEM public key' }),
    ),
    PLATFORM_JWT_JWKS_URL: optionalEnv(envUrl(['http', 'https'])),
    JWT_SECRET: optionalEnv(z.string().min(32, 'expected at least 32 characters')),
    PLATFORM_JWKS_MAX_STALE_MS: envInt(86_400_000, 60_000, 30 * 86_400_000),
    BREAK_GLASS_TOKEN: optionalEnv(
      z.string().regex(/^[A-Za-z0-9._~+/=-]{32,512}$/, 'expected 32-512 token characters'),
    ),
    PLATFORM_STATUS_POLL_MS: envInt(2000, 250, 60_000),
    PLATFORM_REVOCATION_POLL_MS: envInt(2000, 250, 60_000),
    PLATFORM_STATUS_MAX_AGE_MS: envInt(15_000, 1000, 300_000),
    CORS_ALLOWED_ORIGINS: envList(),
    DYNAMIC_CONFIG_REFRESH_MS: envInt(5000, 250, 600_000),
    ENABLE_BACKTEST: envBoolean(true),
    /** Memory for stored candle ranges read back by research (0 = off); see cached-candle-store.ts. */
    CANDLE_CACHE_MB: envInt(256, 0, 65_536),
    /** Worker threads per instance for queued research jobs; default: cores - 1 (at least 1). */
    JOB_WORKERS: optionalEnv(z.coerce.number().int().min(1).max(64)),
    /** pg-boss's schema (with DATABASE_URL); created on first start. */
    JOB_QUEUE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier')
      .default('pgboss'),
    BACKTEST_CUSTOMER_ENABLED: envBoolean(false),
    TAB_MARKETPLACE_ENABLED: envBoolean(true),
    TAB_MEMBERSHIP_ENABLED: envBoolean(true),
    MARKET_SEED: envInt(42, 0, 2 ** 31 - 1),
    MARKET_TICK_MS: envInt(1000, 10, 60_000),
    EXCHANGE: z.enum(['paper', 'paper-remote', 'ccxt']).default('paper'),
    PAPER_VENUE_URL: optionalEnv(envUrl(['http', 'https'])),
    CCXT_EXCHANGE_ID: optionalEnv(z.string().regex(/^[a-z0-9]+$/)),
    CCXT_API_KEY: optionalEnv(z.string().min(1)),
    CCXT_API_SECRET: optionalEnv(z.string().min(1)),
    CCXT_SANDBOX: envBoolean(true),
    CCXT_TENANT_ID: optionalEnv(z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/)),
    /**
     * A local exchange speaking Binance's protocol (backend/test-support/local-binance), offered
     * to venue accounts as venue id `localbinance`; unset: not offered.
     */
    LOCAL_EXCHANGE_URL: optionalEnv(envUrl(['http', 'https'])),
    /** Demo tenants and profiles; on by default except in production, which refuses it. */
    DEMO_SEED: optionalEnv(envBoolean(false)),
    /** Bearer token /metrics asks for; without it /metrics is served to loopback callers only. */
    METRICS_TOKEN: optionalEnv(z.string().min(24, 'expected at least 24 characters')),
    RATE_LIMIT_PER_MINUTE: envInt(600, 1, 1_000_000),
    /**
     * Alert e-mail relay: `smtps://` implicit TLS, `smtp://` STARTTLS (required). Unset: no
     * e-mail channel (rules for it wait, recorded as pending, until one is configured).
     */
    ALERT_SMTP_URL: optionalEnv(envUrl(['smtp', 'smtps'])),
    ALERT_MAIL_FROM: z.string().min(3).default(`alerts@${PRODUCT.domain}`),
    /** Expo push for the mobile app (needs egress to exp.host); EXPO_ACCESS_TOKEN if enforced. */
    ALERT_PUSH_ENABLED: envBoolean(false),
    EXPO_ACCESS_TOKEN: optionalEnv(z.string().min(10)),
    ALERT_WEBHOOKS_ENABLED: envBoolean(true),
    /**
     * Address ranges webhooks may reach although they are not public (CIDR or single address,
     * comma-separated, e.g. `10.20.0.0/16,127.0.0.1`). Empty: public addresses only. Loopback,
     * private, link-local and metadata addresses are refused unless listed here.
     */
    WEBHOOK_EGRESS_ALLOW: envList().refine(
      (list) =>
        list.every((entry) => {
          const [address = '', bits] = entry.split('/');
          const family = isIP(address);
          const max = family === 6 ? 128 : 32;
          return (
            family !== 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max))
          );
        }),
      'expected comma-separated IP addresses or CIDR ranges',
    ),
    ALERT_NOTIFIER_INTERVAL_MS: envInt(5_000, 250, 600_000),
    BODY_LIMIT_BYTES: envInt(65_536, 1024, 10_485_760),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.PLATFORM_AUTH_ENABLED) {
      ctx.addIssue({
        code: 'custom',
        path: ['PLATFORM_AUTH_ENABLED'],
        message: 'must be true when NODE_ENV=production',
      });
    }
    if (env.NODE_ENV === 'production' && env.DEMO_SEED === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_SEED'],
        message:
          'is refused when NODE_ENV=production: the demo seed creates accounts whose passwords are published',
      });
    }
    if (env.JWT_SECRET && (env.PLATFORM_JWT_PUBLIC_KEY || env.PLATFORM_JWT_JWKS_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'HS256 compatibility cannot be combined with an RS256 key or JWKS URL; set one',
      });
    }
    if (env.EXCHANGE === 'paper-remote' && !env.PAPER_VENUE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PAPER_VENUE_URL'],
        message: 'required when EXCHANGE=paper-remote',
      });
    }
    if (env.EXCHANGE === 'ccxt' && !env.CCXT_TENANT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['CCXT_TENANT_ID'],
        message: 'required when EXCHANGE=ccxt (the tenant whose venue account the keys open)',
      });
    }
    if (env.EXCHANGE === 'ccxt' && !env.CCXT_EXCHANGE_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['CCXT_EXCHANGE_ID'],
        message: 'required when EXCHANGE=ccxt',
      });
    }
  })
  .transform((env) => ({ ...env, DEMO_SEED: env.DEMO_SEED ?? env.NODE_ENV !== 'production' }));
export type BackendEnv = z.infer<typeof BackendEnvSchema>;

/** For tests and tools: parse a given source without exiting. */
export const parseBackendEnv = (source: Record<string, string | undefined>): BackendEnv =>
  parseEnv(BackendEnvSchema, source);

export const loadBackendEnv = (): BackendEnv =>
  loadEnvOrExit(BackendEnvSchema, process.env, 'trading-backend');
