import type { SlippageModel } from '@bytelyst/trading-contracts';
import {
  type Fixed,
  SCALE,
  ZERO,
  formatFixed,
  mul,
  roundToStep,
} from '../../../domain/money/fixed.js';
import {
  type InstrumentSpec,
  priceFromNumber,
  roundPrice,
} from '../../../domain/money/instrument.js';
import type { BookOrder } from './book-order.js';
import type { PaperAccount } from './paper-account.js';

/** Fees round up to 1e-8 of the quote currency. */
export const FEE_STEP = 10n ** 10n;

/** The fee of one fill: notional × rate, rounded up to the fee step. */
export const feeOf = (notional: Fixed, rate: Fixed): Fixed =>
  roundToStep(mul(notional, rate, 'ceil'), FEE_STEP, 'ceil');

/**
 * A market order's fill price: the last price moved against the order by the slippage (a
 * fraction of the price, or, when `rangeSlippage` is set, that fraction of `range`, the range
 * of the candle before the order), rounded to the tick against the order; never below a tick.
 */
export function marketFillPrice(o: {
  spec: InstrumentSpec;
  last: Fixed;
  buy: boolean;
  slippage: Fixed;
  rangeSlippage: Fixed | null;
  range: Fixed | undefined;
}): Fixed {
  const { spec, last, buy } = o;
  let adj: Fixed;
  if (o.rangeSlippage === null) {
    adj = buy ? mul(last, SCALE + o.slippage) : mul(last, SCALE - o.slippage);
  } else {
    const slip = mul(o.range ?? ZERO, o.rangeSlippage);
    adj = buy ? last + slip : last - slip;
  }
  const price = roundPrice(spec, adj, buy ? 'ceil' : 'floor');
  return price > 0n ? price : spec.tick;
}

/** Working market orders across accounts (of one symbol, when given). */
export function workingMarketOrders(accounts: Iterable<PaperAccount>, symbol?: string): number {
  let n = 0;
  for (const a of accounts) {
    for (const o of a.working) {
      if (o.request.type === 'MARKET' && (symbol === undefined || o.request.symbol === symbol)) n++;
    }
  }
  return n;
}

/**
 * A venue's slippage terms and the candle ranges `range_bps` needs: the last closed candle's
 * range per symbol, and the one each order was placed after (kept until it fills).
 */
export class SlippageTerms {
  private readonly slippage: Fixed;
  private readonly rangeSlippage: Fixed | null;
  private readonly lastRange = new Map<string, Fixed>();
  private readonly orderRange = new WeakMap<BookOrder, Fixed>();

  constructor(model: SlippageModel) {
    const bps = BigInt(model.bps) * (SCALE / 10_000n);
    this.slippage = model.kind === 'fixed_bps' ? bps : ZERO;
    this.rangeSlippage = model.kind === 'range_bps' ? bps : null;
  }

  noteCandle(spec: InstrumentSpec, bar: { high: number; low: number }): void {
    if (this.rangeSlippage === null) return;
    this.lastRange.set(
      spec.symbol,
      priceFromNumber(spec, bar.high) - priceFromNumber(spec, bar.low),
    );
  }

  noteOrder(o: BookOrder): void {
    if (this.rangeSlippage === null) return;
    this.orderRange.set(o, this.lastRange.get(o.request.symbol) ?? ZERO);
  }

  fillPrice(o: { spec: InstrumentSpec; last: Fixed; order: BookOrder }): Fixed {
    return marketFillPrice({
      spec: o.spec,
      last: o.last,
      buy: o.order.request.side === 'BUY',
      slippage: this.slippage,
      rangeSlippage: this.rangeSlippage,
      range: this.orderRange.get(o.order),
    });
  }
}

/** What a venue's fills cost beyond their reference prices, exact, and orders refused at a fill. */
export class PaidCosts {
  private fees = ZERO;
  private slippage = ZERO;
  private readonly refused: Record<string, number> = {};

  fee(f: Fixed): void {
    this.fees += f;
  }

  /** A market fill of `q` at `price` against a reference of `last`. */
  slip(q: Fixed, price: Fixed, last: Fixed): void {
    this.slippage += mul(q, price > last ? price - last : last - price);
  }

  refusedAtFill(code: string): void {
    this.refused[code] = (this.refused[code] ?? 0) + 1;
  }

  snapshot(): { fees: string; slippage: string; refusedAtFill: Record<string, number> } {
    return {
      fees: formatFixed(this.fees),
      slippage: formatFixed(this.slippage),
      refusedAtFill: { ...this.refused },
    };
  }
}
