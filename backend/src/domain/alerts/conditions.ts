import type { ProductStatus } from '@bytelyst/trading-contracts';
import type { AlertDraft } from './control-alerts.js';

/**
 * A lasting condition one instance watches: while `active` its alert is open (raised once, after
 * `graceMs`, so a blip raises nothing); when it ends the alert is resolved.
 */
export interface WatchedCondition {
  tenantId: string | null;
  source: string;
  active: boolean;
  graceMs: number;
  alert: AlertDraft;
}

/** What a loop owner knows of one of its tenants. */
export interface TenantHealth {
  tenantId: string;
  venueUnreachable: boolean;
  /** The tenant's symbols with no tick within the stale bound. */
  staleSymbols: readonly string[];
  /** The market-data feeds of the venues its accounts are on (VenueFeedState's fields). */
  venueFeeds?: readonly {
    feed: string;
    venueId: string;
    mode: string;
    silentSinceStart: boolean;
    problem: string | null;
  }[];
}

export interface ConditionFacts {
  now: number;
  instanceId: string;
  /** Null status: the platform never answered (product conditions are then unknown). */
  product: { status: ProductStatus | null; receivedAt: number | null; maxAgeMs: number };
  /** Tenants whose loop this instance owns. */
  tenants: readonly TenantHealth[];
  /** Every tenant this instance knows, with whether it is disabled. */
  tenantsDisabled: readonly { tenantId: string; disabled: boolean }[];
  marketStaleMs: number;
  /** How long an outage must last before it raises an alert. */
  outageGraceMs: number;
}

/**
 * Every condition this instance is responsible for, active or not. Pure: the caller snapshots the
 * engine, the product status and the controls, and syncs the result with the alert rows.
 * Per-instance facts (reaching the platform) carry the instance id in their source, so two
 * instances that disagree do not resolve each other's alert.
 */
export function watchedConditions(f: ConditionFacts): WatchedCondition[] {
  const out: WatchedCondition[] = [];
  const grace = f.outageGraceMs;
  for (const t of f.tenants) {
    out.push({
      tenantId: t.tenantId,
      source: 'outage:venue',
      active: t.venueUnreachable,
      graceMs: grace,
      alert: {
        tenantId: t.tenantId,
        profileId: null,
        kind: 'outage',
        severity: 'critical',
        code: 'VENUE_OUTAGE',
        message:
          'The venue does not answer: no new entries until it does; open orders are asked ' +
          'about again as soon as it is back.',
        source: 'outage:venue',
      },
    });
    out.push({
      tenantId: t.tenantId,
      source: 'outage:market_data',
      active: t.staleSymbols.length > 0,
      graceMs: grace,
      alert: {
        tenantId: t.tenantId,
        profileId: null,
        kind: 'outage',
        severity: 'warning',
        code: 'DATA_OUTAGE',
        message:
          `Market data is stale for ${t.staleSymbols.slice(0, 10).join(', ')} (no price for ` +
          `over ${Math.round(f.marketStaleMs / 1000)} s): no new entries on them until it flows.`,
        source: 'outage:market_data',
      },
    });
    // One alert per venue feed the tenant trades on, open while its venue has stayed silent
    // since the feed started (the stream never answered, or the start never completed).
    for (const f of t.venueFeeds ?? []) {
      const source = `outage:venue_feed:${f.feed}`;
      const noData = f.mode === 'starting' || f.mode === 'failed';
      out.push({
        tenantId: t.tenantId,
        source,
        active: f.silentSinceStart,
        graceMs: grace,
        alert: {
          tenantId: t.tenantId,
          profileId: null,
          kind: 'outage',
          severity: noData ? 'critical' : 'warning',
          code: 'VENUE_FEED_SILENT',
          message: noData
            ? `${f.problem ?? `${f.venueId} market data has not answered`}: profiles on ` +
              `${f.venueId} have no market data (no new entries) until it does.`
            : `${f.problem ?? `${f.venueId} stream has not answered`}. Profiles on ` +
              `${f.venueId} trade on polled data, later than the stream would bring it.`,
          source,
        },
      });
    }
  }
  const { status, receivedAt, maxAgeMs } = f.product;
  const platformSource = `outage:platform:${f.instanceId}`;
  out.push({
    tenantId: null,
    source: platformSource,
    active: receivedAt === null || f.now - receivedAt > maxAgeMs,
    graceMs: grace,
    alert: {
      tenantId: null,
      profileId: null,
      kind: 'outage',
      severity: 'critical',
      code: 'PLATFORM_UNREACHABLE',
      message:
        `Instance ${f.instanceId} has no fresh product status from the platform: it opens no ` +
        'new positions until the platform answers again.',
      source: platformSource,
    },
  });
  if (status) {
    out.push({
      tenantId: null,
      source: 'product:kill_switch',
      active: !status.enabled,
      graceMs: 0,
      alert: {
        tenantId: null,
        profileId: null,
        kind: 'control_change',
        severity: 'critical',
        code: 'KILL_SWITCH_ON',
        message: 'The product kill switch is on: no new positions anywhere until it is lifted.',
        source: 'product:kill_switch',
      },
    });
    out.push({
      tenantId: null,
      source: 'product:maintenance',
      active: status.maintenance.active,
      graceMs: 0,
      alert: {
        tenantId: null,
        profileId: null,
        kind: 'control_change',
        severity: 'warning',
        code: 'MAINTENANCE_ON',
        message:
          `Maintenance started: no new exposure; exits, stops and cancels still work.` +
          (status.maintenance.message ? ` ${status.maintenance.message}` : ''),
        source: 'product:maintenance',
      },
    });
  }
  for (const t of f.tenantsDisabled) {
    out.push({
      tenantId: t.tenantId,
      source: 'control:tenant_disabled',
      active: t.disabled,
      graceMs: 0,
      alert: {
        tenantId: t.tenantId,
        profileId: null,
        kind: 'control_change',
        severity: 'critical',
        code: 'TENANT_DISABLED',
        message: 'This tenant is disabled: its trading stops and its users are signed out.',
        source: 'control:tenant_disabled',
      },
    });
  }
  return out;
}
