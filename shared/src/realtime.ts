import { z } from 'zod';
import { Alert } from './schemas/alerts.js';
import { AuditEvent } from './schemas/audit.js';
import { DynamicConfigEntry } from './schemas/config.js';
import { BotState, ProductStatus, TradingControl } from './schemas/control.js';
import { Decision } from './schemas/decisions.js';
import { Candle, PriceTick } from './schemas/market.js';
import { Portfolio } from './schemas/portfolio.js';
import { ProfileChanged } from './schemas/profiles.js';
import { Fill, Order, Position, Trade } from './schemas/trading.js';

export const SOCKET_NAMESPACES = {
  trading: '/trading',
  admin: '/admin',
  public: '/',
} as const;
export type SocketNamespace = (typeof SOCKET_NAMESPACES)[keyof typeof SOCKET_NAMESPACES];

/** Server -> client events, per namespace, each with the schema of its payload. */
export const TRADING_EVENTS = {
  bot_state: BotState,
  price: PriceTick,
  candle: Candle,
  position: Position,
  /** The user's books revalued at the latest marks (throttled; also after every fill). */
  portfolio: Portfolio,
  order: Order,
  fill: Fill,
  trade: Trade,
  decision: Decision,
  alert: Alert,
  control: TradingControl,
  config: DynamicConfigEntry,
  profile_changed: ProfileChanged,
} as const;

export const ADMIN_EVENTS = {
  control: TradingControl,
  config: DynamicConfigEntry,
  audit: AuditEvent,
  alert: Alert,
  bot_state: BotState,
  profile_changed: ProfileChanged,
} as const;

export const PUBLIC_EVENTS = {
  product_status: ProductStatus,
} as const;

export type TradingEventName = keyof typeof TRADING_EVENTS;
export type AdminEventName = keyof typeof ADMIN_EVENTS;
export type PublicEventName = keyof typeof PUBLIC_EVENTS;
export type TradingEventPayload<E extends TradingEventName> = z.infer<(typeof TRADING_EVENTS)[E]>;
export type AdminEventPayload<E extends AdminEventName> = z.infer<(typeof ADMIN_EVENTS)[E]>;

/** Client -> server: subscribe to candles of one symbol (prices are broadcast to every trader). */
export const SubscribeCandlesPayload = z.strictObject({
  symbol: z.string().min(3).max(20),
  timeframe: z.enum(['1m', '5m', '15m', '1h', '4h', '1d']),
});

/** The handshake carries the access token in `auth.token`; never in the query string. */
export const HandshakeAuth = z.strictObject({ token: z.string().min(1).max(4096) });

/** Reasons a server gives when it ends a socket, sent as `session_ended` before disconnect. */
export const SessionEndedPayload = z.strictObject({
  reason: z.enum(['token_expired', 'tenant_disabled', 'revoked']),
});
