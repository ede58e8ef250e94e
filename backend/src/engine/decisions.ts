import type {
  ControlReasonCode,
  Decision,
  DecisionAction,
  DecisionReason,
} from '@bytelyst/trading-contracts';

/** Named inputs must be finite numbers (or short labels) on the wire; warm-up NaNs are left out. */
export function cleanInputs(
  inputs: Record<string, number | string>,
): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(inputs))
    if (typeof v === 'string' ? v.length <= 64 : Number.isFinite(v)) out[k] = v;
  return out;
}

export function makeDecision(options: {
  id: string;
  tenantId: string;
  profileId: string;
  symbol: string;
  action: DecisionAction;
  strength: number;
  inputs: Record<string, number | string>;
  reasons: DecisionReason[];
  controlReasons: readonly ControlReasonCode[];
  price: string;
  candleTime: number;
  orderId: string | null;
  now: number;
}): Decision {
  const strength = Number.isFinite(options.strength)
    ? Math.max(-1, Math.min(1, options.strength))
    : 0;
  return {
    id: options.id,
    tenantId: options.tenantId,
    profileId: options.profileId,
    symbol: options.symbol,
    action: options.action,
    signalStrength: strength,
    inputs: cleanInputs(options.inputs),
    reasons: options.reasons,
    controlReasons: [...options.controlReasons],
    price: options.price,
    candleTime: new Date(options.candleTime).toISOString(),
    orderId: options.orderId,
    createdAt: new Date(options.now).toISOString(),
  };
}
