import type { Side } from '@bytelyst/trading-contracts';
import { type Fixed, SCALE, div, formatFixed, mul, roundToStep } from '../money/fixed.js';
import type { RiskCheck } from './rules.js';

/**
 * What the venue may charge beyond the order's notional at its reference price: a fee rate on
 * the filled notional and a price bound for market orders (fills at most this far from the
 * reference, against the order). The capital rule counts the worst case of both, so cash stays
 * at or above zero whatever the venue does inside those bounds.
 */
export interface CostBounds {
  /** Fraction of notional, e.g. 0.001 (10 bp), as a fixed value. */
  readonly feeRate: Fixed;
  /** Fraction of the reference price, e.g. 0.0002 (2 bp), as a fixed value. */
  readonly slippage: Fixed;
}

/** Venues charge fees in steps of 1e-8 of the quote currency, rounded up. */
const FEE_STEP = 10n ** 10n;

export interface OrderCostInput {
  readonly side: Side;
  readonly quantity: Fixed;
  /** The price the order is expected at: the limit or stop price, else the last price. */
  readonly price: Fixed;
  /** Limit orders never fill worse than their price; every other type may slip. */
  readonly limit: boolean;
  readonly tick: Fixed;
  readonly bounds: CostBounds;
}

/** The worst price the order can fill at within the bounds (rounded against the order). */
export function worstPrice(o: Omit<OrderCostInput, 'quantity'>): Fixed {
  if (o.limit) return o.price;
  const buy = o.side === 'BUY';
  const adj = mul(o.price, buy ? SCALE + o.bounds.slippage : SCALE - o.bounds.slippage);
  return roundToStep(adj, o.tick, buy ? 'ceil' : 'floor');
}

/**
 * How much the order can take out of cash at worst: for a buy, notional at the worst price plus
 * its fee; for a sell, its fee minus its proceeds at the worst price (negative: it adds cash).
 */
export function worstCaseCost(o: OrderCostInput): Fixed {
  const price = worstPrice(o);
  const value = mul(o.quantity, price, 'ceil');
  const fee = roundToStep(mul(value, o.bounds.feeRate, 'ceil'), FEE_STEP, 'ceil');
  return o.side === 'BUY' ? value + fee : fee - mul(o.quantity, price, 'floor');
}

/**
 * The largest quantity (a multiple of `lot`, at most `quantity`) whose worst-case buy cost fits
 * in `cash`; 0 when not even one lot fits. Starts from the closed form and steps down the few
 * lots that rounding can add, so it costs a handful of multiplications, not a search.
 */
export function fittingQuantity(o: OrderCostInput & { cash: Fixed; lot: Fixed }): Fixed {
  if (o.cash <= 0n) return 0n;
  const price = worstPrice(o);
  const perUnit = mul(price, SCALE + o.bounds.feeRate, 'ceil');
  let q = roundToStep(div(o.cash, perUnit, 'floor'), o.lot, 'floor');
  if (q > o.quantity) q = o.quantity;
  while (q > 0n && worstCaseCost({ ...o, quantity: q }) > o.cash) q -= o.lot;
  return q > 0n ? q : 0n;
}

/** INSUFFICIENT_CAPITAL with the numbers: what is free, what the order may cost and why. */
export function checkWorstCaseCapital(o: { cash: Fixed; reserved: Fixed; cost: Fixed }): RiskCheck {
  const available = o.cash - o.reserved;
  if (o.cost <= available) return null;
  return {
    code: 'INSUFFICIENT_CAPITAL',
    message: 'not enough free cash for the order at its worst-case cost (fee and slippage)',
    values: {
      cashAvailable: formatFixed(available),
      required: formatFixed(o.cost),
      cash: formatFixed(o.cash),
      reserved: formatFixed(o.reserved),
    },
  };
}
