import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@bytelyst/trading-contracts';
import { parseBackendEnv } from './env.js';

describe('backend env', () => {
  it('defaults to embedded everything', () => {
    const env = parseBackendEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(4000);
    expect(env.PLATFORM_AUTH_ENABLED).toBe(true);
    expect(env.CORS_ALLOWED_ORIGINS).toEqual([]);
  });

  it('lists every offending key at once', () => {
    try {
      parseBackendEnv({ DATABASE_URL: 'not-a-url', PORT: 'abc', PLATFORM_AUTH_ENABLED: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const keys = (e as ConfigError).issues.map((i) => i.key).sort();
      expect(keys).toEqual(['DATABASE_URL', 'PLATFORM_AUTH_ENABLED', 'PORT']);
    }
  });

  it('refuses the demo seed in production, and leaves it off there by default', () => {
    expect(parseBackendEnv({}).DEMO_SEED).toBe(true);
    expect(parseBackendEnv({ NODE_ENV: 'production' }).DEMO_SEED).toBe(false);
    expect(() => parseBackendEnv({ NODE_ENV: 'production', DEMO_SEED: 'true' })).toThrow(
      /DEMO_SEED: is refused when NODE_ENV=production/,
    );
  });

  it('refuses disabled auth in production and HS256 mixed with RS256', () => {
    expect(() =>
      parseBackendEnv({ NODE_ENV: 'production', PLATFORM_AUTH_ENABLED: 'false' }),
    ).toThrow(/PLATFORM_AUTH_ENABLED/);
    expect(() =>
      parseBackendEnv({
        JWT_SECRET: 'x'.repeat(40),
        PLATFORM_JWT_JWKS_URL: 'http://127.0.0.1/jwks',
      }),
    ).toThrow(/JWT_SECRET/);
  });

  it('a real venue needs its exchange id and the one tenant its keys belong to', () => {
    expect(() => parseBackendEnv({ EXCHANGE: 'ccxt' })).toThrow(
      /CCXT_TENANT_ID[\s\S]*CCXT_EXCHANGE_ID|CCXT_EXCHANGE_ID[\s\S]*CCXT_TENANT_ID/,
    );
    expect(
      parseBackendEnv({ EXCHANGE: 'ccxt', CCXT_EXCHANGE_ID: 'binance', CCXT_TENANT_ID: 'acme' })
        .CCXT_SANDBOX,
    ).toBe(true);
    expect(() => parseBackendEnv({ EXCHANGE: 'paper-remote' })).toThrow(/PAPER_VENUE_URL/);
  });

  it('a bad value stops the process with exit 2 and one readable message, no stack', () => {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'main.ts')],
      {
        env: { ...process.env, DATABASE_URL: 'not-a-url' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('DATABASE_URL');
    expect(res.stderr).toContain('postgres://');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
