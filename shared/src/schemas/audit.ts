import { z } from 'zod';
import { Cursor, Id, RequestId, Timestamp } from '../primitives.js';
import { Actor } from './control.js';

export const AuditAction = z.enum([
  'control.set',
  'control.pause',
  'control.resume',
  'config.set',
  'profile.create',
  'profile.update',
  'profile.delete',
  'profile.enable',
  'profile.disable',
  'profile.blocked',
  /** An operator's decision on a blocked profile: adopt, flatten or keep blocked. */
  'profile.resolve',
  'trade.manual',
  'trade.close',
  'order.cancel',
  'auth.failure',
  /** Repeats of an anonymous failure from one source in one window, counted in one row. */
  'auth.failure_aggregate',
  /** A signed-in caller was refused (403): role, tenant, preview write. */
  'auth.denied',
  'auth.refresh_reuse',
  'reconciliation.run',
  'loop.lease_acquired',
  'loop.lease_lost',
  'loop.tenant_failed',
  'loop.tenant_restarted',
  'product.status_set',
  'flags.set',
  'admin.preview',
  /** Venue accounts: never with credentials, only the venue, label, mode and masked key. */
  'venue_account.connect',
  'venue_account.connect_refused',
  'venue_account.disconnect',
  /**
   * The model registry: a version trained, approved for live venues, switched off (the model
   * kill switch); a profile's model drifted past its bound.
   */
  'model.train',
  'model.approve',
  'model.disable',
  'model.drift',
  'alert.acknowledge',
  'alert.resolve',
  'notifications.set',
  'webhook.create',
  'webhook.create_refused',
  'webhook.delete',
  'webhook.rotate',
  'device.register',
  'device.remove',
  /** A tenant admin changed which interventions the mobile app may take. */
  'mobile_policy.set',
  'promotion_policy.set',
  'profile.promote',
]);
export type AuditAction = z.infer<typeof AuditAction>;

const jsonValue = z.json();

/** Append-only, hash-chained: `hash` covers the row and `prevHash`, so an edit breaks the chain. */
export const AuditEvent = z.strictObject({
  id: Id,
  seq: z.number().int().nonnegative(),
  at: Timestamp,
  actor: Actor,
  tenantId: Id.nullable(),
  action: AuditAction,
  target: z.string().max(200),
  before: jsonValue.nullable(),
  after: jsonValue.nullable(),
  reason: z.string().max(500).nullable(),
  requestId: RequestId.nullable(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.strictObject({
  tenantId: Id.optional(),
  action: AuditAction.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
