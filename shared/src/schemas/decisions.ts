import { z } from 'zod';
import { Cursor, DecimalString, Id, Symbol, Timestamp } from '../primitives.js';
import { ControlReasonCode } from './control.js';

export const DecisionAction = z.enum(['ENTER', 'EXIT', 'HOLD', 'BLOCKED', 'SKIPPED']);
export type DecisionAction = z.infer<typeof DecisionAction>;

/** Stable risk rule codes; a denial names one and carries the numbers behind it. */
export const RiskRuleCode = z.enum([
  'MAX_POSITION_NOTIONAL',
  'MAX_ORDER_NOTIONAL',
  'MAX_OPEN_POSITIONS',
  'MAX_DAILY_LOSS',
  'MAX_DRAWDOWN',
  'COOLDOWN_AFTER_LOSS',
  'STOP_LOSS',
  'TAKE_PROFIT',
  'MIN_NOTIONAL',
  'STALE_MARKET_DATA',
  'INSUFFICIENT_CAPITAL',
  'QUANTITY_BELOW_LOT',
]);
export type RiskRuleCode = z.infer<typeof RiskRuleCode>;

export const DecisionReason = z.strictObject({
  kind: z.enum(['strategy', 'risk', 'control', 'data']),
  code: z.string().min(1).max(64),
  message: z.string().max(300),
  /** Numbers behind the reason, as decimal strings or plain numbers for indicator values. */
  values: z
    .record(z.string().max(64), z.union([z.string().max(64), z.number(), z.boolean()]))
    .optional(),
});
export type DecisionReason = z.infer<typeof DecisionReason>;

export const Decision = z.strictObject({
  id: Id,
  tenantId: Id,
  profileId: Id,
  symbol: Symbol,
  action: DecisionAction,
  /** -1..1: direction and conviction of the strategy signal. */
  signalStrength: z.number().min(-1).max(1),
  inputs: z.record(z.string().max(64), z.union([z.number(), z.string().max(64), z.boolean()])),
  reasons: z.array(DecisionReason),
  controlReasons: z.array(ControlReasonCode),
  price: DecimalString,
  candleTime: Timestamp,
  orderId: Id.nullable(),
  createdAt: Timestamp,
});
export type Decision = z.infer<typeof Decision>;

export const DecisionsQuery = z.strictObject({
  profileId: Id.optional(),
  symbol: Symbol.optional(),
  action: DecisionAction.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DecisionsQuery = z.infer<typeof DecisionsQuery>;
