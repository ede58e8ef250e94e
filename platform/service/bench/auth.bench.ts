/**
 * Figures for the auth hot paths on embedded PGlite, with ratios against a baseline measured in
 * the same process (a bare `SELECT 1` round trip). Run: pnpm exec tsx bench/auth.bench.ts
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { systemClock } from '../src/domain/clock.js';
import { PRODUCTION_COST, TEST_COST } from '../src/services/passwords.js';
import { createPlatform } from '../src/services/platform.js';
import { openPglite } from '../src/storage/db.js';

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(5, n); i++) await fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const per = (performance.now() - t0) / n;
  return { label, perMs: per, perSecond: 1000 / per };
}

async function main() {
  const results: { label: string; perMs: number; perSecond: number }[] = [];
  for (const [name, cost] of [
    ['production', PRODUCTION_COST],
    ['test', TEST_COST],
  ] as const) {
    const db = await openPglite({ dataDir: 'memory://' });
    const p = await createPlatform({
      db,
      clock: systemClock,
      config: {
        issuer: 'http://bench',
        audience: 'bytelyst-trading',
        accessTtlS: 900,
        refreshTtlS: 86_400,
        resetUrlBase: 'http://bench/reset',
        seedDemo: true,
        hasherCost: cost,
      },
    });
    const meta = { requestId: 'bench', source: '127.0.0.1' };
    if (name === 'production') {
      results.push(await time('baseline: SELECT 1 (PGlite)', 500, () => db.query('SELECT 1')));
      const pair = await p.auth.login({
        email: 'alice@acme.demo.test',
        password: 'demo-password-1',
        ...meta,
      });
      const jwks = createLocalJWKSet(p.keys.jwks());
      results.push(
        await time('sign access token (RS256)', 300, () =>
          p.tokens.signAccess({ sub: 'u-alice', tenant: 'acme', role: 'user', sid: 's' }),
        ),
      );
      results.push(
        await time('verify access token via JWKS (jose)', 1000, () =>
          jwtVerify(pair.accessToken, jwks, {
            algorithms: ['RS256'],
            issuer: 'http://bench',
            audience: 'bytelyst-trading',
          }),
        ),
      );
      let refreshToken = pair.refreshToken;
      results.push(
        await time('refresh rotation (PGlite)', 200, async () => {
          refreshToken = (await p.auth.refresh({ refreshToken, ...meta })).refreshToken;
        }),
      );
    }
    results.push(
      await time(`login, argon2id ${name} cost (PGlite)`, name === 'production' ? 20 : 100, () =>
        p.auth.login({ email: 'bob@globex.demo.test', password: 'demo-password-1', ...meta }),
      ),
    );
    await p.close();
  }
  const base = results[0]?.perMs ?? 1;
  console.log(`platform-service auth bench, ${new Date().toISOString()}, node ${process.version}`);
  for (const r of results) {
    console.log(
      `${r.label.padEnd(42)} ${r.perMs.toFixed(3).padStart(9)} ms/op ${r.perSecond.toFixed(0).padStart(8)} op/s  x${(r.perMs / base).toFixed(1)} baseline`,
    );
  }
}

await main();
