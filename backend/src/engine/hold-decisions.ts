import { decisionIdFor } from '../domain/ids.js';
import { formatFixed } from '../domain/money/fixed.js';
import { priceFromNumber } from '../domain/money/instrument.js';
import type { Bar } from '../ports/market-data.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './control-verdict.js';
import { makeDecision } from './decisions.js';
import type { TradedSymbol, TenantRuntime } from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';

/**
 * A HOLD decision (built only with `persistHoldDecisions`; the store prunes them after a window).
 * It waits in the tenant's buffer and is written by `flushHolds` at least `holdWriteDelayMs` of
 * clock time later: a candle close that trades writes its orders first, and the rows explaining
 * the profiles that did nothing follow once the burst is over. A crash loses at most that window
 * of HOLD rows; a decision that leads to an order, a block or a skip is written with it, always.
 */
export function holdDecision(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; slot: TradedSymbol; bar: Bar },
): void {
  const { tenant, slot, bar } = options;
  const p = slot.profile.profile;
  if (tenant.holds.length === 0) tenant.holdsSince = ctx.clock.now();
  tenant.holds.push(
    makeDecision({
      id: decisionIdFor(p.id, slot.symbol, bar.openTime, 'hold'),
      tenantId: tenant.id,
      profileId: p.id,
      symbol: slot.symbol,
      action: 'HOLD',
      strength: slot.strategy.strength,
      inputs: slot.strategy.inputs(),
      reasons: [
        {
          kind: 'strategy',
          code: slot.strategy.reason,
          message: `${slot.strategy.id}: ${slot.strategy.reason}`,
        },
      ],
      controlReasons: verdictFor(ctx, tenant, slot.profile).reasons,
      price: formatFixed(priceFromNumber(slot.spec, bar.close)),
      candleTime: bar.openTime,
      orderId: null,
      now: ctx.clock.now(),
    }),
  );
}

/** Writes the buffered HOLD decisions in one commit (their events follow it, as for any record). */
export async function flushHolds(ctx: EngineContext, tenant: TenantRuntime): Promise<void> {
  if (tenant.holds.length === 0) return;
  const uow = new UnitOfWork(ctx, tenant);
  for (const d of tenant.holds.splice(0)) uow.decision(d);
  await uow.commit();
}

/** True when buffered HOLD decisions are old enough to be written. */
export const holdsDue = (ctx: EngineContext, tenant: TenantRuntime, now: number): boolean =>
  tenant.holds.length > 0 && now - tenant.holdsSince >= ctx.config.holdWriteDelayMs;
