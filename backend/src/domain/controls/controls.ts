import type {
  ControlReasonCode,
  ControlVerdict,
  ProductStatus,
  TradingMode,
} from '@bytelyst/trading-contracts';

/** The model layer of one profile: each flag stops its entries; its exits stay. */
export interface ModelGate {
  /** The version's kill switch is on. */
  readonly disabled: boolean;
  /** Live features or hit rate drifted past the profile's bound. */
  readonly drifted: boolean;
  /** The profile trades a live venue and no admin has approved the version. */
  readonly notApproved: boolean;
}

/** Everything that can stop trading right now, layer by layer (DESIGN §4). */
export interface ControlInputs {
  readonly now: number;
  /** Last product status from the platform-service; null if none was ever received. */
  readonly product: ProductStatus | null;
  readonly productReceivedAt: number | null;
  /** Past this age the status counts as unknown, which fails safe (no new entries). */
  readonly productMaxAgeMs: number;
  readonly globalMode: TradingMode;
  readonly tenantMode: TradingMode;
  /** Absent when asking about the tenant as a whole. */
  readonly profile?: {
    readonly mode: TradingMode;
    readonly enabled: boolean;
    readonly blockedByReconciliation: boolean;
    /** Present for model strategies: the model layer of this profile. */
    readonly model?: ModelGate;
  };
  readonly gates: {
    readonly marketDataStale: boolean;
    readonly exchangeUnreachable: boolean;
    /** False when this instance does not hold the tenant's loop lease. */
    readonly loopOwner: boolean;
  };
}

/**
 * Effect of each reason. "Any off wins": the verdict is the conjunction over all reasons.
 * entry: the reason forbids new exposure; reduce: it also forbids exits and stops;
 * cancel: open orders must be cancelled. Cancels themselves are always allowed.
 */
const EFFECT: Record<ControlReasonCode, { entry: boolean; reduce: boolean; cancel: boolean }> = {
  PRODUCT_DISABLED: { entry: true, reduce: false, cancel: false },
  // Maintenance opens nothing anywhere (loop, manual, admin); exits, cancels and disabling a
  // profile stay open to everyone (the API lets exactly those writes through).
  MAINTENANCE: { entry: true, reduce: false, cancel: false },
  PLATFORM_STATUS_UNKNOWN: { entry: true, reduce: false, cancel: false },
  GLOBAL_PAUSED: { entry: true, reduce: false, cancel: false },
  GLOBAL_HALTED: { entry: true, reduce: true, cancel: true },
  TENANT_PAUSED: { entry: true, reduce: false, cancel: false },
  TENANT_HALTED: { entry: true, reduce: true, cancel: true },
  PROFILE_PAUSED: { entry: true, reduce: false, cancel: false },
  PROFILE_HALTED: { entry: true, reduce: true, cancel: true },
  // A disabled profile opens nothing but still has its stops managed, like PAUSED.
  PROFILE_DISABLED: { entry: true, reduce: false, cancel: false },
  // The books disagree with the venue: touch nothing until an operator has looked.
  PROFILE_BLOCKED_RECONCILIATION: { entry: true, reduce: true, cancel: false },
  MARKET_DATA_STALE: { entry: true, reduce: false, cancel: false },
  EXCHANGE_UNREACHABLE: { entry: true, reduce: false, cancel: false },
  // Another instance owns this tenant's loop: this one must not place or cancel anything.
  LOOP_NOT_OWNER: { entry: true, reduce: true, cancel: false },
  // The model only proposes: any model reason takes its entries away, never its exits or stops.
  MODEL_DISABLED: { entry: true, reduce: false, cancel: false },
  MODEL_DRIFT: { entry: true, reduce: false, cancel: false },
  MODEL_NOT_APPROVED: { entry: true, reduce: false, cancel: false },
};

export const CONTROL_EFFECTS: Readonly<typeof EFFECT> = EFFECT;

function modeReason(
  mode: TradingMode,
  paused: ControlReasonCode,
  halted: ControlReasonCode,
): ControlReasonCode | null {
  switch (mode) {
    case 'RUNNING':
      return null;
    case 'PAUSED':
      return paused;
    case 'HALTED':
      return halted;
  }
}

/** The one function that decides what may happen now. Pure; reasons come in a stable order. */
export function evaluateControls(input: ControlInputs): ControlVerdict {
  const reasons: ControlReasonCode[] = [];
  const fresh =
    input.product !== null &&
    input.productReceivedAt !== null &&
    input.now - input.productReceivedAt <= input.productMaxAgeMs;
  if (!fresh) reasons.push('PLATFORM_STATUS_UNKNOWN');
  // A stale status still says what it last said: a known kill switch stays on while unknown.
  if (input.product && !input.product.enabled) reasons.push('PRODUCT_DISABLED');
  if (input.product?.maintenance.active) reasons.push('MAINTENANCE');
  const g = modeReason(input.globalMode, 'GLOBAL_PAUSED', 'GLOBAL_HALTED');
  if (g) reasons.push(g);
  const t = modeReason(input.tenantMode, 'TENANT_PAUSED', 'TENANT_HALTED');
  if (t) reasons.push(t);
  if (input.profile) {
    const p = modeReason(input.profile.mode, 'PROFILE_PAUSED', 'PROFILE_HALTED');
    if (p) reasons.push(p);
    if (!input.profile.enabled) reasons.push('PROFILE_DISABLED');
    if (input.profile.blockedByReconciliation) reasons.push('PROFILE_BLOCKED_RECONCILIATION');
    const m = input.profile.model;
    if (m?.disabled) reasons.push('MODEL_DISABLED');
    if (m?.drifted) reasons.push('MODEL_DRIFT');
    if (m?.notApproved) reasons.push('MODEL_NOT_APPROVED');
  }
  if (input.gates.marketDataStale) reasons.push('MARKET_DATA_STALE');
  if (input.gates.exchangeUnreachable) reasons.push('EXCHANGE_UNREACHABLE');
  if (!input.gates.loopOwner) reasons.push('LOOP_NOT_OWNER');
  let canEnter = true;
  let canReduce = true;
  let cancelOpenOrders = false;
  for (const r of reasons) {
    const e = EFFECT[r];
    if (e.entry) canEnter = false;
    if (e.reduce) canReduce = false;
    if (e.cancel) cancelOpenOrders = true;
  }
  return { canEnter, canReduce, cancelOpenOrders, reasons };
}
