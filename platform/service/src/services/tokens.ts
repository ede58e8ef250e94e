import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, createLocalJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { AccessClaims, AppError, ServiceClaims, type Role } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import type { KeyStore } from '../keys/key-store.js';

/** Opaque secrets (refresh and reset tokens): 256 random bits, base64url. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** Only this digest is stored, so a database leak yields no usable token. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export type VerifiedPrincipal =
  { kind: 'user'; claims: AccessClaims } | { kind: 'service'; claims: ServiceClaims };

export interface TokenConfig {
  issuer: string;
  audience: string;
  accessTtlS: number;
}

export class TokenService {
  constructor(
    private readonly keys: KeyStore,
    private readonly clock: Clock,
    readonly config: TokenConfig,
  ) {}

  async signAccess(c: { sub: string; tenant: string; role: Role; sid: string }): Promise<string> {
    return this.sign({ ...c, typ: 'access' });
  }

  async signService(clientId: string): Promise<string> {
    return this.sign({
      sub: `svc:${clientId}`,
      tenant: 'system',
      role: 'operator',
      typ: 'service',
    });
  }

  private async sign(claims: Record<string, string>): Promise<string> {
    const { kid, key } = this.keys.signingKey();
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.config.accessTtlS)
      .sign(key);
  }

  /**
   * Verifies as any relying party would: RS256 only, against the published JWKS, issuer and
   * audience pinned. `alg: none`, HS256 with the public key as secret, or a foreign key all fail.
   */
  async verify(token: string): Promise<VerifiedPrincipal> {
    try {
      return await this.verifyOnce(token);
    } catch (e) {
      // A kid we do not know may come from a rotation by another instance or the CLI.
      if (!(e instanceof AppError && e.cause instanceof joseErrors.JWKSNoMatchingKey)) throw e;
      await this.keys.reload();
      return this.verifyOnce(token);
    }
  }

  private async verifyOnce(token: string): Promise<VerifiedPrincipal> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(this.keys.jwks()), {
        algorithms: ['RS256'],
        issuer: this.config.issuer,
        audience: this.config.audience,
        currentDate: this.clock.now(),
      });
      if (payload.typ === 'service')
        return { kind: 'service', claims: ServiceClaims.parse(payload) };
      const claims = AccessClaims.parse(payload);
      if (claims.typ !== 'access') throw new AppError('TOKEN_INVALID');
      return { kind: 'user', claims };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired)
        throw new AppError('TOKEN_EXPIRED', undefined, { cause: e });
      if (e instanceof AppError) throw e;
      throw new AppError('TOKEN_INVALID', undefined, { cause: e });
    }
  }
}
