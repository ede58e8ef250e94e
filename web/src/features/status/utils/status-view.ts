import type { BotState, ControlReasonCode, ProductStatus } from '@bytelyst/trading-contracts';
import type { Tone } from '../../../components/badge';
import { FALLBACK_POLL_MS, type ConnectionState } from '@bytelyst/trading-client';

export const CONTROL_REASON_TEXT: Record<ControlReasonCode, string> = {
  PRODUCT_DISABLED: 'The product is switched off by the platform',
  MAINTENANCE: 'The product is in maintenance',
  PLATFORM_STATUS_UNKNOWN: 'Platform status unknown: no new entries (fail-safe)',
  GLOBAL_PAUSED: 'Trading is paused globally: exits only',
  GLOBAL_HALTED: 'Trading is halted globally: no orders',
  TENANT_PAUSED: 'Trading is paused for your organisation: exits only',
  TENANT_HALTED: 'Trading is halted for your organisation: no orders',
  PROFILE_PAUSED: 'A profile is paused',
  PROFILE_HALTED: 'A profile is halted',
  PROFILE_DISABLED: 'A profile is disabled',
  PROFILE_BLOCKED_RECONCILIATION: 'A profile is blocked until reconciliation succeeds',
  MARKET_DATA_STALE: 'Market data is stale: no new entries',
  EXCHANGE_UNREACHABLE: 'The exchange is unreachable: no new entries',
  LOOP_NOT_OWNER: 'This instance does not own the trading loop',
  MODEL_DISABLED: "A profile's model version is switched off: exits only",
  MODEL_DRIFT: "A profile's model drifted past its bound: exits only",
  MODEL_NOT_APPROVED: "A live profile's model version is not approved: exits only",
};

export type StatusKind =
  | 'loading'
  | 'disabled'
  | 'maintenance'
  | 'halted'
  | 'paused'
  | 'degraded'
  | 'starting'
  | 'running';

export interface StatusView {
  kind: StatusKind;
  tone: Tone;
  label: string;
  reasons: string[];
  /** Whether the user can open new positions right now, as far as the backend said. */
  canEnter: boolean | null;
}

export interface StatusInput {
  botState: BotState | undefined;
  /** The backend could not be reached for bot state (kept separate from a stale value). */
  backendUnreachable: boolean;
  socket: ConnectionState;
  /** From the platform-service (react-auth's product status); null while unknown. */
  product: ProductStatus | null;
  platformUnreachable: boolean;
}

/**
 * The one place that decides what the status bar says. Most severe first: a switched-off
 * product outranks maintenance, which outranks a halt, a pause and degradation.
 */
export function deriveStatusView(input: StatusInput): StatusView {
  const bot = input.botState;
  const product = input.product ?? bot?.product ?? null;
  const reasons: string[] = [];
  for (const code of bot?.verdict.reasons ?? []) reasons.push(CONTROL_REASON_TEXT[code]);
  for (const r of bot?.degradedReasons ?? []) reasons.push(r);

  const clientDegraded: string[] = [];
  if (input.backendUnreachable)
    clientDegraded.push('Trading backend unreachable: data may be stale');
  // The interval is the one every screen polls at while the socket is down (connectTradingCache).
  const every = `refreshing every ${FALLBACK_POLL_MS / 1000} s`;
  if (input.socket === 'disconnected')
    clientDegraded.push(`Live updates disconnected: reconnecting; ${every}`);
  if (input.socket === 'ended') clientDegraded.push(`Live updates ended: ${every}`);
  if (input.platformUnreachable) clientDegraded.push('Platform service unreachable');

  const canEnter = bot ? bot.verdict.canEnter : null;
  const view = (kind: StatusKind, tone: Tone, label: string): StatusView => ({
    kind,
    tone,
    label,
    reasons: [...new Set([...reasons, ...clientDegraded])],
    canEnter,
  });

  if (product && !product.enabled) return view('disabled', 'danger', 'Product disabled');
  if (product?.maintenance.active || bot?.status === 'maintenance') {
    const msg = product?.maintenance.message;
    if (msg) reasons.unshift(msg);
    return view('maintenance', 'info', 'Maintenance');
  }
  if (bot?.status === 'disabled') return view('disabled', 'danger', 'Product disabled');
  if (!bot) {
    if (clientDegraded.length) return view('degraded', 'warn', 'Degraded');
    return view('loading', 'muted', 'Connecting…');
  }
  if (bot.status === 'halted' || bot.globalMode === 'HALTED' || bot.tenantMode === 'HALTED')
    return view('halted', 'danger', 'Halted');
  if (bot.status === 'paused' || bot.globalMode === 'PAUSED' || bot.tenantMode === 'PAUSED')
    return view('paused', 'warn', 'Paused');
  if (bot.status === 'degraded' || clientDegraded.length)
    return view('degraded', 'warn', 'Degraded');
  if (bot.status === 'starting' || bot.status === 'reconciling')
    return view('starting', 'info', bot.status === 'starting' ? 'Starting' : 'Reconciling');
  return view('running', 'ok', 'Running');
}
