import type { TradingProfile } from '@bytelyst/trading-contracts';
import { type Fixed, ZERO, parseFixed } from '../domain/money/fixed.js';
import { isOpen, orderFromContract } from '../domain/orders/order.js';
import { applyNeverArrived, applyOrderReport } from '../domain/orders/order-reports.js';
import { positionFromContract } from '../domain/positions/position.js';
import { isExecutionError } from '../ports/execution-client.js';
import { bookVenueFill, fundProfile, rollDay, snapshotEquity } from './profile-books.js';
import type { EngineContext } from './context.js';
import { comparePositions, describeMismatch, externalOrders } from './reconcile-plan.js';
import {
  PAPER_ACCOUNT,
  type ProfileRuntime,
  type TenantRuntime,
  createProfileRuntime,
  refreshFloatCopies,
} from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';
import { driftAlertKey } from './model-drift.js';
import { stableId } from '../domain/ids.js';
import {
  accountOfProfile,
  clientOfAccount,
  openProfileAccounts,
  profilesOnAccount,
  reasonOf,
} from './accounts.js';

const DAY_MS = 86_400_000;

export interface ReconciliationReport {
  readonly ok: boolean;
  readonly error: string | null;
  readonly settledOrders: number;
  readonly neverArrived: string[];
  readonly fillsApplied: number;
  readonly externalOrders: string[];
  readonly mismatches: string[];
  /** Venue accounts set aside (`account: why`): only their profiles are blocked. */
  readonly unavailableAccounts: string[];
}

/**
 * A drift trip outlives the process: the alert written with the step that tripped names the
 * profile's version, so the same version comes back reduce-only (and is not alerted twice).
 */
function restoreDrift(
  tenant: TenantRuntime,
  rt: ProfileRuntime,
  alerts: readonly { id: string; message: string }[],
): void {
  if (rt.profile.strategy.strategy !== 'model') return;
  const key = driftAlertKey(rt.profile);
  const id = stableId('a-', tenant.id, key);
  const tripped = alerts.find((a) => a.id === id);
  if (!tripped) return;
  rt.modelDrift = tripped.message;
  tenant.alerted.add(key);
}

/** Rebuilds the tenant's working state from the journal (every attempt starts from the books). */
async function loadState(
  ctx: EngineContext,
  tenant: TenantRuntime,
  extraProfiles: readonly TradingProfile[],
): Promise<void> {
  const now = ctx.clock.now();
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const snap = await ctx.journal.load(tenant.id, { tradesSince: dayStart });
  tenant.profiles.clear();
  tenant.orders.clear();
  tenant.unknown.clear();
  const profiles = new Map(snap.profiles.map((p) => [p.id, p]));
  for (const p of extraProfiles) if (p.tenantId === tenant.id) profiles.set(p.id, p);
  for (const p of profiles.values()) {
    const positions = new Map(
      snap.positions
        .filter((x) => x.profileId === p.id)
        .map((x) => [x.symbol, positionFromContract(x)] as const),
    );
    const rt = createProfileRuntime({
      profile: p,
      instruments: ctx.instruments,
      models: ctx.models,
      positions,
    });
    for (const b of snap.ledgerBalances) {
      if (b.profileId !== p.id) continue;
      if (b.account === 'cash') rt.cash = parseFixed(b.balance);
      if (b.account === 'capital') rt.funded = -parseFixed(b.balance);
    }
    const eq = snap.equity.find((e) => e.profileId === p.id);
    rt.peakEquity = eq?.peakEquity ? parseFixed(eq.peakEquity) : ZERO;
    rollDay(rt, now);
    for (const t of snap.recentTrades) {
      if (t.profileId !== p.id) continue;
      const net = parseFixed(t.realizedPnl) - parseFixed(t.fees);
      rt.dailyNet += net;
      const closedAt = Date.parse(t.closedAt);
      if (net < 0n && (rt.lastLossAt === null || closedAt > rt.lastLossAt))
        rt.lastLossAt = closedAt;
    }
    restoreDrift(tenant, rt, snap.modelDriftAlerts);
    tenant.profiles.set(p.id, rt);
  }
  for (const o of snap.openOrders) {
    const order = orderFromContract(
      o,
      snap.fillsOfOpenOrders.filter((f) => f.orderId === o.id),
    );
    tenant.orders.set(order.clientOrderId, order);
    const slot = order.profileId
      ? tenant.profiles.get(order.profileId)?.slots.get(order.symbol)
      : undefined;
    if (slot && isOpen(order)) slot.pending = order;
  }
}

/**
 * Startup reconciliation, before any new order: settle every open or unknown order by client
 * order id (applying missed fills, marking those that never arrived), flag venue orders we did
 * not create, compare positions and block profiles whose books disagree beyond the tolerance.
 * A failed venue query is never read as "no orders" or "flat": the attempt fails, nothing is
 * committed, and the tenant stays unreconciled (no trading, readiness failing) until a retry works.
 */
export async function reconcileTenant(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; profiles?: readonly TradingProfile[] },
): Promise<ReconciliationReport> {
  const { tenant } = options;
  tenant.status = 'reconciling';
  tenant.reconciled = false;
  tenant.lastReconcileAttempt = ctx.clock.now();
  const report = {
    ok: false,
    error: null as string | null,
    settledOrders: 0,
    neverArrived: [] as string[],
    fillsApplied: 0,
    externalOrders: [] as string[],
    mismatches: [] as string[],
    unavailableAccounts: [] as string[],
  };
  const uow = new UnitOfWork(ctx, tenant);
  try {
    await loadState(ctx, tenant, options.profiles ?? []);
    const before = new Set(tenant.unavailableAccounts.keys());
    tenant.unavailableAccounts.clear();
    await openProfileAccounts(tenant);
    // Each account on its own: its orders, its external orders, its positions against the sum
    // of the books of the profiles on it (never against another account's). A venue account
    // whose venue refuses the questions is set aside; the paper book's failure fails the tenant.
    for (const account of [...tenant.accounts.values()]) {
      try {
        await reconcileAccount(ctx, { tenant, key: account.key, uow, report });
      } catch (e) {
        if (account.key === PAPER_ACCOUNT || !isExecutionError(e)) throw e;
        tenant.unavailableAccounts.set(account.key, `does not answer: ${reasonOf(e)}`);
      }
    }
    for (const [key, why] of tenant.unavailableAccounts) {
      report.unavailableAccounts.push(`${key}: ${why}`);
      alertUnavailable(ctx, { tenant, key, why, uow });
    }
    // An account back in use may fail again later: its alert is raised again then.
    for (const key of before)
      if (!tenant.unavailableAccounts.has(key))
        for (const id of [...tenant.alerted])
          if (id.startsWith(`account-unavailable|${key}|`)) tenant.alerted.delete(id);
    for (const rt of tenant.profiles.values()) {
      fundProfile(ctx, rt, uow);
      for (const pos of rt.positions.values())
        if (pos.qty !== 0n || pos.updatedAt === 0) uow.position(pos);
      snapshotEquity(ctx, rt, uow);
      refreshFloatCopies(rt);
    }
    report.ok = true;
    const now = ctx.clock.now();
    uow.auditEvent({
      at: new Date(now).toISOString(),
      actor: { type: 'system', id: ctx.instanceId, tenantId: tenant.id },
      tenantId: tenant.id,
      action: 'reconciliation.run',
      target: `tenant:${tenant.id}`,
      before: null,
      after: { ...report },
      reason: null,
      requestId: null,
    });
    await uow.commit();
    tenant.reconciled = true;
    tenant.unreachableAccounts.clear();
    tenant.exchangeUnreachable = false;
    tenant.status = 'running';
    return report;
  } catch (e) {
    report.ok = false;
    report.error = e instanceof Error ? e.message : String(e);
    if (isExecutionError(e)) tenant.exchangeUnreachable = true;
    tenant.status = 'reconciling';
    ctx.logger.warn(
      { tenantId: tenant.id, err: report.error },
      'reconciliation failed; tenant stays blocked',
    );
    return report;
  }
}

type MutableReport = { -readonly [K in keyof ReconciliationReport]: ReconciliationReport[K] };

/** One alert to each owner of a profile on an account set aside, once while it stays so. */
function alertUnavailable(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; key: string; why: string; uow: UnitOfWork },
): void {
  const label = o.tenant.accounts.get(o.key)?.venue.label ?? o.key;
  for (const rt of profilesOnAccount(o.tenant, o.key))
    o.uow.alert({
      profileId: rt.profile.id,
      severity: 'critical',
      code: 'VENUE_ACCOUNT_UNAVAILABLE',
      message:
        `venue account ${label} ${o.why}: profile ${rt.profile.name} is blocked (nothing is sent ` +
        `to the account) until it answers; the tenant's other accounts trade on. Check its keys ` +
        'at the venue.',
      key: `account-unavailable|${o.key}|${rt.profile.id}`,
    });
  ctx.logger.warn({ tenantId: o.tenant.id, account: o.key, why: o.why }, 'venue account set aside');
}

/**
 * The retry of accounts set aside: a cheap question to each (opening it if it never opened,
 * then its balances); once one answers, the whole tenant is reconciled again from its books, so
 * nothing the failed attempt learned in memory is kept without being committed. True when that
 * ran.
 */
export async function retryUnavailableAccounts(
  ctx: EngineContext,
  tenant: TenantRuntime,
): Promise<boolean> {
  let answered = false;
  for (const key of [...tenant.unavailableAccounts.keys()]) {
    try {
      let account = tenant.accounts.get(key);
      if (!account && tenant.openAccount) {
        account = await tenant.openAccount(key);
        tenant.accounts.set(key, account);
      }
      await account?.client.fetchBalances();
      answered = account !== undefined;
    } catch (e) {
      tenant.unavailableAccounts.set(key, `cannot be opened: ${reasonOf(e)}`);
    }
  }
  if (!answered) return false;
  await reconcileTenant(ctx, { tenant });
  return true;
}

async function reconcileAccount(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; key: string; uow: UnitOfWork; report: MutableReport },
): Promise<void> {
  const { tenant, uow, report } = o;
  const client = clientOfAccount(tenant, o.key);
  const onAccount = profilesOnAccount(tenant, o.key);
  const local = [...tenant.orders.values()].filter(
    (x) => (isOpen(x) || x.outcomeUnknown) && accountOfProfile(tenant, x.profileId) === o.key,
  );
  local.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const since = Math.min(
    ctx.clock.now() - ctx.config.fillLookbackMs,
    ...local.map((x) => x.createdAt - 1),
  );
  const venueFills = local.length > 0 ? await client.fetchFills({ since }) : [];
  for (const order of local) {
    const v = await client.fetchOrderByClientId({
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
    });
    report.settledOrders++;
    if (v === null) {
      applyNeverArrived(order, ctx.clock.now());
      report.neverArrived.push(order.clientOrderId);
    } else {
      for (const f of venueFills) {
        if (f.clientOrderId !== order.clientOrderId) continue;
        if (await bookVenueFill(ctx, { tenant, fill: f, uow })) report.fillsApplied++;
      }
      applyOrderReport(order, v, ctx.clock.now());
    }
    uow.order(order);
    const slot = order.profileId
      ? tenant.profiles.get(order.profileId)?.slots.get(order.symbol)
      : undefined;
    if (slot?.pending === order && !isOpen(order)) slot.pending = null;
  }
  const venueOpen = await client.fetchOpenOrders();
  const unknownOpen = externalOrders(venueOpen, (id) => tenant.orders.has(id));
  const where = o.key === PAPER_ACCOUNT ? '' : ` on venue account ${o.key}`;
  for (const v of unknownOpen) {
    if (await ctx.journal.findOrder(tenant.id, v.clientOrderId)) continue;
    report.externalOrders.push(v.clientOrderId);
    uow.alert({
      profileId: null,
      severity: 'warning',
      code: 'EXTERNAL_ORDER',
      message: `venue order ${v.exchangeOrderId} (${v.clientOrderId}) on ${v.symbol}${where} was not placed by this system`,
      key: `external|${v.exchangeOrderId}`,
    });
  }
  const venuePositions = new Map<string, Fixed>();
  for (const p of await client.fetchPositions())
    venuePositions.set(p.symbol, parseFixed(p.quantity));
  await client.fetchBalances();
  const books = new Map<string, Fixed>();
  for (const rt of onAccount) {
    for (const pos of rt.positions.values())
      books.set(pos.symbol, (books.get(pos.symbol) ?? 0n) + pos.qty);
  }
  const mismatches = comparePositions({
    local: books,
    venue: venuePositions,
    tolerance: parseFixed(ctx.config.positionTolerance),
  });
  const now = ctx.clock.now();
  for (const m of mismatches) {
    const text = `${describeMismatch(m)}${where}`;
    report.mismatches.push(text);
    for (const rt of onAccount) {
      const holds =
        rt.profile.symbols.includes(m.symbol) || (rt.positions.get(m.symbol)?.qty ?? 0n) !== 0n;
      if (!holds || rt.blockedReason !== null) continue;
      rt.blockedReason = `RECONCILIATION_MISMATCH ${text}`.slice(0, 500);
      uow.profileBlock(rt.profile.id, rt.blockedReason);
      uow.alert({
        profileId: rt.profile.id,
        severity: 'critical',
        code: 'POSITION_MISMATCH',
        message: `profile blocked: ${text}`,
        key: `mismatch|${rt.profile.id}|${m.symbol}|${now}`,
      });
      uow.auditEvent({
        at: new Date(now).toISOString(),
        actor: { type: 'system', id: ctx.instanceId, tenantId: tenant.id },
        tenantId: tenant.id,
        action: 'profile.blocked',
        target: `profile:${rt.profile.id}`,
        before: null,
        after: { blockedReason: rt.blockedReason },
        reason: 'position differs from the venue beyond tolerance',
        requestId: null,
      });
    }
  }
}
