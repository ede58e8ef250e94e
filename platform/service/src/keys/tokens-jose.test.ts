import {
  SignJWT,
  UnsecuredJWT,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
} from 'jose';
import { AccessClaims } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, ISSUER, bearer, startHarness, type Harness } from '../test-support/harness.js';
import { testDatabases } from '../storage/test-db.js';

describe.each(testDatabases())('tokens and JWKS on $name', (kind) => {
  let h: Harness;
  let jwks: JSONWebKeySet;
  beforeAll(async () => {
    h = await startHarness(kind);
    jwks = h.json<JSONWebKeySet>(await h.app.inject({ url: '/.well-known/jwks.json' }));
  });
  afterAll(async () => h?.close());

  /** What a relying party (the trading backend) does with the published keys. */
  const verify = (token: string, keys: JSONWebKeySet = jwks) =>
    jwtVerify(token, createLocalJWKSet(keys), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256'],
      currentDate: h.clock.now(),
    });

  it('publishes discovery that names this issuer and its JWKS', async () => {
    const conf = h.json<{ issuer: string; jwks_uri: string }>(
      await h.app.inject({ url: '/.well-known/openid-configuration' }),
    );
    expect(conf.issuer).toBe(ISSUER);
    expect(conf.jwks_uri).toBe(`${ISSUER}/.well-known/jwks.json`);
    expect(jwks.keys.every((k) => k.kty === 'RSA' && !('d' in k) && k.kid)).toBe(true);
  });

  it('issues RS256 access tokens with the contract claims that verify against the JWKS', async () => {
    const { accessToken } = await h.login('alice@acme.demo.test');
    const header = decodeProtectedHeader(accessToken);
    expect(header.alg).toBe('RS256');
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    const { payload } = await verify(accessToken);
    const claims = AccessClaims.parse(payload);
    expect(claims).toMatchObject({ sub: 'u-alice', tenant: 'acme', role: 'user', typ: 'access' });
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('rejects a token signed by another key, alg none, and HS256 keyed with the public key', async () => {
    const claims = { sub: 'u-alice', tenant: 'acme', role: 'admin', sid: 'x', typ: 'access' };
    const now = Math.floor(h.clock.now().getTime() / 1000);
    const foreign = await generateKeyPair('RS256');
    const kid = jwks.keys[0]?.kid ?? '';
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(foreign.privateKey);
    await expect(verify(forged)).rejects.toThrow();

    const none = new UnsecuredJWT(claims)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .encode();
    await expect(verify(none)).rejects.toThrow();

    // Algorithm confusion: the attacker knows the public key and uses its PEM as an HMAC secret.
    const pub = await importJWK(jwks.keys[0] ?? {}, 'RS256', { extractable: true });
    const pem = await exportSPKI(pub as CryptoKey);
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(pem));
    await expect(verify(confused)).rejects.toThrow();

    // And the service itself refuses all three on its protected routes.
    for (const token of [forged, none, confused]) {
      const res = await h.app.inject({ url: '/auth/sessions', headers: bearer(token) });
      expect(res.statusCode).toBe(401);
    }
  });

  it('keeps old tokens verifiable across a key rotation (overlap by kid) and drops the key later', async () => {
    const before = await h.login('alice@acme.demo.test');
    const admin = await h.login('admin@demo.bytelyst.test');
    const rotated = await h.app.inject({
      method: 'POST',
      url: '/admin/keys/rotate',
      headers: bearer(admin.accessToken),
    });
    expect(rotated.statusCode).toBe(200);
    const after = await h.login('alice@acme.demo.test');
    const keys = h.json<JSONWebKeySet>(await h.app.inject({ url: '/.well-known/jwks.json' }));
    expect(decodeProtectedHeader(after.accessToken).kid).not.toBe(
      decodeProtectedHeader(before.accessToken).kid,
    );
    await verify(before.accessToken, keys);
    await verify(after.accessToken, keys);

    h.clock.advance((900 + 301) * 1000);
    await h.platform.keys.reload();
    const later = h.json<JSONWebKeySet>(await h.app.inject({ url: '/.well-known/jwks.json' }));
    expect(later.keys.map((k) => k.kid)).toEqual([decodeProtectedHeader(after.accessToken).kid]);
  });

  it('keeps signing keys across a restart (persisted, not regenerated)', async () => {
    const kids = h.platform.keys.jwks().keys.map((k) => k.kid);
    const { KeyStore } = await import('./key-store.js');
    const again = await KeyStore.open(h.platform.db, { clock: h.clock, overlapMs: 1_200_000 });
    expect(again.jwks().keys.map((k) => k.kid)).toEqual(kids);
  });

  it('accepts a token signed after another instance rotated the key (reload on unknown kid)', async () => {
    const { KeyStore } = await import('./key-store.js');
    const { TokenService } = await import('../services/tokens.js');
    const other = await KeyStore.open(h.platform.db, { clock: h.clock, overlapMs: 1_200_000 });
    await other.rotate();
    const otherTokens = new TokenService(other, h.clock, h.platform.tokens.config);
    const token = await otherTokens.signService('other-instance');
    const principal = await h.platform.tokens.verify(token);
    expect(principal).toMatchObject({ kind: 'service', claims: { sub: 'svc:other-instance' } });
  });
});
