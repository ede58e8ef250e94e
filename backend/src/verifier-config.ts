import type { VerifierConfig } from './api/auth/token-verifier.js';
import type { BackendEnv } from './env.js';

/** Chooses how access tokens are verified: exactly one of HS256 secret, PEM key, or JWKS URL. */
export function verifierConfigFrom(env: BackendEnv): VerifierConfig | null {
  if (!env.PLATFORM_AUTH_ENABLED) return null;
  const common = { issuer: env.PLATFORM_JWT_ISSUER, audience: env.PLATFORM_JWT_AUDIENCE };
  if (env.JWT_SECRET) return { kind: 'hs256', secret: env.JWT_SECRET, ...common };
  if (env.PLATFORM_JWT_PUBLIC_KEY)
    return { kind: 'public-key', pem: env.PLATFORM_JWT_PUBLIC_KEY, ...common };
  const url =
    env.PLATFORM_JWT_JWKS_URL ?? `${env.PLATFORM_API_URL.replace(/\/$/, '')}/.well-known/jwks.json`;
  return { kind: 'jwks-url', url, ...common };
}
