import { modelHeadline, modelWhy } from '@bytelyst/trading-client';
import type { Decision } from '@bytelyst/trading-contracts';

export interface ModelWhyView {
  /** "BUY: p=0.64 > 0.60". */
  headline: string;
  version: string;
  /** Largest first: "ret_5 +0.31", and what the feature is. */
  contributions: { key: string; figure: string; label: string }[];
}

/**
 * A model decision's "why" for the phone: the same reading as the web's decision card (the
 * client package's modelWhy), as a headline and one line per top contribution. Null for a rule
 * strategy's decision.
 */
export function modelWhyView(d: Pick<Decision, 'action' | 'inputs'>): ModelWhyView | null {
  const why = modelWhy(d.inputs);
  if (!why) return null;
  return {
    headline: modelHeadline(d.action, why),
    version: why.version,
    contributions: why.contributions.map((c) => ({
      key: c.feature,
      figure: `${c.feature} ${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(2)}`,
      label: c.label,
    })),
  };
}
