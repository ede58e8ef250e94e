import type {
  ControlReasonCode,
  Decision,
  DecisionAction,
  DecisionReason,
} from '@bytelyst/trading-contracts';

/** Named inputs must be finite numbers on the wire; warm-up NaNs are left out. */
export function cleanInputs(inputs: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(inputs)) if (Number.isFinite(v)) out[k] = v;
  return out;
}

export function makeDecision(o: {
  id: string;
  tenantId: string;
  profileId: string;
  symbol: string;
  action: DecisionAction;
  strength: number;
  inputs: Record<string, number>;
  reasons: DecisionReason[];
  controlReasons: readonly ControlReasonCode[];
  price: string;
  candleTime: number;
  orderId: string | null;
  now: number;
}): Decision {
  const strength = Number.isFinite(o.strength) ? Math.max(-1, Math.min(1, o.strength)) : 0;
  return {
    id: o.id,
    tenantId: o.tenantId,
    profileId: o.profileId,
    symbol: o.symbol,
    action: o.action,
    signalStrength: strength,
    inputs: cleanInputs(o.inputs),
    reasons: o.reasons,
    controlReasons: [...o.controlReasons],
    price: o.price,
    candleTime: new Date(o.candleTime).toISOString(),
    orderId: o.orderId,
    createdAt: new Date(o.now).toISOString(),
  };
}
