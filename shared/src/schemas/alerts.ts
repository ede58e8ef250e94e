import { z } from 'zod';
import { Cursor, Id, Timestamp } from '../primitives.js';

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** Severity order for routing: a rule's minimum admits its own level and everything above. */
export const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = {
  info: 0,
  warning: 1,
  critical: 2,
};

/**
 * What an alert is about, so a user can mute or route a whole family at once. `other` holds codes
 * no family claims yet (a new code should get one here, not stay there).
 */
export const AlertKind = z.enum([
  'risk_halt',
  'drawdown',
  'mismatch',
  'order_rejected',
  'outage',
  'model_drift',
  'control_change',
  'fill',
  'other',
]);
export type AlertKind = z.infer<typeof AlertKind>;

/** The engine's alert codes by family; one table so store, routing and docs agree. */
export const ALERT_KIND_BY_CODE: Readonly<Record<string, AlertKind>> = {
  MAX_DRAWDOWN_HALT: 'drawdown',
  EXIT_REFUSED: 'mismatch',
  POSITION_MISMATCH: 'mismatch',
  EXTERNAL_ORDER: 'mismatch',
  EXTERNAL_FILL: 'mismatch',
  OVERFILL_REPORT: 'mismatch',
  ORDER_NOT_PLACED: 'order_rejected',
  MARKET_DATA_STALE: 'outage',
  RISK_HALT: 'risk_halt',
  /** A global, tenant or profile trading mode set to HALTED (resolved when lifted). */
  TRADING_HALTED: 'risk_halt',
  VENUE_OUTAGE: 'outage',
  DATA_OUTAGE: 'outage',
  VENUE_FEED_SILENT: 'outage',
  VENUE_ACCOUNT_UNAVAILABLE: 'outage',
  PLATFORM_UNREACHABLE: 'outage',
  MODEL_DRIFT: 'model_drift',
  CONTROL_CHANGED: 'control_change',
  KILL_SWITCH_ON: 'control_change',
  MAINTENANCE_ON: 'control_change',
  TENANT_DISABLED: 'control_change',
  PROFILE_DISABLED: 'control_change',
  PROFILE_ENABLED: 'control_change',
  ORDER_FILLED: 'fill',
};
export const alertKindOf = (code: string): AlertKind => ALERT_KIND_BY_CODE[code] ?? 'other';

export const AlertState = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

export const Alert = z.strictObject({
  id: Id,
  tenantId: Id.nullable(),
  profileId: Id.nullable(),
  severity: AlertSeverity,
  kind: AlertKind,
  code: z.string().min(1).max(64),
  message: z.string().min(1).max(500),
  state: AlertState,
  /** Kept for older clients: true once acknowledged or resolved. */
  acknowledged: z.boolean(),
  acknowledgedBy: z.string().max(128).nullable(),
  acknowledgedAt: Timestamp.nullable(),
  resolvedBy: z.string().max(128).nullable(),
  resolvedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Alert = z.infer<typeof Alert>;

export const AlertsQuery = z.strictObject({
  profileId: Id.optional(),
  state: AlertState.optional(),
  kind: AlertKind.optional(),
  severity: AlertSeverity.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AlertsQuery = z.infer<typeof AlertsQuery>;

/** Badge counts: alerts not yet acknowledged, by severity. */
export const AlertCounts = z.strictObject({
  open: z.number().int().nonnegative(),
  bySeverity: z.strictObject({
    info: z.number().int().nonnegative(),
    warning: z.number().int().nonnegative(),
    critical: z.number().int().nonnegative(),
  }),
});
export type AlertCounts = z.infer<typeof AlertCounts>;
