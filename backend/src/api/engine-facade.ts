import type {
  Actor,
  BlockResolution,
  BlockResolutionAction,
  BotState,
  Candle,
  ControlVerdict,
  Decision,
  Instrument,
  ManualTradeBody,
  Order,
  PriceTick,
  Timeframe,
  TradingProfile,
} from '@bytelyst/trading-contracts';
import type { OrderDeadline } from '../services/order-deadline.js';

/** What a manual order request came to: an order placed, or a denial with its reasons. */
export type ManualOrderResult =
  | { kind: 'placed'; order: Order; decision: Decision | null }
  | { kind: 'denied'; decision: Decision | null; reasons: string[]; message: string };

export interface EngineHealth {
  marketDataAgeMs: number | null;
  loopHeartbeatAgeMs: number | null;
  reconciled: boolean;
  /** Tenants whose reconciliation has not yet succeeded. */
  unreconciledTenants: string[];
}

/**
 * The part of the trading engine the HTTP layer uses. Routes never reach into the engine's
 * internals; the composition root adapts the engine to this.
 */
export interface EngineFacade {
  botState(tenantId: string): BotState;
  verdictFor(tenantId: string, profileId?: string): ControlVerdict;
  /** The loop's block reason for a profile (null when not blocked or not traded here). */
  blockedReason(tenantId: string, profileId: string): string | null;
  submitManualOrder(input: {
    tenantId: string;
    userId: string;
    body: ManualTradeBody;
    requestId: string;
    /** See manualOrder: the API's (tenant, user, Idempotency-Key) derived key. */
    orderKey: string;
    /** Epoch ms after which the order must not be sent (ORDER_DEADLINE_HEADER or the default). */
    deadlineAt?: number | undefined;
    /** The request's deadline as the engine checks it (services/order-deadline.ts). */
    gate?: OrderDeadline | undefined;
  }): Promise<ManualOrderResult>;
  closePosition(input: {
    tenantId: string;
    userId: string;
    profileId: string;
    symbol: string;
    requestId: string;
    orderKey: string;
    reason?: string | undefined;
    deadlineAt?: number | undefined;
    gate?: OrderDeadline | undefined;
  }): Promise<ManualOrderResult>;
  /** Cancels an open limit or stop order; idempotent ('unchanged' for an order already final). */
  cancelOrder(input: {
    tenantId: string;
    clientOrderId: string;
  }): Promise<
    | { kind: 'cancelled' | 'unchanged'; order: Order }
    | { kind: 'not-cancellable'; order: Order; message: string }
    | { kind: 'not-found' }
  >;
  /** An operator's decision on a blocked profile, run by the tenant's loop owner (audited there). */
  resolveBlock(input: {
    tenantId: string;
    profileId: string;
    action: BlockResolutionAction;
    reason: string;
    actor: Actor;
    requestId: string;
  }): Promise<Omit<BlockResolution, 'acknowledgedAlerts'>>;
  upsertProfile(profile: TradingProfile): void;
  removeProfile(tenantId: string, profileId: string): void;
  prices(): PriceTick[];
  instruments(): Instrument[];
  candles(symbol: string, timeframe: Timeframe, limit: number): Candle[];
  health(): EngineHealth;
}
