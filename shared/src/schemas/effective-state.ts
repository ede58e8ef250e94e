import { z } from 'zod';
import type { ControlReasonCode } from './control.js';

/**
 * What a profile is actually doing now, whichever layer decided it: the profile's own switch, a
 * reconciliation block, or a pause/halt set on the profile, the tenant, globally or by the
 * product (kill switch, maintenance). Every surface shows this, never the stored `mode` alone.
 */
export const EffectiveState = z.enum(['RUNNING', 'PAUSED', 'HALTED', 'BLOCKED', 'DISABLED']);
export type EffectiveState = z.infer<typeof EffectiveState>;

export const ControlLayer = z.enum([
  'product',
  'maintenance',
  'global',
  'tenant',
  'profile',
  'model',
]);
export type ControlLayer = z.infer<typeof ControlLayer>;

export const EffectiveProfileState = z.strictObject({
  state: EffectiveState,
  /** The layer that set it; null while RUNNING. */
  layer: ControlLayer.nullable(),
  reason: z.string().max(500).nullable(),
});
export type EffectiveProfileState = z.infer<typeof EffectiveProfileState>;

const PAUSES: [ControlReasonCode, ControlLayer, string][] = [
  ['MAINTENANCE', 'maintenance', 'The product is in maintenance: exits only'],
  ['GLOBAL_PAUSED', 'global', 'Paused globally by an operator: exits only'],
  ['TENANT_PAUSED', 'tenant', 'Paused for the organisation by an operator: exits only'],
  ['PROFILE_PAUSED', 'profile', 'Paused by an operator: exits only'],
  ['MODEL_DISABLED', 'model', 'Its model version is switched off: exits only'],
  ['MODEL_DRIFT', 'model', 'Its model drifted past the bound: exits only'],
  ['MODEL_NOT_APPROVED', 'model', 'Its model version is not approved for live trading: exits only'],
];
const HALTS: [ControlReasonCode, ControlLayer, string][] = [
  ['PRODUCT_DISABLED', 'product', 'The product is switched off: no new entries'],
  ['GLOBAL_HALTED', 'global', 'Halted globally by an operator: no orders'],
  ['TENANT_HALTED', 'tenant', 'Halted for the organisation by an operator: no orders'],
  ['PROFILE_HALTED', 'profile', 'Halted: no orders'],
];

/**
 * The most severe state wins: a block (books disagree with the venue) needs an operator, a halt
 * stops everything, a switched-off profile opens nothing, a pause still manages exits.
 */
export function effectiveProfileState(o: {
  enabled: boolean;
  blockedReason: string | null;
  reasons: readonly ControlReasonCode[];
  /** The model layer's own words (the kill switch's reason, the drift figures), when it applies. */
  modelReason?: string | null;
}): EffectiveProfileState {
  if (o.blockedReason !== null || o.reasons.includes('PROFILE_BLOCKED_RECONCILIATION'))
    return {
      state: 'BLOCKED',
      layer: 'profile',
      reason: o.blockedReason ?? 'Blocked until reconciliation succeeds',
    };
  for (const [code, layer, reason] of HALTS)
    if (o.reasons.includes(code)) return { state: 'HALTED', layer, reason };
  if (!o.enabled)
    return { state: 'DISABLED', layer: 'profile', reason: 'Switched off by its owner' };
  for (const [code, layer, reason] of PAUSES)
    if (o.reasons.includes(code))
      return {
        state: 'PAUSED',
        layer,
        reason: (layer === 'model' && o.modelReason
          ? `${reason} (${o.modelReason})`
          : reason
        ).slice(0, 500),
      };
  return { state: 'RUNNING', layer: null, reason: null };
}
