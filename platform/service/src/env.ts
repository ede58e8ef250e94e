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

const DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

/** The platform-service's whole configuration; `process.env` is read here and nowhere else. */
export const PlatformEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: envInt(4100, 0, 65535),
    PUBLIC_URL: optionalEnv(envUrl(['http', 'https'])),
    JWT_AUDIENCE: z.string().min(1).default(PRODUCT.productId),
    DATABASE_URL: optionalEnv(envUrl(['postgres', 'postgresql'])),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier')
      .default('platform'),
    PLATFORM_DATA_DIR: z.string().min(1).default('.data/platform'),
    PLATFORM_SEED_DEMO: envBoolean(false),
    /** The surface screen a reset mail links to; the token is appended as `?token=`. */
    PASSWORD_RESET_URL: envUrl(['http', 'https']).default('http://127.0.0.1:5173/reset-password'),
    SMTP_URL: optionalEnv(envUrl(['smtp', 'smtps'])),
    SMTP_FROM: z.string().min(3).default(`no-reply@${PRODUCT.domain}`),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    CORS_ALLOWED_ORIGINS: envList(),
    ACCESS_TOKEN_TTL_S: envInt(900, 30, 86_400),
    REFRESH_TOKEN_TTL_S: envInt(30 * 86_400, 300, 365 * 86_400),
    SERVICE_CLIENT_SECRET: optionalEnv(z.string().min(24, 'expected at least 24 characters')),
    /** How often an instance re-reads product status to pick up changes made by other instances. */
    STATUS_SYNC_MS: envInt(1000, 100, 60_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.PLATFORM_SEED_DEMO)
      ctx.addIssue({
        code: 'custom',
        path: ['PLATFORM_SEED_DEMO'],
        message: 'is refused when NODE_ENV=production: the demo accounts have published passwords',
      });
    if (!env.SMTP_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message:
          'is required when NODE_ENV=production: without it reset mails would go to the dev mailbox',
      });
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ''),
    CORS_ALLOWED_ORIGINS:
      env.CORS_ALLOWED_ORIGINS.length > 0 || env.NODE_ENV === 'production'
        ? env.CORS_ALLOWED_ORIGINS
        : DEV_ORIGINS,
  }));
export type PlatformEnv = z.infer<typeof PlatformEnvSchema>;

/** For tests and tools: parse a given source without exiting. */
export const parsePlatformEnv = (source: Record<string, string | undefined>): PlatformEnv =>
  parseEnv(PlatformEnvSchema, source);

export const loadPlatformEnv = (): PlatformEnv =>
  loadEnvOrExit(PlatformEnvSchema, process.env, 'platform-service');
