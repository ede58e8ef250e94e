import { decisionIdFor } from '../domain/ids.js';
import { formatFixed } from '../domain/money/fixed.js';
import { priceFromNumber } from '../domain/money/instrument.js';
import type { Bar } from '../ports/market-data.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './controls-view.js';
import { makeDecision } from './decisions.js';
import type { SymbolSlot, TenantRuntime } from './runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

/** A HOLD decision into `uow` (stored only when configured; the store prunes them after a window). */
export function holdDecision(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; slot: SymbolSlot; bar: Bar; uow: UnitOfWork },
): void {
  const { tenant, slot, bar } = o;
  const p = slot.profile.profile;
  o.uow.decision(
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
