import { z } from 'zod';
import { freeText, Id, lineText, Reason, Role, Timestamp } from '../primitives.js';

/** Wire types of the platform-service (identity, flags, telemetry); product status is in control.ts. */
export const Email = z.email().max(254);
export const Password = z.string().min(10).max(200);

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

export const TokenPair = z.strictObject({
  accessToken: z.string().min(1).max(4096),
  refreshToken: z.string().min(1).max(512),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().positive(),
  user: z.strictObject({
    id: Id,
    tenantId: Id,
    email: Email,
    displayName: z.string().max(120).nullable(),
    role: Role,
  }),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(512) });
export type RefreshBody = z.infer<typeof RefreshBody>;

export const PasswordResetRequestBody = z.strictObject({ email: Email });
export const PasswordResetConfirmBody = z.strictObject({
  token: z.string().min(16).max(256),
  newPassword: Password,
});

export const SessionInfo = z.strictObject({
  id: Id,
  createdAt: Timestamp,
  lastUsedAt: Timestamp,
  userAgent: z.string().max(300).nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Access token claims the platform signs and every verifier reads. */
export const AccessClaims = z.object({
  sub: Id,
  tenant: Id,
  role: Role,
  sid: Id,
  iss: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number().int(),
  iat: z.number().int(),
  typ: z.literal('access').optional(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

export const FlagRule = z.strictObject({
  key: lineText().min(1).max(64),
  defaultValue: z.boolean(),
  tenants: z.record(Id, z.boolean()).default({}),
  users: z.record(Id, z.boolean()).default({}),
  /** 0..100: share of users (by stable hash) for whom the flag is on when no target matches. */
  rolloutPercent: z.number().int().min(0).max(100).nullable().default(null),
});
export type FlagRule = z.infer<typeof FlagRule>;

export const TelemetryEvent = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z][a-z0-9_.:-]*$/),
  surface: z.enum(['web', 'mobile', 'backend']),
  appVersion: lineText().min(1).max(32),
  sessionId: lineText().min(1).max(64),
  requestId: lineText().min(1).max(128).nullable(),
  at: Timestamp,
  attributes: z
    .record(lineText().max(64), z.union([freeText().max(500), z.number(), z.boolean()]))
    .default({}),
});
export type TelemetryEvent = z.infer<typeof TelemetryEvent>;

export const TelemetryBatch = z.strictObject({ events: z.array(TelemetryEvent).min(1).max(100) });
export type TelemetryBatch = z.infer<typeof TelemetryBatch>;

/** A token for backend-to-backend calls (`POST /auth/service-token`); never a user session. */
export const ServiceTokenBody = z.strictObject({
  clientId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/),
  clientSecret: z.string().min(1).max(512),
});
export type ServiceTokenBody = z.infer<typeof ServiceTokenBody>;

export const ServiceTokenResponse = z.strictObject({
  accessToken: z.string().min(1).max(4096),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().positive(),
});
export type ServiceTokenResponse = z.infer<typeof ServiceTokenResponse>;

export const ServiceClaims = z.object({
  sub: z.string().regex(/^svc:[A-Za-z0-9_.-]+$/),
  tenant: z.literal('system'),
  role: z.literal('operator'),
  iss: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number().int(),
  iat: z.number().int(),
  typ: z.literal('service'),
});
export type ServiceClaims = z.infer<typeof ServiceClaims>;

/**
 * The longest an access or service token may live (exp - iat). The platform issues 15 minutes;
 * a verifier refuses anything longer, so a token minted with a stolen key or a misconfigured
 * issuer cannot outlive the revocation window for years.
 */
export const MAX_TOKEN_LIFETIME_S = 3600;

/** Why a token's times are unacceptable, or null: lifetime too long, issued in the future. */
export function tokenTimeProblem(
  c: { iat: number; exp: number },
  nowS: number,
  leewayS: number,
): string | null {
  if (c.iat > nowS + leewayS) return 'The token was issued in the future.';
  if (c.exp - c.iat > MAX_TOKEN_LIFETIME_S) return 'The token lives longer than allowed.';
  return null;
}

/**
 * The revocation feed (`GET /auth/revocations`): sessions ended (sign-out, revoke, refresh reuse,
 * password reset, disabled user or tenant) since a time. A session is named by the sha256 of its
 * id, hex, so the feed is useless to anyone without a token of that session; relying services
 * poll it and refuse those sessions' access tokens without calling the platform per request.
 */
export const RevocationsQuery = z.strictObject({ since: Timestamp.optional() });
export const RevocationsResponse = z.strictObject({
  items: z.array(
    z.strictObject({ sessionKey: z.string().regex(/^[0-9a-f]{64}$/), revokedAt: Timestamp }),
  ),
  /** The platform's time of the answer: the next poll asks from a little before it. */
  asOf: Timestamp,
});
export type RevocationsResponse = z.infer<typeof RevocationsResponse>;

export const LogoutBody = z.strictObject({ refreshToken: z.string().min(1).max(512).optional() });
export const AcceptedResponse = z.strictObject({ accepted: z.literal(true) });
export const SessionsResponse = z.strictObject({ sessions: z.array(SessionInfo) });

/** Admin change of a product's accessibility; `reason` lands in the audit log. */
export const ProductStatusUpdateBody = z.strictObject({
  enabled: z.boolean().optional(),
  maintenance: z
    .strictObject({
      active: z.boolean(),
      message: freeText().trim().max(500).nullable().default(null),
      expectedEndAt: Timestamp.nullable().default(null),
    })
    .optional(),
  reason: Reason,
});
export type ProductStatusUpdateBody = z.infer<typeof ProductStatusUpdateBody>;

/** Flags as the platform evaluates them for the caller (targeting needs a token). */
export const PlatformFlagsResponse = z.strictObject({
  flags: z.record(z.string().min(1).max(64), z.boolean()),
  updatedAt: Timestamp,
});
export type PlatformFlagsResponse = z.infer<typeof PlatformFlagsResponse>;

/** A FlagRule for `PUT /products/:productId/flags/:key`; `key` may be left out (the path names it). */
export const FlagRuleBody = FlagRule.extend({
  key: FlagRule.shape.key.optional(),
  reason: Reason.optional(),
});
export type FlagRuleBody = z.infer<typeof FlagRuleBody>;
export const PlatformFlagRulesResponse = z.strictObject({ rules: z.array(FlagRule) });

export const Tenant = z.strictObject({
  id: Id,
  name: z.string().min(1).max(120),
  disabled: z.boolean(),
  createdAt: Timestamp,
});
export type Tenant = z.infer<typeof Tenant>;
export const CreateTenantBody = z.strictObject({ id: Id, name: lineText().trim().min(1).max(120) });
/** Disabling a tenant (operators) or a user (their tenant's admins) ends their sessions at once. */
export const SetDisabledBody = z.strictObject({ disabled: z.boolean(), reason: Reason });
export type SetDisabledBody = z.infer<typeof SetDisabledBody>;

export const PlatformUser = z.strictObject({
  id: Id,
  tenantId: Id,
  email: Email,
  displayName: z.string().max(120).nullable(),
  role: Role,
  disabled: z.boolean(),
  createdAt: Timestamp,
});
export type PlatformUser = z.infer<typeof PlatformUser>;
export const CreateUserBody = z.strictObject({
  id: Id.optional(),
  tenantId: Id,
  email: Email,
  password: Password,
  role: Role.default('user'),
  displayName: lineText().trim().min(1).max(120).nullable().default(null),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const TelemetryAccepted = z.strictObject({ accepted: z.number().int().nonnegative() });
export const TelemetryQuery = z.strictObject({
  name: lineText().max(100).optional(),
  surface: z.enum(['web', 'mobile', 'backend']).optional(),
  sessionId: lineText().max(64).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TelemetryQuery = z.infer<typeof TelemetryQuery>;
export const TelemetryRecord = TelemetryEvent.extend({
  id: z.string().regex(/^\d+$/),
  receivedAt: Timestamp,
  tenantId: Id.nullable(),
  userId: Id.nullable(),
});
export type TelemetryRecord = z.infer<typeof TelemetryRecord>;

/** The platform's own audit trail (identity and product controls), hash-chained like AuditEvent. */
export const PlatformAuditAction = z.enum([
  'auth.failure',
  /** Repeats of an anonymous failure from one source in one window, counted in one row. */
  'auth.failure_aggregate',
  'auth.lockout',
  'auth.throttled',
  'auth.denied',
  'auth.session_ended',
  'auth.refresh_reuse',
  'auth.password_reset',
  'auth.session_revoked',
  'tenant.create',
  'user.create',
  'user.disable',
  'user.enable',
  'tenant.disable',
  'tenant.enable',
  'product.status_set',
  'flags.set',
  'keys.rotate',
]);
export type PlatformAuditAction = z.infer<typeof PlatformAuditAction>;

export const PlatformAuditEvent = z.strictObject({
  id: Id,
  seq: z.number().int().nonnegative(),
  at: Timestamp,
  actor: z.strictObject({
    /** `admin` names rows written before operators and tenant admins were told apart. */
    type: z.enum(['user', 'tenant_admin', 'operator', 'admin', 'service', 'system']),
    id: z.string().min(1).max(128),
    tenantId: Id.nullable(),
  }),
  tenantId: Id.nullable(),
  action: PlatformAuditAction,
  target: z.string().max(200),
  before: z.json().nullable(),
  after: z.json().nullable(),
  reason: z.string().max(500).nullable(),
  requestId: z.string().max(128).nullable(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PlatformAuditEvent = z.infer<typeof PlatformAuditEvent>;
export const PlatformAuditQuery = z.strictObject({
  action: PlatformAuditAction.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DevMailboxMessage = z.strictObject({
  to: Email,
  subject: z.string(),
  text: z.string(),
  sentAt: Timestamp,
});
export type DevMailboxMessage = z.infer<typeof DevMailboxMessage>;
