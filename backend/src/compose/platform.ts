import { PRODUCT } from '@bytelyst/trading-contracts';
import { PlatformStatusClient } from '../adapters/platform/platform-status-client.js';
import { PlatformRevocationFeed } from '../adapters/platform/revocation-feed.js';
import type { SqlStore } from '../adapters/store/index.js';
import { createTokenVerifier, type TokenVerifier } from '../api/auth/token-verifier.js';
import type { ProductStatusSource } from '../ports/product-status-source.js';
import { noRevocations, type RevocationSource } from '../ports/revocations.js';
import { verifierConfigFrom } from '../verifier-config.js';
import type { ProcessContext } from './config.js';

/** What the backend takes from the platform service: product status, token keys, sign-outs. */
export interface PlatformLinks {
  readonly productStatus: ProductStatusSource;
  /** null = auth switched off (every request acts as the local admin). */
  readonly verifier: TokenVerifier | null;
  readonly revocations: RevocationSource;
}

export async function connectPlatform(
  ctx: ProcessContext,
  store: SqlStore,
  overrides: { productStatus?: ProductStatusSource; revocations?: RevocationSource },
): Promise<PlatformLinks> {
  const { env, logger, clock } = ctx;
  const productStatus =
    overrides.productStatus ??
    new PlatformStatusClient({
      baseUrl: env.PLATFORM_API_URL,
      productId: PRODUCT.productId,
      pollMs: env.PLATFORM_STATUS_POLL_MS,
      clock,
      logger,
    });

  const verifierConfig = verifierConfigFrom(env);
  const verifier = verifierConfig
    ? await createTokenVerifier(verifierConfig, {
        store,
        maxStaleMs: env.PLATFORM_JWKS_MAX_STALE_MS,
        onError: (err, what) => logger.warn({ err }, `${what} failed; keeping the last good keys`),
      })
    : null;
  if (!verifier) logger.warn('PLATFORM_AUTH_ENABLED=false: every request acts as the local admin');
  // Signed-out sessions are learnt from the platform's feed in the background (never per request).
  const revocations: RevocationSource =
    overrides.revocations ??
    (verifier
      ? new PlatformRevocationFeed({
          baseUrl: env.PLATFORM_API_URL,
          pollMs: env.PLATFORM_REVOCATION_POLL_MS,
          logger,
        })
      : noRevocations);
  revocations.start();
  return { productStatus, verifier, revocations };
}
