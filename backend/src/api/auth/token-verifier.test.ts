import { createHmac } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@bytelyst/trading-contracts';
import { createTokenVerifier, type TokenVerifier } from './token-verifier.js';

const ISS = 'https://platform.test';
const AUD = 'bytelyst-trading';
type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

let keys: Keys;
let other: Keys;
let jwk: JWK;
let verifier: TokenVerifier;

const claims = { tenant: 'acme', role: 'user', sid: 's1', typ: 'access' };
const sign = (
  k: Keys,
  opts: {
    kid?: string;
    iss?: string;
    aud?: string | null;
    exp?: string | number;
    nbf?: string | number;
    extra?: Record<string, unknown>;
  } = {},
) => {
  const jwt = new SignJWT({ ...claims, ...opts.extra })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' })
    .setSubject('u-alice')
    .setIssuer(opts.iss ?? ISS)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '15m');
  if (opts.aud !== null) jwt.setAudience(opts.aud ?? AUD);
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  return jwt.sign(k.privateKey);
};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function rejects(token: string, code?: string) {
  const err = await verifier.verify(token).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(401);
  if (code) expect((err as AppError).code).toBe(code);
}

beforeAll(async () => {
  keys = await generateKeyPair('RS256', { extractable: true });
  other = await generateKeyPair('RS256', { extractable: true });
  jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verifier = await createTokenVerifier({
    kind: 'jwks',
    jwks: { keys: [jwk] },
    issuer: ISS,
    audience: AUD,
  });
});

describe('access token verification', () => {
  it('accepts a valid token and reads identity only from claims', async () => {
    const p = await verifier.verify(await sign(keys));
    expect(p).toMatchObject({
      userId: 'u-alice',
      tenantId: 'acme',
      role: 'user',
      sessionId: 's1',
      kind: 'user',
    });
  });

  it('also works from a PEM public key', async () => {
    const pem = await exportSPKI(keys.publicKey);
    const v = await createTokenVerifier({ kind: 'public-key', pem, issuer: ISS, audience: AUD });
    expect((await v.verify(await sign(keys))).tenantId).toBe('acme');
  });

  it('rejects alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u-alice', ...claims, iss: ISS, aud: AUD, exp: Math.floor(Date.now() / 1000) + 600, iat: 1 })}.`;
    await rejects(token, 'TOKEN_INVALID');
  });

  it('rejects an RS256 token re-signed HS256 with the public key (algorithm confusion)', async () => {
    const pem = await exportSPKI(keys.publicKey);
    const header = b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
    const payload = b64({
      sub: 'u-alice',
      ...claims,
      role: 'operator',
      iss: ISS,
      aud: AUD,
      exp: Math.floor(Date.now() / 1000) + 600,
      iat: 1,
    });
    const sig = createHmac('sha256', pem).update(`${header}.${payload}`).digest('base64url');
    await rejects(`${header}.${payload}.${sig}`, 'TOKEN_INVALID');
  });

  it('rejects an unknown kid and a token signed by another key', async () => {
    await rejects(await sign(keys, { kid: 'nope' }), 'TOKEN_INVALID');
    await rejects(await sign(other), 'TOKEN_INVALID');
  });

  it('rejects wrong issuer, wrong or missing audience', async () => {
    await rejects(await sign(keys, { iss: 'https://evil.test' }));
    await rejects(await sign(keys, { aud: 'another-product' }));
    await rejects(await sign(keys, { aud: null }));
  });

  it('rejects a token expired past the leeway, and nbf in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejects(await sign(keys, { exp: now - 120 }), 'TOKEN_EXPIRED');
    await rejects(await sign(keys, { nbf: now + 300 }), 'TOKEN_INVALID');
  });

  it('tolerates small clock skew within the leeway', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await verifier.verify(await sign(keys, { exp: now - 5 }))).userId).toBe('u-alice');
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = (await sign(keys)).split('.');
    const forged = b64({
      sub: 'u-alice',
      ...claims,
      role: 'operator',
      iss: ISS,
      aud: AUD,
      exp: Math.floor(Date.now() / 1000) + 600,
      iat: 1,
    });
    await rejects(`${h}.${forged}.${s}`, 'TOKEN_INVALID');
  });

  it('rejects a refresh token or a token missing tenant claims', async () => {
    await rejects(await sign(keys, { extra: { typ: 'refresh' } }), 'TOKEN_INVALID');
    await rejects(await sign(keys, { extra: { tenant: undefined } }), 'TOKEN_INVALID');
  });

  it('HS256 compatibility mode accepts only HS256 with the configured secret', async () => {
    const secret = 's'.repeat(40);
    const v = await createTokenVerifier({ kind: 'hs256', secret, issuer: ISS, audience: AUD });
    const hs = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-alice')
      .setIssuer(ISS)
      .setAudience(AUD)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    expect((await v.verify(hs)).userId).toBe('u-alice');
    await expect(v.verify(await sign(keys))).rejects.toBeInstanceOf(AppError);
  });
});
