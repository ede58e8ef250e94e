import type { ControlVerdict, TradingMode } from '@bytelyst/trading-contracts';
import { evaluateControls } from '../domain/controls/controls.js';
import { type EngineContext, ticksOf } from './context.js';
import { modelGateOf } from './model-gate.js';
import { type ProfileRuntime, type TenantRuntime, accountKeyOf } from './runtime.js';
import { accountUnavailable } from './accounts.js';

const ENABLED_PRODUCT = {
  productId: 'backtest',
  enabled: true,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version: 0,
  updatedAt: new Date(0).toISOString(),
};

function marketStale(ctx: EngineContext, profile: ProfileRuntime | undefined): boolean {
  if (!profile) return false;
  const now = ctx.clock.now();
  const ticks = ticksOf(ctx, profile.profile.id);
  for (const s of profile.profile.symbols) {
    const t = ticks.get(s);
    if (t === undefined || now - t > ctx.config.marketStaleMs) return true;
  }
  return false;
}

/** The controls verdict for a tenant (and optionally one of its profiles) right now. */
export function verdictFor(
  ctx: EngineContext,
  tenant: TenantRuntime | undefined,
  profile?: ProfileRuntime,
): ControlVerdict {
  const c = ctx.controls;
  const now = ctx.clock.now();
  const assume = ctx.config.assumeProductEnabled;
  const tenantId = tenant?.id ?? profile?.profile.tenantId ?? '';
  const profileMode: TradingMode | undefined = profile
    ? profile.haltedReason !== null
      ? 'HALTED'
      : (c.profiles.get(profile.profile.id) ?? profile.profile.mode)
    : undefined;
  const model = profile ? modelGateOf(ctx, tenant, profile) : undefined;
  return evaluateControls({
    now,
    product: assume ? ENABLED_PRODUCT : c.product,
    productReceivedAt: assume ? now : c.productReceivedAt,
    productMaxAgeMs: ctx.config.productMaxAgeMs,
    globalMode: c.global,
    tenantMode: c.tenants.get(tenantId) ?? 'RUNNING',
    ...(profile && profileMode
      ? {
          profile: {
            mode: profileMode,
            enabled: profile.profile.enabled,
            blockedByReconciliation:
              profile.blockedReason !== null ||
              !(tenant?.reconciled ?? false) ||
              (tenant ? accountUnavailable(tenant, profile.profile) : false),
            ...(model ? { model } : {}),
          },
        }
      : {}),
    gates: {
      marketDataStale: marketStale(ctx, profile),
      // A profile waits only for its own account; the tenant's view waits for any.
      exchangeUnreachable:
        tenant && profile
          ? tenant.unreachableAccounts.has(accountKeyOf(profile.profile)) ||
            (tenant.exchangeUnreachable && tenant.unreachableAccounts.size === 0)
          : (tenant?.exchangeUnreachable ?? false),
      loopOwner: tenant !== undefined && tenant.status !== 'stopped' && tenant.status !== 'failed',
    },
  });
}
