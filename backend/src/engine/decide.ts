import type { DecisionReason, OrderOrigin } from '@bytelyst/trading-contracts';
import { type Fixed, abs, parseFixed } from '../domain/money/fixed.js';
import { entryQuantity } from '../domain/risk/entry-sizing.js';
import { checkMaxDrawdown } from '../domain/risk/rules.js';
import { equityOf } from './profile-books.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './control-verdict.js';
import { haltForDrawdown } from './drawdown-halt.js';
import {
  INTENT_DRAWDOWN,
  INTENT_ENTER,
  INTENT_STOP,
  INTENT_TAKE,
  type Intent,
} from './evaluate.js';
import type { OrderProposal } from './pre-trade.js';
import type { ProfileRuntime, TradedSymbol, TenantRuntime } from './runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * What a candle's intent means before any rule is asked: the action it wants, why, and the order
 * it proposes (none for a drawdown breach, which halts the profile and records a block).
 */
export interface Decided {
  readonly action: 'ENTER' | 'EXIT' | 'BLOCKED';
  readonly reasons: DecisionReason[];
  readonly proposal: OrderProposal | null;
  readonly origin: OrderOrigin;
}

export const protectiveCode = (intent: typeof INTENT_STOP | typeof INTENT_TAKE) =>
  intent === INTENT_STOP ? 'STOP_LOSS' : 'TAKE_PROFIT';

/** What a BLOCKED decision was blocked by: intent and codes (the numbers move every candle). */
export const blockKey = (
  intent: Intent,
  codes: readonly string[],
  controls: readonly string[],
): string => `${intent}|${codes.join(',')}|${controls.join(',')}`;

/**
 * True when deciding this protective exit now could only repeat the slot's standing block: the
 * exit is still refused by the controls for the same reasons and nothing is in flight. The caller
 * counts it as BLOCKED without a step (a halted profile past its stop would otherwise run one per
 * candle). Only for an idle tenant, so no queued step can change what the block depends on.
 */
export function repeatsBlock(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; slot: TradedSymbol; intent: Intent },
): boolean {
  const { tenant, slot, intent } = options;
  if (slot.lastBlock === null || (intent !== INTENT_STOP && intent !== INTENT_TAKE)) return false;
  if (tenant.queue.busy || slot.pending || tenant.unknown.size > 0) return false;
  const verdict = verdictFor(ctx, tenant, slot.profile);
  if (verdict.canReduce) return false;
  return slot.lastBlock === blockKey(intent, [protectiveCode(intent)], verdict.reasons);
}

/**
 * Sizes an entry at the signal price by the engine's sizing mode (live: `limits`, the smallest of
 * the order limit, the position limit and the per-position share of capital).
 */
function sizeEntry(
  ctx: EngineContext,
  options: { profile: ProfileRuntime; slot: TradedSymbol; price: Fixed },
): Fixed {
  const { profile, slot, price } = options;
  const sizing = ctx.config.entrySizing;
  const l = profile.limits;
  return entryQuantity({
    sizing,
    price,
    lot: slot.spec.lot,
    cash: profile.cash,
    // Equity is only valued when a mode needs it (it marks every position).
    equity: sizing.mode === 'percent_equity' ? equityOf(ctx, profile).equity : 0n,
    limits: {
      maxOrderNotional: l.maxOrderNotional,
      maxPositionNotional: l.maxPositionNotional,
      capital: parseFixed(profile.profile.capitalAllocation),
      maxOpenPositions: l.maxOpenPositions,
    },
  });
}

/**
 * The decide step: turns a candle's intent into a proposed action with its strategy or
 * protective reason and a sized order. A drawdown breach is decided here too (it halts the
 * profile; there is no order to gate). Returns null when the float watch fired but the exact
 * drawdown is inside the limit.
 */
export function decide(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    slot: TradedSymbol;
    price: Fixed;
    intent: Intent;
    uow: UnitOfWork;
  },
): Decided | null {
  const { tenant, slot, price, intent, uow } = options;
  const profile = slot.profile;
  const pos = slot.position;
  if (intent === INTENT_DRAWDOWN) {
    const e = equityOf(ctx, profile);
    const denial = checkMaxDrawdown({
      equity: e.equity,
      peak: profile.peakEquity,
      limitPct: profile.limits.maxDrawdownPct,
    });
    if (!denial) return null;
    haltForDrawdown(ctx, { tenant, profile, denial, uow });
    const reasons: DecisionReason[] = [
      { kind: 'risk', code: denial.code, message: denial.message, values: denial.values },
    ];
    return { action: 'BLOCKED', reasons, proposal: null, origin: 'strategy' };
  }
  const exit = {
    side: pos.qty > 0n ? 'SELL' : 'BUY',
    type: 'MARKET',
    quantity: abs(pos.qty),
    price,
    reduceOnly: true,
  } as const;
  if (intent === INTENT_STOP || intent === INTENT_TAKE) {
    const code = protectiveCode(intent);
    const reasons: DecisionReason[] = [
      {
        kind: 'risk',
        code,
        message: `${code} level reached`,
        values: { level: intent === INTENT_STOP ? slot.stopFloat : slot.takeFloat },
      },
    ];
    const origin = intent === INTENT_STOP ? 'stop' : 'take-profit';
    return { action: 'EXIT', reasons, proposal: exit, origin };
  }
  const reasons: DecisionReason[] = [
    {
      kind: 'strategy',
      code: slot.strategy.reason,
      message: `${slot.strategy.id}: ${slot.strategy.reason}`,
    },
  ];
  if (intent !== INTENT_ENTER)
    return { action: 'EXIT', reasons, proposal: exit, origin: 'strategy' };
  const proposal: OrderProposal = {
    side: 'BUY',
    type: 'MARKET',
    quantity: sizeEntry(ctx, { profile, slot, price }),
    price,
    reduceOnly: false,
  };
  return { action: 'ENTER', reasons, proposal, origin: 'strategy' };
}
