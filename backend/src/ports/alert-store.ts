import type {
  Alert,
  AlertCounts,
  AlertKind,
  AlertSeverity,
  AlertState,
  Page,
} from '@bytelyst/trading-contracts';
import type { PageInput, TenantScope } from './scope.js';

export interface AlertsFilter extends PageInput {
  profileId?: string | undefined;
  acknowledged?: boolean | undefined;
  state?: AlertState | undefined;
  kind?: AlertKind | undefined;
  severity?: AlertSeverity | undefined;
}
export interface AlertChange {
  id: string;
  action: 'acknowledge' | 'resolve';
  /** Who: a user id, or null for the system (a block resolution). */
  by?: string | null | undefined;
  /** Refuse (NOT_FOUND) an alert of a profile outside this list; null = any (an admin). */
  onlyProfiles?: readonly string[] | null | undefined;
}
export interface NewAlert {
  id?: string | undefined;
  profileId: string | null;
  severity: AlertSeverity;
  /** Defaults to the code's kind (ALERT_KIND_BY_CODE). */
  kind?: AlertKind | undefined;
  code: string;
  message: string;
  createdAt?: string | undefined;
}

/** An alert about a lasting condition, or a one-off one from a service (not the engine). */
export interface RaisedAlert extends NewAlert {
  /** Null: system-wide (every tenant sees it). */
  tenantId: string | null;
  /**
   * What the alert is about while it lasts (`outage:venue`, `halt:global`). With a source, an
   * alert is not raised again while one of the same tenant and source is unresolved.
   */
  source?: string | undefined;
}

export interface AlertStore {
  /** Inserts, or answers null when an unresolved alert of the same tenant and source exists. */
  raiseAlert(input: RaisedAlert): Promise<Alert | null>;
  /** Resolves the unresolved alert of this tenant (null: system-wide) and source, if any. */
  resolveAlertSource(input: {
    tenantId: string | null;
    source: string;
    by: string;
  }): Promise<Alert | null>;
  createAlert(scope: TenantScope, input: NewAlert): Promise<Alert>;
  listAlerts(scope: TenantScope, filter?: AlertsFilter): Promise<Page<Alert>>;
  /** `onlyProfiles`: refuse (NOT_FOUND) an alert of a profile outside this list. */
  acknowledgeAlert(
    scope: TenantScope,
    id: string,
    options?: { onlyProfiles?: readonly string[] | null | undefined },
  ): Promise<Alert>;
  /** NOT_FOUND unless the alert is the tenant's (or system-wide) and in `onlyProfiles`. */
  getAlert(
    scope: TenantScope,
    options: { id: string; onlyProfiles?: readonly string[] | null | undefined },
  ): Promise<Alert>;
  /** Acknowledge or resolve, returning the row before and after (for the audit log). */
  changeAlert(scope: TenantScope, change: AlertChange): Promise<{ before: Alert; after: Alert }>;
  countOpenAlerts(
    scope: TenantScope,
    filter?: Pick<AlertsFilter, 'onlyProfiles'>,
  ): Promise<AlertCounts>;
}
