import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import {
  AccessClaims,
  AppError,
  ServiceClaims,
  tokenTimeProblem,
} from '@bytelyst/trading-contracts';
import { JwksKeeper, type JwksKeeperOptions } from './jwks-keeper.js';
import { sessionKeyOf } from './session-key.js';
import type { Principal } from './principal.js';

export type VerifierConfig =
  | { kind: 'jwks-url'; url: string; issuer: string; audience: string }
  | { kind: 'jwks'; jwks: { keys: Record<string, unknown>[] }; issuer: string; audience: string }
  | { kind: 'public-key'; pem: string; issuer: string; audience: string }
  | { kind: 'hs256'; secret: string; issuer: string; audience: string };

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /** The principal of a token verified before and not yet expired, without waiting; else null. */
  cached?(token: string): Principal | null;
}

/** Clock skew tolerated on exp/nbf; the issue caps it at 60 s. */
const LEEWAY_S = 30;

/**
 * Verifies access tokens with the algorithm pinned: RS256 against a JWKS or a PEM key, or HS256
 * only when explicitly configured for a legacy issuer (the config refuses both at once). Pinning
 * is what defeats `alg: none` and the RS256-to-HS256 confusion attack.
 */
export async function createTokenVerifier(
  config: VerifierConfig,
  keeping: Omit<JwksKeeperOptions, 'url'> | null = null,
): Promise<TokenVerifier> {
  let key: JWTVerifyGetKey | Awaited<ReturnType<typeof importSPKI>> | Uint8Array;
  let algorithms: string[];
  switch (config.kind) {
    case 'jwks-url':
      if (keeping) {
        // The last good key set is kept in the store and verifies through an issuer outage.
        const keeper = new JwksKeeper({ url: config.url, ...keeping });
        await keeper.warm();
        key = keeper.getKey;
      } else {
        // jose caches keys and refetches on an unknown kid at most once per cooldown window.
        key = createRemoteJWKSet(new URL(config.url), {
          cooldownDuration: 30_000,
          cacheMaxAge: 600_000,
          timeoutDuration: 5000,
        });
      }
      algorithms = ['RS256'];
      break;
    case 'jwks':
      key = createLocalJWKSet(config.jwks);
      algorithms = ['RS256'];
      break;
    case 'public-key':
      key = await importSPKI(config.pem, 'RS256');
      algorithms = ['RS256'];
      break;
    case 'hs256':
      key = new TextEncoder().encode(config.secret);
      algorithms = ['HS256'];
      break;
  }

  // Verified tokens are remembered until they expire: RS256 verification is the costliest step of
  // a request, and a token string always verifies the same way. Failures are never cached.
  const cache = new Map<string, Principal>();
  const CACHE_MAX = 10_000;

  const cached = (token: string): Principal | null => {
    const hit = cache.get(token);
    if (!hit) return null;
    if (hit.expiresAt + LEEWAY_S > Date.now() / 1000) return hit;
    cache.delete(token);
    return null;
  };

  return {
    cached,
    async verify(token: string): Promise<Principal> {
      const hit = cached(token);
      if (hit) return hit;
      const principal = await verifyUncached(token);
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
      cache.set(token, principal);
      return principal;
    },
  };

  async function verifyUncached(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const opts = {
        issuer: config.issuer,
        audience: config.audience,
        algorithms,
        clockTolerance: LEEWAY_S,
      };
      const result =
        typeof key === 'function'
          ? await jwtVerify(token, key, opts)
          : await jwtVerify(token, key, opts);
      payload = result.payload;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired)
        throw new AppError('TOKEN_EXPIRED', undefined, { cause: e });
      throw new AppError('TOKEN_INVALID', undefined, { cause: e });
    }
    // Every token names what it is for: a refresh token, an id token or anything untyped is
    // never accepted as API access.
    const typ = (payload as { typ?: unknown }).typ;
    if (typ !== 'access' && typ !== 'service')
      throw new AppError('TOKEN_INVALID', 'This token cannot be used for API access.');
    const parsed =
      typ === 'service' ? ServiceClaims.safeParse(payload) : AccessClaims.safeParse(payload);
    if (!parsed.success)
      throw new AppError('TOKEN_INVALID', 'The token is missing required claims.');
    const problem = tokenTimeProblem(parsed.data, Math.floor(Date.now() / 1000), LEEWAY_S);
    if (problem) throw new AppError('TOKEN_INVALID', problem);
    const c = parsed.data;
    // A service token has no session: it is a backend-to-backend caller (see /internal routes).
    const sessionId = 'sid' in c ? c.sid : c.sub;
    return {
      userId: c.sub,
      tenantId: c.tenant,
      role: c.role,
      sessionId,
      sessionKey: sessionKeyOf(sessionId),
      expiresAt: c.exp,
      kind: typ === 'service' ? 'service' : 'user',
      previewBy: null,
    };
  }
}
