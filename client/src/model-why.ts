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
  /** p against the threshold that decided: "p=0.64 > 0.60", "p=0.42 < 0.50", "p=0.55 between 0.50 and 0.60". */
  comparison: string;
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
  const entry = enterAbove !== null && p > enterAbove;
  const exit = !entry && exitBelow !== null && p < exitBelow;
  const comparison = `p=${p.toFixed(2)} ${
    entry
      ? `> ${enterAbove.toFixed(2)}`
      : exit
        ? `< ${exitBelow.toFixed(2)}`
        : `between ${exitBelow?.toFixed(2) ?? '?'} and ${enterAbove?.toFixed(2) ?? '?'}`
  }`;
  const parts = contributions.map((c) => `${c.feature} ${signed(c.contribution)}`).join(', ');
  return {
    version,
    p,
    enterAbove,
    exitBelow,
    base: num(inputs.base),
    contributions,
    comparison,
    sentence: `${comparison}${entry ? ' (entry)' : exit ? ' (exit)' : ''}${parts ? `; ${parts}` : ''}`,
  };
}

const VERB: Record<string, string> = { ENTER: 'BUY', EXIT: 'SELL' };

/**
 * The headline a phone shows for a model decision: "BUY: p=0.64 > 0.60". Model strategies are
 * long-only, so an entry is a buy and an exit a sell; any other action keeps its own name.
 */
export const modelHeadline = (action: string, why: ModelWhy): string =>
  `${VERB[action] ?? action}: ${why.comparison}`;
