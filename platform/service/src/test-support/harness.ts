import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PRODUCT, type TokenPair } from '@bytelyst/trading-contracts';
import { buildApp } from '../app.js';
import { manualClock, type ManualClock } from '../domain/clock.js';
import { TEST_COST } from '../services/passwords.js';
import { createPlatform, type Platform } from '../services/platform.js';
import { DEMO_PASSWORD } from '../services/seed.js';
import type { TestDbKind } from '../storage/test-db.js';

export const ISSUER = 'http://platform.test';
export const AUDIENCE = PRODUCT.productId;

export interface Harness {
  platform: Platform;
  app: FastifyInstance;
  clock: ManualClock;
  login(email: string, password?: string): Promise<TokenPair>;
  json<T = unknown>(res: LightMyRequestResponse): T;
  close(): Promise<void>;
}

/** A real platform (demo seed, cheap argon2id) on the given database, driven through inject. */
export async function startHarness(
  kind: TestDbKind,
  opts: { serviceClientSecret?: string; rateLimits?: Record<string, number> } = {},
): Promise<Harness> {
  const clock = manualClock(new Date());
  const db = await kind.open();
  const platform = await createPlatform({
    db,
    clock,
    config: {
      issuer: ISSUER,
      audience: AUDIENCE,
      accessTtlS: 900,
      refreshTtlS: 30 * 86_400,
      serviceClientSecret: opts.serviceClientSecret,
      resetUrlBase: 'http://web.test/reset-password',
      seedDemo: true,
      hasherCost: TEST_COST,
    },
  });
  const app = await buildApp({
    platform,
    logLevel: 'silent',
    devRoutes: true,
    rateLimits: { loginPerMinute: 1000, refreshPerMinute: 1000, ...opts.rateLimits },
  });
  const json = <T>(res: LightMyRequestResponse) => JSON.parse(res.body) as T;
  return {
    platform,
    app,
    clock,
    json,
    async login(email, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return json<TokenPair>(res);
    },
    async close() {
      await app.close();
      await platform.close();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
