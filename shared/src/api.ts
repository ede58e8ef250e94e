import { z } from 'zod';
import { FeatureFlagsResponseSchema } from './feature-flags.js';
import { Id, Timestamp, page } from './primitives.js';
import type { RouteDef } from './route-def.js';
import { VENUE_ACCOUNT_ROUTES } from './api-venue-accounts.js';
import { MODEL_ROUTES } from './api-models.js';
import { RESEARCH_ROUTES } from './api-research.js';
import { MARKET_DATA_ROUTES } from './api-market-data.js';
import {
  CopyPresetBody,
  MarketplacePreset,
  MembershipPlan,
  StrategyCluster,
} from './schemas/admin.js';
import { BlockResolution, ResolveBlockBody } from './schemas/block-resolution.js';
import { AuditEvent, AuditQuery } from './schemas/audit.js';
import {
  DynamicConfigEntry,
  DynamicConfigResponse,
  PutDynamicConfigBody,
} from './schemas/config.js';
import {
  BotState,
  PauseResumeBody,
  SetTradingControlBody,
  TradingControl,
  TradingControlsResponse,
} from './schemas/control.js';
import { Decision, DecisionsQuery } from './schemas/decisions.js';
import { HealthResponse } from './schemas/health.js';
import { Candle, CandlesQuery, PricesQuery, PricesResponse } from './schemas/market.js';
import { MeProfile } from './schemas/me.js';
import { MOBILE_POLICY_ROUTES } from './api-mobile.js';
import { BACKTEST_ROUTES } from './api-backtests.js';
import {
  PromoteProfileBody,
  PromotionPolicy,
  PromotionReview,
  PromotionReviewQuery,
  PutPromotionPolicyBody,
} from './schemas/promotion.js';
import { CreateProfileBody, TradingProfile, UpdateProfileBody } from './schemas/profiles.js';
import { StrategyInfo } from './schemas/strategies.js';
import {
  Analytics,
  AnalyticsQuery,
  EquitySeries,
  EquitySeriesQuery,
  Portfolio,
  PortfolioQuery,
} from './schemas/portfolio.js';
import {
  ClosePositionBody,
  EquitySnapshot,
  HistoryQuery,
  LedgerEntry,
  ManualTradeBody,
  Order,
  OrdersQuery,
  Position,
  Trade,
  TradeResponse,
} from './schemas/trading.js';

import { ALERT_ROUTES } from './api-alerts.js';

/**
 * The trading backend's REST surface in one table: method, path, inputs and the response schema.
 * The backend registers routes from it, the web and mobile clients call through it, and
 * `check:api-contract` proves every response validates. Paths use Fastify's `:param` syntax.
 */
const items = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });
const IdParams = z.strictObject({ id: Id });
const ProfileFilter = z.strictObject({ profileId: Id.optional() });
const Ok = z.strictObject({ ok: z.literal(true) });
/** `since` (exclusive): only snapshots after it, so a client holding a curve fetches the tail. */
const EquityQuery = ProfileFilter.extend({ since: Timestamp.optional() });

export const API_ROUTES = {
  healthLive: {
    method: 'GET',
    path: '/health/live',
    response: HealthResponse,
    access: 'public',
    summary: 'Process is alive',
  },
  healthReady: {
    method: 'GET',
    path: '/health/ready',
    response: HealthResponse,
    access: 'public',
    summary: 'Ready to trade: database, platform status, market data, loop, reconciliation',
  },
  me: {
    method: 'GET',
    path: '/api/me/profile',
    response: MeProfile,
    access: 'user',
    summary: 'Who am I',
  },
  featureFlags: {
    method: 'GET',
    path: '/api/feature-flags',
    response: FeatureFlagsResponseSchema,
    access: 'user',
    summary: 'Typed feature flags for this user',
  },
  botState: {
    method: 'GET',
    path: '/api/bot-state',
    response: BotState,
    access: 'user',
    summary:
      "Trading state and controls in force for my tenant, with `venueFeeds` (health of the market-data feeds of its accounts' venues)",
  },
  strategies: {
    method: 'GET',
    path: '/api/strategies',
    response: items(StrategyInfo),
    access: 'user',
    summary: 'Built-in strategies and their param schemas',
  },
  listProfiles: {
    method: 'GET',
    path: '/api/profiles',
    response: items(TradingProfile),
    access: 'user',
    summary: 'My trading profiles',
  },
  getProfile: {
    method: 'GET',
    path: '/api/profiles/:id',
    params: IdParams,
    response: TradingProfile,
    access: 'user',
    summary: 'One trading profile',
  },
  createProfile: {
    method: 'POST',
    path: '/api/profiles',
    body: CreateProfileBody,
    response: TradingProfile,
    access: 'user',
    userWrite: true,
    summary: 'Create a trading profile',
  },
  updateProfile: {
    method: 'PATCH',
    path: '/api/profiles/:id',
    params: IdParams,
    body: UpdateProfileBody,
    response: TradingProfile,
    access: 'user',
    userWrite: true,
    summary: 'Update a profile (optimistic concurrency)',
  },
  deleteProfile: {
    method: 'DELETE',
    path: '/api/profiles/:id',
    params: IdParams,
    response: Ok,
    access: 'user',
    userWrite: true,
    summary: 'Delete a profile with no open position',
  },
  enableProfile: {
    method: 'POST',
    path: '/api/profiles/:id/enable',
    params: IdParams,
    response: TradingProfile,
    access: 'user',
    userWrite: true,
    mobileAction: 'profile.resume',
    summary: 'Start trading a profile',
  },
  disableProfile: {
    method: 'POST',
    path: '/api/profiles/:id/disable',
    params: IdParams,
    response: TradingProfile,
    access: 'user',
    userWrite: true,
    exitWrite: true,
    mobileAction: 'profile.pause',
    summary: 'Stop opening positions for a profile',
  },
  resolveBlock: {
    method: 'POST',
    path: '/api/profiles/:id/resolve',
    params: IdParams,
    body: ResolveBlockBody,
    response: BlockResolution,
    access: 'tenant_admin',
    summary:
      'Resolve a blocked profile: adopt the venue position, flatten at the venue, or keep blocked; reason required, audited',
  },
  positions: {
    method: 'GET',
    path: '/api/positions',
    query: ProfileFilter,
    response: items(Position),
    access: 'user',
    summary: "Open positions, each with `venue` (its profile's account)",
  },
  orders: {
    method: 'GET',
    path: '/api/orders',
    query: OrdersQuery,
    response: page(Order),
    access: 'user',
    summary: 'Orders, newest first, each with `venue` (the account it was sent to)',
  },
  cancelOrder: {
    method: 'POST',
    path: '/api/orders/:id/cancel',
    params: IdParams,
    response: Order,
    access: 'user',
    userWrite: true,
    exitWrite: true,
    summary: 'Cancel an open limit or stop order (owner or admin; idempotent)',
  },
  trades: {
    method: 'GET',
    path: '/api/trades',
    query: HistoryQuery,
    response: page(Trade),
    access: 'user',
    summary: 'Closed round trips, newest first',
  },
  ledger: {
    method: 'GET',
    path: '/api/ledger',
    query: HistoryQuery,
    response: page(LedgerEntry),
    access: 'user',
    summary: 'Capital ledger entries',
  },
  equity: {
    method: 'GET',
    path: '/api/equity',
    query: EquityQuery,
    response: items(EquitySnapshot),
    access: 'user',
    summary:
      'Equity snapshots, oldest first, the latest 500; `since` returns only newer ones (incremental)',
  },
  portfolio: {
    method: 'GET',
    path: '/api/portfolio',
    query: PortfolioQuery,
    response: Portfolio,
    access: 'user',
    summary:
      'Books now: positions at their marks, cash, equity, PnL and fees per profile and account',
  },
  analytics: {
    method: 'GET',
    path: '/api/analytics',
    query: AnalyticsQuery,
    response: Analytics,
    access: 'user',
    summary:
      'Performance: PnL by day/week/month, per strategy and symbol, best/worst, fees, exposure',
  },
  equitySeries: {
    method: 'GET',
    path: '/api/equity/series',
    query: EquitySeriesQuery,
    response: EquitySeries,
    access: 'user',
    summary: 'Equity curve of a profile or the account, downsampled with min/max, plus drawdown',
  },
  decisions: {
    method: 'GET',
    path: '/api/decisions',
    query: DecisionsQuery,
    response: page(Decision),
    access: 'user',
    summary: 'Why each trade fired, was blocked or skipped',
  },
  ...ALERT_ROUTES,
  prices: {
    method: 'GET',
    path: '/api/prices',
    query: PricesQuery,
    response: PricesResponse,
    access: 'user',
    summary: "Last prices and instruments (of a venue account's market with `account`)",
  },
  candles: {
    method: 'GET',
    path: '/api/candles',
    query: CandlesQuery,
    response: items(Candle),
    access: 'user',
    summary: "Recent closed candles of one symbol (of a venue account's market with `account`)",
  },
  trade: {
    method: 'POST',
    path: '/api/trade',
    body: ManualTradeBody,
    response: TradeResponse,
    access: 'user',
    userWrite: true,
    exitWrite: true,
    summary: 'Manual order (Idempotency-Key header required)',
  },
  close: {
    method: 'POST',
    path: '/api/close',
    body: ClosePositionBody,
    response: TradeResponse,
    access: 'user',
    userWrite: true,
    exitWrite: true,
    mobileAction: 'position.close',
    summary: 'Close a position at market',
  },
  ...BACKTEST_ROUTES,
  marketplacePresets: {
    method: 'GET',
    path: '/api/marketplace/presets',
    response: items(MarketplacePreset),
    access: 'user',
    summary: 'Strategy presets (flag tabs.marketplace)',
  },
  marketplaceCopy: {
    method: 'POST',
    path: '/api/marketplace/copy',
    body: CopyPresetBody,
    response: TradingProfile,
    access: 'user',
    userWrite: true,
    summary: 'Copy a preset into a new profile',
  },
  membership: {
    method: 'GET',
    path: '/api/membership',
    response: MembershipPlan,
    access: 'user',
    summary: 'My plan and its limits (flag tabs.membership)',
  },
  adminControls: {
    method: 'GET',
    path: '/api/admin/trading-control',
    response: TradingControlsResponse,
    access: 'tenant_admin',
    summary: 'Control layers in force (a tenant admin: global and their own tenant)',
  },
  adminSetControl: {
    method: 'PUT',
    path: '/api/admin/trading-control',
    body: SetTradingControlBody,
    response: TradingControl,
    access: 'tenant_admin',
    summary:
      'Set a global (operators), tenant or profile mode (tenant admins: their own tenant); reason required',
  },
  adminConfig: {
    method: 'GET',
    path: '/api/admin/config',
    response: DynamicConfigResponse,
    access: 'operator',
    summary: 'Dynamic config entries',
  },
  adminPutConfig: {
    method: 'PUT',
    path: '/api/admin/config',
    body: PutDynamicConfigBody,
    response: DynamicConfigEntry,
    access: 'operator',
    summary: 'Change one dynamic config key (409 on stale version)',
  },
  promotionPolicy: {
    method: 'GET',
    path: '/api/promotion-policy',
    response: PromotionPolicy,
    access: 'user',
    summary: "My organisation's paper-to-live promotion policy",
  },
  adminPutPromotionPolicy: {
    method: 'PUT',
    path: '/api/admin/promotion-policy',
    body: PutPromotionPolicyBody,
    response: PromotionPolicy,
    access: 'tenant_admin',
    summary: 'Set the minimum paper record and the ramp-up of newly live profiles (audited)',
  },
  profilePromotion: {
    method: 'GET',
    path: '/api/profiles/:id/promotion',
    params: IdParams,
    query: PromotionReviewQuery,
    response: PromotionReview,
    access: 'user',
    summary: "A profile's paper record beside its latest backtest, against the policy",
  },
  promoteProfile: {
    method: 'POST',
    path: '/api/profiles/:id/promote',
    params: IdParams,
    body: PromoteProfileBody,
    response: TradingProfile,
    access: 'user',
    userWrite: true,
    summary: 'Move a profile from paper to a live account (confirmed, audited, ramped up)',
  },
  adminAudit: {
    method: 'GET',
    path: '/api/admin/audit',
    query: AuditQuery,
    response: page(AuditEvent),
    access: 'tenant_admin',
    summary: 'Append-only audit log (a tenant admin: their own tenant only)',
  },
  adminClusters: {
    method: 'GET',
    path: '/api/admin/strategy-clusters',
    response: items(StrategyCluster),
    access: 'operator',
    summary: 'Profiles grouped by strategy and symbol with aggregate PnL',
  },
  adminSignals: {
    method: 'GET',
    path: '/api/admin/signals',
    query: DecisionsQuery,
    response: page(Decision),
    access: 'operator',
    summary: 'Strategy decisions across tenants',
  },
  adminEntries: {
    method: 'GET',
    path: '/api/admin/entries',
    query: OrdersQuery,
    response: page(Order),
    access: 'operator',
    summary: 'Entry orders across tenants',
  },
  internalPause: {
    method: 'POST',
    path: '/internal/trading/pause',
    body: PauseResumeBody,
    response: TradingControl,
    access: 'operator',
    serviceCallers: true,
    summary: 'Pause trading (operators and service callers)',
  },
  internalResume: {
    method: 'POST',
    path: '/internal/trading/resume',
    body: PauseResumeBody,
    response: TradingControl,
    access: 'operator',
    serviceCallers: true,
    summary: 'Resume trading (operators and service callers)',
  },
  ...VENUE_ACCOUNT_ROUTES,
  ...MOBILE_POLICY_ROUTES,
  ...MODEL_ROUTES,
  ...RESEARCH_ROUTES,
  ...MARKET_DATA_ROUTES,
} as const satisfies Record<string, RouteDef>;

export type { RouteAccess } from './route-def.js';
export type ApiRouteName = keyof typeof API_ROUTES;

export type ApiResponse<N extends ApiRouteName> = z.infer<(typeof API_ROUTES)[N]['response']>;

/** Header an admin (operator or tenant admin) sends to see exactly what a user of their tenant sees. */
export const PREVIEW_HEADER = 'x-preview-as';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/**
 * How long (ms, 100-60000) the caller waits for an order request; the server's default is 10 s.
 * An order not placed within it is not sent at all (ORDER_NOT_SAVED), never sent late.
 */
export const ORDER_DEADLINE_HEADER = 'x-order-deadline-ms';
export const REQUEST_ID_HEADER = 'x-request-id';
