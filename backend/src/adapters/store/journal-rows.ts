import type {
  Alert,
  Decision,
  EquitySnapshot,
  Fill,
  LedgerEntry,
  Order,
  Trade,
} from '@bytelyst/trading-contracts';
import type { JournalBatch, StoredPosition } from '../../ports/journal.js';

/**
 * The jsonb payload of `journal_commit`: snake_case keys named exactly like the table columns,
 * because jsonb_populate_recordset matches by name. Decimals stay strings.
 */
export interface BatchPayload {
  decisions: Record<string, unknown>[];
  orders: Record<string, unknown>[];
  fills: Record<string, unknown>[];
  ledger: Record<string, unknown>[];
  positions: Record<string, unknown>[];
  trades: Record<string, unknown>[];
  equity: Record<string, unknown>[];
  alerts: Record<string, unknown>[];
}

/** Keeps the last occurrence per key: one upsert statement may not touch a row twice. */
export const lastByKey = <T>(items: readonly T[], key: (item: T) => string): T[] => {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    map.delete(k);
    map.set(k, item);
  }
  return [...map.values()];
};

const order = (o: Order) => ({
  tenant_id: o.tenantId,
  id: o.id,
  profile_id: o.profileId,
  client_order_id: o.clientOrderId,
  exchange_order_id: o.exchangeOrderId,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  quantity: o.quantity,
  limit_price: o.limitPrice,
  stop_price: o.stopPrice,
  reduce_only: o.reduceOnly,
  status: o.status,
  filled_quantity: o.filledQuantity,
  average_fill_price: o.averageFillPrice,
  origin: o.origin,
  outcome_unknown: o.outcomeUnknown,
  reject_reason: o.rejectReason,
  decision_id: o.decisionId,
  request_id: o.requestId,
  // Written once: journal_commit's upsert never updates it, and the history guard refuses it.
  venue_account_id: o.venue.accountId,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
});

const fill = (f: Fill) => ({
  tenant_id: f.tenantId,
  id: f.id,
  profile_id: f.profileId,
  order_id: f.orderId,
  exchange_trade_id: f.exchangeTradeId,
  symbol: f.symbol,
  side: f.side,
  quantity: f.quantity,
  price: f.price,
  fee: f.fee,
  fee_currency: f.feeCurrency,
  liquidity: f.liquidity,
  filled_at: f.filledAt,
});

const ledger = (e: LedgerEntry) => ({
  tenant_id: e.tenantId,
  id: e.id,
  profile_id: e.profileId,
  transaction_id: e.transactionId,
  account: e.account,
  amount: e.amount,
  currency: e.currency,
  fill_id: e.fillId,
  reverses_transaction_id: e.reversesTransactionId,
  memo: e.memo,
  posted_at: e.postedAt,
});

const decision = (d: Decision) => ({
  tenant_id: d.tenantId,
  id: d.id,
  profile_id: d.profileId,
  symbol: d.symbol,
  action: d.action,
  signal_strength: d.signalStrength,
  inputs: d.inputs,
  reasons: d.reasons,
  control_reasons: d.controlReasons,
  price: d.price,
  candle_time: d.candleTime,
  order_id: d.orderId,
  created_at: d.createdAt,
});

const position = (p: StoredPosition) => ({
  tenant_id: p.tenantId,
  profile_id: p.profileId,
  symbol: p.symbol,
  quantity: p.quantity,
  average_entry_price: p.averageEntryPrice,
  mark_price: p.markPrice,
  realized_pnl: p.realizedPnl,
  unrealized_pnl: p.unrealizedPnl,
  fees: p.fees,
  opened_at: p.openedAt,
  updated_at: p.updatedAt,
  cost_basis: p.costBasis ?? null,
});

const trade = (t: Trade) => ({
  tenant_id: t.tenantId,
  id: t.id,
  profile_id: t.profileId,
  symbol: t.symbol,
  side: t.side,
  quantity: t.quantity,
  entry_price: t.entryPrice,
  exit_price: t.exitPrice,
  realized_pnl: t.realizedPnl,
  fees: t.fees,
  opened_at: t.openedAt,
  closed_at: t.closedAt,
  entry_decision_id: t.entryDecisionId,
  exit_decision_id: t.exitDecisionId,
  exit_reason: t.exitReason,
  strategy: t.strategy,
});

const equity = (s: EquitySnapshot) => ({
  tenant_id: s.tenantId,
  profile_id: s.profileId,
  at: s.at,
  equity: s.equity,
  cash: s.cash,
  unrealized_pnl: s.unrealizedPnl,
  realized_pnl: s.realizedPnl,
  drawdown_pct: s.drawdownPct,
});

const alert = (a: Alert) => ({
  id: a.id,
  tenant_id: a.tenantId,
  profile_id: a.profileId,
  severity: a.severity,
  kind: a.kind,
  code: a.code,
  message: a.message,
  acknowledged: a.acknowledged,
  acknowledged_by: a.acknowledgedBy,
  acknowledged_at: a.acknowledgedAt,
  resolved_by: a.resolvedBy,
  resolved_at: a.resolvedAt,
  created_at: a.createdAt,
});

export const batchPayload = (batch: JournalBatch): BatchPayload => ({
  decisions: lastByKey(batch.decisions, (d) => d.id).map(decision),
  orders: lastByKey(batch.orders, (o) => o.id).map(order),
  fills: batch.fills.map(fill),
  ledger: batch.ledgerEntries.map(ledger),
  positions: lastByKey(batch.positions, (p) => `${p.profileId}\u0000${p.symbol}`).map(position),
  trades: batch.trades.map(trade),
  equity: lastByKey(batch.equitySnapshots, (s) => `${s.profileId}\u0000${s.at}`).map(equity),
  alerts: batch.alerts.map(alert),
});
