import type { Fill, LedgerEntry, Trade } from '@bytelyst/trading-contracts';
import { fillIdFor, ledgerTxIdFor, tradeIdFor } from './ids.js';
import { fillTransaction } from './ledger/ledger.js';
import { type Fixed, formatFixed } from './money/fixed.js';
import { type FillOutcome, type OrderState, applyFillToOrder } from './orders/order.js';
import {
  type ClosedTrip,
  type FillEffect,
  type PositionState,
  applyFillToPosition,
} from './positions/position.js';

export interface FillReport {
  readonly exchangeTradeId: string;
  readonly quantity: Fixed;
  readonly price: Fixed;
  readonly fee: Fixed;
  readonly feeCurrency: string;
  readonly liquidity: 'maker' | 'taker';
  readonly at: number;
}

export interface Booked {
  /** null when the caller asked for no records (persistence off). */
  readonly fill: Fill | null;
  readonly ledgerEntries: LedgerEntry[];
  /** The fill's movement of the cash account (debit positive). */
  readonly cashDelta: Fixed;
  readonly trade: Trade | null;
  readonly closed: ClosedTrip | null;
  readonly realized: Fixed;
}

export type BookingResult =
  { readonly booked: Booked } | { readonly booked: null; readonly outcome: FillOutcome };

/**
 * Books one venue fill: order (idempotent by exchangeTradeId), then position, then one balanced
 * ledger transaction, all with ids derived from (orderId, exchangeTradeId). Mutates `order` and
 * `position` in place; the caller persists the returned records in one journal batch.
 */
export function bookFill(options: {
  order: OrderState;
  position: PositionState;
  report: FillReport;
  currency: string;
  /** Build the Fill and ledger records (default). Off only where nothing is stored. */
  records?: boolean;
  /** The profile's strategy now, recorded on a trade this fill closes. */
  strategy: string | null;
}): BookingResult {
  const { order, position, report } = options;
  const outcome = applyFillToOrder(order, report);
  if (!outcome.applied) return { booked: null, outcome };
  const effect = applyFillToPosition(position, {
    side: order.side,
    quantity: report.quantity,
    price: report.price,
    fee: report.fee,
    at: report.at,
    decisionId: order.decisionId,
    exitReason: order.origin,
  });
  const profileId = position.profileId;
  const records = options.records !== false;
  const fillId = records ? fillIdFor(order.id, report.exchangeTradeId) : '';
  const ledgerEntries = records
    ? ledgerFor(order, { fillId, report, effect, currency: options.currency, profileId })
    : [];
  const fill: Fill | null = records ? fillRecord(order, { fillId, report }) : null;
  const c = effect.closed;
  const trade: Trade | null = c
    ? tradeRecord(c, {
        tenantId: order.tenantId,
        profileId,
        symbol: order.symbol,
        strategy: options.strategy,
      })
    : null;
  return {
    booked: {
      fill,
      ledgerEntries,
      cashDelta: effect.postings.cash,
      trade,
      closed: c,
      realized: effect.realized,
    },
  };
}

function ledgerFor(
  order: OrderState,
  o: {
    fillId: string;
    report: FillReport;
    effect: FillEffect;
    currency: string;
    profileId: string;
  },
): LedgerEntry[] {
  return fillTransaction(
    {
      tenantId: order.tenantId,
      profileId: o.profileId,
      transactionId: ledgerTxIdFor('fill', o.fillId),
      currency: o.currency,
      fillId: o.fillId,
      memo: `${order.side} ${formatFixed(o.report.quantity)} ${order.symbol} @ ${formatFixed(o.report.price)}`,
      postedAt: o.report.at,
    },
    o.effect.postings,
  );
}

function fillRecord(order: OrderState, o: { fillId: string; report: FillReport }): Fill {
  const r = o.report;
  return {
    id: o.fillId,
    tenantId: order.tenantId,
    profileId: order.profileId,
    orderId: order.id,
    exchangeTradeId: r.exchangeTradeId,
    symbol: order.symbol,
    side: order.side,
    quantity: formatFixed(r.quantity),
    price: formatFixed(r.price),
    fee: formatFixed(r.fee),
    feeCurrency: r.feeCurrency,
    liquidity: r.liquidity,
    filledAt: new Date(r.at).toISOString(),
  };
}

/** The Trade row of a round trip that just closed. */
export function tradeRecord(
  c: ClosedTrip,
  ids: { tenantId: string; profileId: string; symbol: string; strategy: string | null },
): Trade {
  return {
    id: tradeIdFor(ids.profileId, ids.symbol, c.openedAt, c.closedAt),
    tenantId: ids.tenantId,
    profileId: ids.profileId,
    symbol: ids.symbol,
    side: c.side,
    quantity: formatFixed(c.quantity),
    entryPrice: formatFixed(c.entryPrice),
    exitPrice: formatFixed(c.exitPrice),
    realizedPnl: formatFixed(c.realizedPnl),
    fees: formatFixed(c.fees),
    netPnl: formatFixed(c.realizedPnl - c.fees),
    openedAt: new Date(c.openedAt).toISOString(),
    closedAt: new Date(c.closedAt).toISOString(),
    entryDecisionId: c.entryDecisionId,
    exitDecisionId: c.exitDecisionId,
    exitReason: c.exitReason,
    strategy: ids.strategy,
  };
}
