import { MODEL_FEATURES, type FeatureId } from '@bytelyst/trading-contracts';

export interface ModelContribution {
  feature: string;
  /** The feature's description from the contracts (the raw id if it is not a declared feature). */
  label: string;
  value: number | null;
  contribution: number;
}

export interface ModelWhy {
  version: string;
  p: number;
  enterAbove: number | null;
  exitBelow: number | null;
  base: number | null;
  /** Largest in absolute value first, as the decision recorded them. */
  contributions: ModelContribution[];
  /** One line: "p=0.64 > 0.60 (entry); 5-bar return +0.31, RSI -0.12". */
  sentence: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/**
 * A model strategy's decision inputs read back as its explanation: the version, p against the
 * thresholds, and the feature contributions to the log-odds (docs/MODELS.md). Null for any other
 * strategy's decision.
 */
export function modelWhy(inputs: Record<string, string | number | boolean>): ModelWhy | null {
  const version = inputs.model;
  const p = num(inputs.p);
  if (typeof version !== 'string' || p === null) return null;
  const contributions: ModelContribution[] = Object.keys(inputs)
    .filter((k) => k.startsWith('contribution.'))
    .map((k) => {
      const feature = k.slice('contribution.'.length);
      return {
        feature,
        label: MODEL_FEATURES[feature as FeatureId] ?? feature,
        value: num(inputs[`value.${feature}`]),
        contribution: num(inputs[k]) ?? 0,
      };
    })
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const enterAbove = num(inputs.enterAbove);
  const exitBelow = num(inputs.exitBelow);
  const against =
    enterAbove !== null && p > enterAbove
      ? `> ${enterAbove.toFixed(2)} (entry)`
      : exitBelow !== null && p < exitBelow
        ? `< ${exitBelow.toFixed(2)} (exit)`
        : `between ${exitBelow?.toFixed(2) ?? '?'} and ${enterAbove?.toFixed(2) ?? '?'}`;
  const parts = contributions.map((c) => `${c.feature} ${signed(c.contribution)}`).join(', ');
  return {
    version,
    p,
    enterAbove,
    exitBelow,
    base: num(inputs.base),
    contributions,
    sentence: `p=${p.toFixed(2)} ${against}${parts ? `; ${parts}` : ''}`,
  };
}
