import { SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { StoredJwks } from '../../ports/store.js';
import { JwksKeeper } from './jwks-keeper.js';

const URL_ = 'https://issuer.test/.well-known/jwks.json';

async function setup() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  let now = Date.UTC(2026, 0, 1);
  let up = true;
  let stored: StoredJwks | null = null;
  const store = {
    loadJwks: async () => stored,
    saveJwks: async (s: StoredJwks) => void (stored = s),
  };
  const fetchImpl = (async () => {
    if (!up) throw new Error('ECONNREFUSED');
    return new Response(JSON.stringify({ keys: [jwk] }), { status: 200 });
  }) as typeof fetch;
  const token = () =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 600)
      .sign(privateKey);
  const keeper = (maxStaleMs = 3_600_000) =>
    new JwksKeeper({ url: URL_, store, maxStaleMs, now: () => now, fetchImpl, cooldownMs: 0 });
  const verify = async (k: JwksKeeper) =>
    jwtVerify(await token(), k.getKey, { currentDate: new Date(now) }).then(
      () => 'ok',
      (e: unknown) => (e as Error).constructor.name,
    );
  return {
    keeper,
    verify,
    down: () => void (up = false),
    advance: (ms: number) => void (now += ms),
    stored: () => stored,
  };
}

describe('JwksKeeper', () => {
  it('saves what it fetched and verifies with it from the store after a restart while down', async () => {
    const s = await setup();
    const first = s.keeper();
    await first.warm();
    expect(await s.verify(first)).toBe('ok');
    expect(s.stored()?.jwks.keys).toHaveLength(1);
    s.down();
    s.advance(30 * 60_000);
    const restarted = s.keeper();
    await restarted.warm();
    expect(await s.verify(restarted)).toBe('ok');
  });

  it('stops trusting a kept set past its max staleness', async () => {
    const s = await setup();
    const k = s.keeper(3_600_000);
    await k.warm();
    s.down();
    s.advance(3_600_000 - 1000);
    expect(await s.verify(k)).toBe('ok');
    s.advance(2000);
    expect(await s.verify(k)).toBe('JWKSNoMatchingKey');
  });
});
