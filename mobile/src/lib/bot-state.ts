import type { BotState, ControlReasonCode, ProductStatus } from '@bytelyst/trading-contracts';

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

export interface BotStateView {
  /** Machine-readable, for tests and accessibility: the backend's status. */
  status: BotState['status'];
  label: string;
  tone: Tone;
  /** What may happen now, in words. */
  summary: string;
  reasons: string[];
}

const REASONS: Record<ControlReasonCode, string> = {
  PRODUCT_DISABLED: 'The product is switched off by the operators',
  MAINTENANCE: 'Scheduled maintenance',
  PLATFORM_STATUS_UNKNOWN: 'Platform status unknown: no new entries until it answers',
  GLOBAL_PAUSED: 'Trading paused globally by an operator',
  GLOBAL_HALTED: 'Trading halted globally by an operator',
  TENANT_PAUSED: 'Trading paused for your account',
  TENANT_HALTED: 'Trading halted for your account',
  PROFILE_PAUSED: 'A profile is paused',
  PROFILE_HALTED: 'A profile is halted',
  PROFILE_DISABLED: 'A profile is disabled',
  PROFILE_BLOCKED_RECONCILIATION: 'A profile is blocked until reconciliation completes',
  MARKET_DATA_STALE: 'Market data is stale',
  EXCHANGE_UNREACHABLE: 'The exchange is unreachable',
  LOOP_NOT_OWNER: 'The trading loop is starting on another instance',
  MODEL_DISABLED: "A profile's model version is switched off: exits only",
  MODEL_DRIFT: "A profile's model drifted past its bound: exits only",
  MODEL_NOT_APPROVED: "A live profile's model version is not approved: exits only",
};

export const describeReason = (code: ControlReasonCode): string => REASONS[code];

const LABELS: Record<BotState['status'], { label: string; tone: Tone }> = {
  starting: { label: 'Starting', tone: 'info' },
  reconciling: { label: 'Reconciling', tone: 'info' },
  running: { label: 'Running', tone: 'ok' },
  paused: { label: 'Paused', tone: 'warn' },
  halted: { label: 'Halted', tone: 'bad' },
  degraded: { label: 'Degraded', tone: 'warn' },
  maintenance: { label: 'Maintenance', tone: 'warn' },
  disabled: { label: 'Product disabled', tone: 'bad' },
};

function summarise(state: BotState): string {
  const v = state.verdict;
  if (v.canEnter) return 'New entries allowed; open positions managed.';
  if (v.canReduce) return 'No new entries; open positions are still managed and can be reduced.';
  return 'No orders are placed.';
}

const maintenanceNote = (p: ProductStatus | null): string[] =>
  p?.maintenance.active && p.maintenance.message ? [p.maintenance.message] : [];

/** The bot-state badge: status, tone and the reasons behind it, deduplicated, in order. */
export function describeBotState(state: BotState): BotStateView {
  const { label, tone } = LABELS[state.status];
  const reasons = [
    ...state.verdict.reasons.map(describeReason),
    ...state.degradedReasons,
    ...maintenanceNote(state.product),
  ];
  return {
    status: state.status,
    label,
    tone,
    summary: summarise(state),
    reasons: [...new Set(reasons)],
  };
}
