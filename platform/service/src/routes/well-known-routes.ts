import type { FastifyInstance } from 'fastify';
import type { Platform } from '../services/platform.js';

/** Discovery for relying parties: any OIDC-aware verifier can be pointed at the issuer URL. */
export function registerWellKnownRoutes(app: FastifyInstance, platform: Platform): void {
  const issuer = platform.tokens.config.issuer;
  app.get('/.well-known/jwks.json', async (_req, reply) =>
    // Short cache: verifiers refetch on an unknown kid anyway, and rotation must spread quickly.
    reply.header('cache-control', 'public, max-age=60').send(platform.keys.jwks()),
  );
  app.get('/.well-known/openid-configuration', async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').send({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/auth/login`,
      revocation_endpoint: `${issuer}/auth/logout`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['none'],
      claims_supported: ['sub', 'tenant', 'role', 'sid', 'iss', 'aud', 'exp', 'iat', 'typ'],
    }),
  );
}
