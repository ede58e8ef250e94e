import type { AlertKind, AlertSeverity, TradingMode } from '@bytelyst/trading-contracts';

/** An alert to raise, before it has a tenant scope and id (services/alerts/alert-service.ts). */
export interface AlertDraft {
  tenantId: string | null;
  profileId: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  code: string;
  message: string;
  source?: string | undefined;
}

export interface ControlChangeFacts {
  scope: 'global' | 'tenant' | 'profile';
  targetId: string | null;
  /** The tenant that owns the target (null for global). */
  tenantId: string | null;
  /** Null: never set before (RUNNING). */
  before: TradingMode | null;
  after: TradingMode;
  reason: string;
  by: string;
}

/** What one control change raises and closes: at most one new alert, at most one resolved. */
export interface ControlChangeAlerts {
  raise: AlertDraft | null;
  /** The halt whose alert this change ends (`halt:<scope>[:<target>]`). */
  resolveSource: string | null;
}

export const haltSource = (scope: ControlChangeFacts['scope'], targetId: string | null): string =>
  targetId ? `halt:${scope}:${targetId}` : `halt:${scope}`;

const where = (f: ControlChangeFacts): string =>
  f.scope === 'global' ? 'for every tenant' : `for ${f.scope} ${f.targetId ?? ''}`;

/**
 * The alert a trading-mode change raises. A halt is a `risk_halt` that stays open until the halt
 * is lifted (lifting resolves it); a pause, a resume, or lifting a halt is a `control_change`.
 * Setting the mode it already has raises nothing.
 */
export function controlChangeAlerts(f: ControlChangeFacts): ControlChangeAlerts {
  const before = f.before ?? 'RUNNING';
  if (before === f.after) return { raise: null, resolveSource: null };
  const source = haltSource(f.scope, f.targetId);
  const base = {
    tenantId: f.tenantId,
    profileId: f.scope === 'profile' ? f.targetId : null,
  };
  const why = ` by ${f.by}: ${f.reason}`;
  if (f.after === 'HALTED')
    return {
      raise: {
        ...base,
        kind: 'risk_halt',
        severity: 'critical',
        code: 'TRADING_HALTED',
        message:
          `Trading halted ${where(f)}${why}. Open orders are cancelled and nothing is placed ` +
          'until the halt is lifted.',
        source,
      },
      resolveSource: null,
    };
  const what =
    before === 'HALTED'
      ? `Trading halt lifted ${where(f)}, now ${f.after}`
      : f.after === 'PAUSED'
        ? `Trading paused ${where(f)}: no new entries, exits still managed`
        : `Trading resumed ${where(f)}`;
  return {
    raise: {
      ...base,
      kind: 'control_change',
      severity: f.after === 'PAUSED' ? 'warning' : 'info',
      code: 'CONTROL_CHANGED',
      message: `${what}${why}.`,
    },
    resolveSource: before === 'HALTED' ? source : null,
  };
}

/** A profile switched off or on by a person: its owner hears of it. */
export function profileToggleAlert(o: {
  tenantId: string;
  profileId: string;
  name: string;
  enabled: boolean;
  by: string;
}): AlertDraft {
  return {
    tenantId: o.tenantId,
    profileId: o.profileId,
    kind: 'control_change',
    severity: o.enabled ? 'info' : 'warning',
    code: o.enabled ? 'PROFILE_ENABLED' : 'PROFILE_DISABLED',
    message: o.enabled
      ? `Profile ${o.name} enabled by ${o.by}: it trades again.`
      : `Profile ${o.name} disabled by ${o.by}: no new entries; its open positions stay and can be closed.`,
  };
}
