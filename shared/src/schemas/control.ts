import { z } from 'zod';
import { Id, Reason, RequestId, Timestamp } from '../primitives.js';

export const ControlScope = z.enum(['product', 'global', 'tenant', 'profile']);
export type ControlScope = z.infer<typeof ControlScope>;

/** RUNNING trades; PAUSED is reduce-only; HALTED places nothing and cancels open orders. */
export const TradingMode = z.enum(['RUNNING', 'PAUSED', 'HALTED']);
export type TradingMode = z.infer<typeof TradingMode>;

export const Actor = z.strictObject({
  /** `admin` names rows written before operators and tenant admins were told apart. */
  type: z.enum(['user', 'tenant_admin', 'operator', 'admin', 'service', 'system']),
  id: z.string().min(1).max(128),
  tenantId: Id.nullable(),
});
export type Actor = z.infer<typeof Actor>;

export const TradingControl = z.strictObject({
  scope: ControlScope,
  /** null for product and global scope; the tenant or profile id otherwise. */
  targetId: Id.nullable(),
  tenantId: Id.nullable(),
  mode: TradingMode,
  reason: z.string().max(500),
  actor: Actor,
  version: z.number().int().nonnegative(),
  updatedAt: Timestamp,
  requestId: RequestId.nullable(),
});
export type TradingControl = z.infer<typeof TradingControl>;

export const SetTradingControlBody = z.strictObject({
  scope: z.enum(['global', 'tenant', 'profile']),
  targetId: Id.nullable().default(null),
  mode: TradingMode,
  reason: Reason,
  /** Optimistic concurrency: the version the caller saw. */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type SetTradingControlBody = z.infer<typeof SetTradingControlBody>;

export const PauseResumeBody = z.strictObject({
  reason: Reason,
  scope: z.enum(['global', 'tenant']).default('global'),
  targetId: Id.nullable().default(null),
});
export type PauseResumeBody = z.infer<typeof PauseResumeBody>;

/** Product status as the platform-service reports it. */
export const ProductStatus = z.strictObject({
  productId: z.string().min(1).max(64),
  enabled: z.boolean(),
  maintenance: z.strictObject({
    active: z.boolean(),
    message: z.string().max(500).nullable(),
    expectedEndAt: Timestamp.nullable(),
  }),
  version: z.number().int().nonnegative(),
  updatedAt: Timestamp,
});
export type ProductStatus = z.infer<typeof ProductStatus>;

/** A reason a control or gate gives for refusing new entries or all orders. */
export const ControlReasonCode = z.enum([
  'PRODUCT_DISABLED',
  'MAINTENANCE',
  'PLATFORM_STATUS_UNKNOWN',
  'GLOBAL_PAUSED',
  'GLOBAL_HALTED',
  'TENANT_PAUSED',
  'TENANT_HALTED',
  'PROFILE_PAUSED',
  'PROFILE_HALTED',
  'PROFILE_DISABLED',
  'PROFILE_BLOCKED_RECONCILIATION',
  'MARKET_DATA_STALE',
  'EXCHANGE_UNREACHABLE',
  'LOOP_NOT_OWNER',
  // The model layer (model strategies only): the version's kill switch, live drift past the
  // profile's bound, or a live-venue profile on a version no admin has approved.
  'MODEL_DISABLED',
  'MODEL_DRIFT',
  'MODEL_NOT_APPROVED',
]);
export type ControlReasonCode = z.infer<typeof ControlReasonCode>;

export const ControlVerdict = z.strictObject({
  canEnter: z.boolean(),
  canReduce: z.boolean(),
  cancelOpenOrders: z.boolean(),
  reasons: z.array(ControlReasonCode),
});
export type ControlVerdict = z.infer<typeof ControlVerdict>;

/**
 * The health of one venue's market-data feed (ccxt, shared by every account on the venue) as
 * the instance running the tenant's loop sees it. `mode`: `stream` (the venue's websocket),
 * `polling` (REST, while the stream is lost or on a venue without streams), `starting` (markets
 * and history loading), `failed` (the venue did not answer the start; retried by the next
 * profile that needs it). Counts are since the feed started.
 */
export const VenueFeedState = z.strictObject({
  /** The feed's key: venue id and mode (`binance:live`, `localbinance:sandbox`). */
  feed: z.string().min(1).max(80),
  venueId: z.string().min(1).max(32),
  mode: z.enum(['starting', 'stream', 'polling', 'stopped', 'failed']),
  /** Whether the stream delivered anything since start; null on a venue without streams. */
  streamAnswered: z.boolean().nullable(),
  /**
   * True while the venue has not answered since the feed started, past the silence bound: its
   * stream never delivered (the feed polls instead), or the start itself never completed.
   */
  silentSinceStart: z.boolean(),
  outages: z.number().int().nonnegative(),
  gapsFilled: z.number().int().nonnegative(),
  pollErrors: z.number().int().nonnegative(),
  /** Venue time of the newest tick or candle; null before any. */
  lastDataAt: Timestamp.nullable(),
  /** What is wrong, for people; null while the feed streams normally. */
  problem: z.string().max(200).nullable(),
});
export type VenueFeedState = z.infer<typeof VenueFeedState>;

/** What every surface shows about the bot right now. */
export const BotState = z.strictObject({
  status: z.enum([
    'starting',
    'reconciling',
    'running',
    'paused',
    'halted',
    'degraded',
    'maintenance',
    'disabled',
  ]),
  verdict: ControlVerdict,
  product: ProductStatus.nullable(),
  productStatusAgeMs: z.number().int().nonnegative().nullable(),
  globalMode: TradingMode,
  tenantMode: TradingMode,
  lastTickAt: Timestamp.nullable(),
  lastLoopAt: Timestamp.nullable(),
  degradedReasons: z.array(z.string().max(200)),
  /** The market-data feeds of the venues the tenant's accounts are on (none for paper only). */
  venueFeeds: z.array(VenueFeedState),
  updatedAt: Timestamp,
});
export type BotState = z.infer<typeof BotState>;

export const TradingControlsResponse = z.strictObject({
  controls: z.array(TradingControl),
  product: ProductStatus.nullable(),
});
export type TradingControlsResponse = z.infer<typeof TradingControlsResponse>;
