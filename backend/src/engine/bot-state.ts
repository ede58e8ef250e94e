import type { BotState, VenueFeedState } from '@bytelyst/trading-contracts';
import type { EngineContext } from './context.js';
import { verdictFor } from './control-verdict.js';
import type { TenantRuntime } from './runtime.js';

/** What every surface shows about a tenant's bot: status, verdict, layers and freshness. */
export function buildBotState(
  ctx: EngineContext,
  options: {
    tenantId: string;
    tenant: TenantRuntime | undefined;
    lastLoopAt: number | null;
    /** Every venue feed of this instance; the tenant's are those of its accounts' venues. */
    venueFeeds?: readonly VenueFeedState[];
  },
): BotState {
  const t = options.tenant;
  const feeds = t ? feedsOfTenant(t, options.venueFeeds ?? []) : [];
  const verdict = verdictFor(ctx, t);
  const c = ctx.controls;
  const now = ctx.clock.now();
  const tenantMode = c.tenants.get(options.tenantId) ?? 'RUNNING';
  const degraded = verdict.reasons.filter(
    (r) =>
      r === 'MARKET_DATA_STALE' ||
      r === 'EXCHANGE_UNREACHABLE' ||
      r === 'PLATFORM_STATUS_UNKNOWN' ||
      r === 'LOOP_NOT_OWNER',
  );
  if (t?.failure) degraded.push('LOOP_NOT_OWNER');
  // Profiles on a venue account that cannot be used wait; the tenant's others trade on.
  const accountProblems = t
    ? [...t.unavailableAccounts].map(([key, why]) =>
        `VENUE_ACCOUNT_UNAVAILABLE ${t.accounts.get(key)?.venue.label ?? key}: ${why}`.slice(
          0,
          200,
        ),
      )
    : [];
  // A degraded venue feed is said in words (which venue, what is wrong): the reason codes
  // above are the controls' own, and a feed polling instead of streaming blocks nothing.
  const feedProblems = feeds.flatMap((f) => (f.problem === null ? [] : [f.problem]));
  const status: BotState['status'] =
    !t || t.status === 'starting'
      ? 'starting'
      : t.status === 'reconciling'
        ? 'reconciling'
        : c.product && !c.product.enabled
          ? 'disabled'
          : c.global === 'HALTED' || tenantMode === 'HALTED'
            ? 'halted'
            : c.global === 'PAUSED' || tenantMode === 'PAUSED'
              ? 'paused'
              : c.product?.maintenance.active
                ? 'maintenance'
                : degraded.length > 0 || feedProblems.length > 0 || accountProblems.length > 0
                  ? 'degraded'
                  : 'running';
  const lastTick = Math.max(-1, ...ctx.lastTickAt.values());
  return {
    status,
    verdict,
    product: c.product,
    productStatusAgeMs:
      c.productReceivedAt === null ? null : Math.max(0, now - c.productReceivedAt),
    globalMode: c.global,
    tenantMode,
    lastTickAt: lastTick < 0 ? null : new Date(lastTick).toISOString(),
    lastLoopAt: options.lastLoopAt === null ? null : new Date(options.lastLoopAt).toISOString(),
    degradedReasons: [
      ...[...new Set(degraded)].map((r) =>
        (t?.failure && r === 'LOOP_NOT_OWNER' ? `${r}: ${t.failure}` : r).slice(0, 200),
      ),
      ...accountProblems,
      ...feedProblems,
    ],
    venueFeeds: feeds,
    updatedAt: new Date(now).toISOString(),
  };
}

export interface EngineHealth {
  marketDataAgeMs: number | null;
  loopHeartbeatAgeMs: number | null;
  reconciled: boolean;
  /** Tenants whose reconciliation has not (yet) succeeded, or whose loop failed. */
  unreconciledTenants: string[];
  /** Outages of the running tenants (tenantHealth), for the condition watcher. */
  tenants: TenantHealth[];
}

export interface TenantHealth {
  tenantId: string;
  venueUnreachable: boolean;
  staleSymbols: string[];
  /** The market-data feeds of the venues the tenant's accounts are on. */
  venueFeeds: VenueFeedState[];
}

/** The venue ids of the tenant's open venue accounts (the paper book has no feed). */
export function feedsOfTenant(
  t: TenantRuntime,
  feeds: readonly VenueFeedState[],
): VenueFeedState[] {
  if (feeds.length === 0) return [];
  const venues = new Set<string>();
  for (const a of t.accounts.values()) if (a.venue.accountId !== null) venues.add(a.venue.venueId);
  return feeds.filter((f) => venues.has(f.venueId));
}

export function buildHealth(
  ctx: EngineContext,
  options: {
    tenants: Iterable<TenantRuntime>;
    lastLoopAt: number | null;
    venueFeeds?: readonly VenueFeedState[];
  },
): EngineHealth {
  const now = ctx.clock.now();
  const lastTick = Math.max(-1, ...ctx.lastTickAt.values());
  const all = [...options.tenants];
  const unreconciled = all.filter((t) => !t.reconciled || t.status === 'failed').map((t) => t.id);
  return {
    marketDataAgeMs: lastTick < 0 ? null : now - lastTick,
    loopHeartbeatAgeMs: options.lastLoopAt === null ? null : now - options.lastLoopAt,
    reconciled: unreconciled.length === 0,
    unreconciledTenants: unreconciled,
    tenants: tenantHealth(ctx, { tenants: all, venueFeeds: options.venueFeeds ?? [] }),
  };
}

/**
 * Per tenant this engine runs: whether its venue counts as unreachable and which of its enabled
 * profiles' symbols have had no tick within the stale bound (the condition watcher's input).
 * Tenants still starting or stopped are left out: their state is not known yet.
 */
export function tenantHealth(
  ctx: EngineContext,
  o: { tenants: Iterable<TenantRuntime>; venueFeeds: readonly VenueFeedState[] },
): TenantHealth[] {
  const now = ctx.clock.now();
  const out: TenantHealth[] = [];
  for (const t of o.tenants) {
    if (t.status !== 'running') continue;
    const stale = new Set<string>();
    for (const p of t.profiles.values()) {
      if (!p.profile.enabled) continue;
      for (const s of p.profile.symbols) {
        const at = ctx.lastTickAt.get(s);
        if (at === undefined || now - at > ctx.config.marketStaleMs) stale.add(s);
      }
    }
    out.push({
      tenantId: t.id,
      venueUnreachable: t.exchangeUnreachable,
      staleSymbols: [...stale],
      venueFeeds: feedsOfTenant(t, o.venueFeeds),
    });
  }
  return out;
}
