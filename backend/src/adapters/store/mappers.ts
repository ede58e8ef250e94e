import type {
  Actor,
  Alert,
  AlertKind,
  AlertSeverity,
  AuditAction,
  AuditEvent,
  ControlScope,
  Decision,
  DecisionAction,
  DecisionReason,
  ControlReasonCode,
  DynamicConfigEntry,
  DynamicConfigKey,
  EquitySnapshot,
  Fill,
  LedgerAccount,
  LedgerEntry,
  Order,
  OrderOrigin,
  OrderStatus,
  OrderType,
  Position,
  RampUp,
  RiskLimits,
  Side,
  StrategyConfig,
  Timeframe,
  Trade,
  TradingControl,
  TradingMode,
  TradingProfile,
  VenueTag,
} from '@bytelyst/trading-contracts';
import { PAPER_VENUE_TAG, alertKindOf } from '@bytelyst/trading-contracts';
import { formatFixed, mul, parseFixed } from '../../domain/money/fixed.js';
import type { Tenant } from '../../ports/store.js';
import type { Row } from './driver.js';
import { bool, dec, decOrNull, int, iso, isoOrNull, json, str, strOrNull } from './row.js';

// Enum columns are guarded by CHECK constraints, so a cast here cannot widen what is stored.

export const mapTenant = (r: Row): Tenant => ({
  id: str(r.id),
  name: str(r.name),
  disabled: bool(r.disabled),
  createdAt: iso(r.created_at),
});

export const mapProfile = (r: Row): TradingProfile => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  userId: str(r.user_id),
  name: str(r.name),
  symbols: json<string[]>(r.symbols),
  timeframe: str(r.timeframe) as Timeframe,
  strategy: json<StrategyConfig>(r.strategy),
  capitalAllocation: dec(r.capital_allocation),
  risk: json<RiskLimits>(r.risk),
  enabled: bool(r.enabled),
  mode: str(r.mode) as TradingMode,
  venueAccountId: strOrNull(r.venue_account_id),
  rampUp: r.ramp_up === null || r.ramp_up === undefined ? null : json<RampUp>(r.ramp_up),
  blockedReason: strOrNull(r.blocked_reason),
  version: int(r.version),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/**
 * The venue tag of a row read with `venue_account_id` and the account's `venue_id` and
 * `venue_label` joined in (`ORDERS_WITH_VENUE`, `POSITIONS_WITH_VENUE`). No account is the paper
 * book; an account the join did not find (never expected: the foreign key) still names its id.
 */
export const mapVenueTag = (r: Row): VenueTag => {
  const accountId = strOrNull(r.venue_account_id);
  if (accountId === null) return PAPER_VENUE_TAG;
  return {
    accountId,
    venueId: r.venue_id == null ? 'unknown' : str(r.venue_id),
    label: r.venue_label == null ? accountId : str(r.venue_label),
  };
};

export const mapOrder = (r: Row): Order => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  profileId: strOrNull(r.profile_id),
  clientOrderId: str(r.client_order_id),
  exchangeOrderId: strOrNull(r.exchange_order_id),
  symbol: str(r.symbol),
  side: str(r.side) as Side,
  type: str(r.type) as OrderType,
  quantity: dec(r.quantity),
  limitPrice: decOrNull(r.limit_price),
  stopPrice: decOrNull(r.stop_price),
  reduceOnly: bool(r.reduce_only),
  status: str(r.status) as OrderStatus,
  filledQuantity: dec(r.filled_quantity),
  averageFillPrice: decOrNull(r.average_fill_price),
  origin: str(r.origin) as OrderOrigin,
  outcomeUnknown: bool(r.outcome_unknown),
  rejectReason: strOrNull(r.reject_reason),
  decisionId: strOrNull(r.decision_id),
  requestId: strOrNull(r.request_id),
  venue: mapVenueTag(r),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const mapFill = (r: Row): Fill => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  profileId: strOrNull(r.profile_id),
  orderId: str(r.order_id),
  exchangeTradeId: str(r.exchange_trade_id),
  symbol: str(r.symbol),
  side: str(r.side) as Side,
  quantity: dec(r.quantity),
  price: dec(r.price),
  fee: dec(r.fee),
  feeCurrency: str(r.fee_currency),
  liquidity: str(r.liquidity) as Fill['liquidity'],
  filledAt: iso(r.filled_at),
});

export const mapPosition = (r: Row): Position => ({
  tenantId: str(r.tenant_id),
  profileId: str(r.profile_id),
  symbol: str(r.symbol),
  quantity: dec(r.quantity),
  averageEntryPrice: dec(r.average_entry_price),
  // Rows from before migration 0005 have no exact cost: quantity x average entry, as on load.
  costBasis:
    decOrNull(r.cost_basis) ??
    formatFixed(mul(parseFixed(dec(r.quantity)), parseFixed(dec(r.average_entry_price)))),
  markPrice: decOrNull(r.mark_price),
  markAt: null,
  markStale: false,
  realizedPnl: dec(r.realized_pnl),
  unrealizedPnl: dec(r.unrealized_pnl),
  fees: dec(r.fees),
  openedAt: isoOrNull(r.opened_at),
  venue: mapVenueTag(r),
  updatedAt: iso(r.updated_at),
});

export const mapTrade = (r: Row): Trade => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  profileId: str(r.profile_id),
  symbol: str(r.symbol),
  side: str(r.side) as Trade['side'],
  quantity: dec(r.quantity),
  entryPrice: dec(r.entry_price),
  exitPrice: dec(r.exit_price),
  realizedPnl: dec(r.realized_pnl),
  fees: dec(r.fees),
  netPnl: formatFixed(parseFixed(dec(r.realized_pnl)) - parseFixed(dec(r.fees))),
  openedAt: iso(r.opened_at),
  closedAt: iso(r.closed_at),
  entryDecisionId: strOrNull(r.entry_decision_id),
  exitDecisionId: strOrNull(r.exit_decision_id),
  exitReason: str(r.exit_reason),
  strategy: strOrNull(r.strategy),
});

export const mapLedgerEntry = (r: Row): LedgerEntry => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  profileId: str(r.profile_id),
  transactionId: str(r.transaction_id),
  account: str(r.account) as LedgerAccount,
  amount: dec(r.amount),
  currency: str(r.currency),
  fillId: strOrNull(r.fill_id),
  reversesTransactionId: strOrNull(r.reverses_transaction_id),
  memo: str(r.memo),
  postedAt: iso(r.posted_at),
});

export const mapEquity = (r: Row): EquitySnapshot => ({
  tenantId: str(r.tenant_id),
  profileId: str(r.profile_id),
  at: iso(r.at),
  equity: dec(r.equity),
  cash: dec(r.cash),
  unrealizedPnl: dec(r.unrealized_pnl),
  realizedPnl: dec(r.realized_pnl),
  drawdownPct: dec(r.drawdown_pct),
});

export const mapDecision = (r: Row): Decision => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  profileId: str(r.profile_id),
  symbol: str(r.symbol),
  action: str(r.action) as DecisionAction,
  signalStrength: Number(r.signal_strength),
  inputs: json<Decision['inputs']>(r.inputs),
  reasons: json<DecisionReason[]>(r.reasons),
  controlReasons: json<ControlReasonCode[]>(r.control_reasons),
  price: dec(r.price),
  candleTime: iso(r.candle_time),
  orderId: strOrNull(r.order_id),
  createdAt: iso(r.created_at),
});

export const mapAlert = (r: Row): Alert => {
  const acknowledged = bool(r.acknowledged);
  const resolvedAt = isoOrNull(r.resolved_at ?? null);
  return {
    id: str(r.id),
    tenantId: strOrNull(r.tenant_id),
    profileId: strOrNull(r.profile_id),
    severity: str(r.severity) as AlertSeverity,
    // NULL from rows an older build wrote (see migration 0013).
    kind: r.kind == null ? alertKindOf(str(r.code)) : (str(r.kind) as AlertKind),
    code: str(r.code),
    message: str(r.message),
    state: resolvedAt ? 'resolved' : acknowledged ? 'acknowledged' : 'open',
    acknowledged,
    acknowledgedBy: strOrNull(r.acknowledged_by ?? null),
    acknowledgedAt: isoOrNull(r.acknowledged_at ?? null),
    resolvedBy: strOrNull(r.resolved_by ?? null),
    resolvedAt,
    createdAt: iso(r.created_at),
  };
};

export const mapAudit = (r: Row): AuditEvent => ({
  id: str(r.id),
  seq: int(r.seq),
  at: iso(r.at),
  actor: json<Actor>(r.actor),
  tenantId: strOrNull(r.tenant_id),
  action: str(r.action) as AuditAction,
  target: str(r.target),
  before: json<AuditEvent['before']>(r.before ?? null),
  after: json<AuditEvent['after']>(r.after ?? null),
  reason: strOrNull(r.reason),
  requestId: strOrNull(r.request_id),
  prevHash: str(r.prev_hash),
  hash: str(r.hash),
});

export const mapControl = (r: Row): TradingControl => {
  const targetKey = str(r.target_key);
  return {
    scope: str(r.scope) as ControlScope,
    targetId: targetKey === '' ? null : targetKey,
    tenantId: strOrNull(r.tenant_id),
    mode: str(r.mode) as TradingMode,
    reason: str(r.reason),
    actor: json<Actor>(r.actor),
    version: int(r.version),
    updatedAt: iso(r.updated_at),
    requestId: strOrNull(r.request_id),
  };
};

export const mapConfig = (r: Row): DynamicConfigEntry => ({
  key: str(r.key) as DynamicConfigKey,
  value: json<DynamicConfigEntry['value']>(r.value),
  version: int(r.version),
  updatedAt: iso(r.updated_at),
  updatedBy: json<Actor | null>(r.updated_by ?? null),
});
