import {
  DEFAULT_RISK_LIMITS,
  RISK_PCT_BOUNDS,
  fractionToPercent,
  percentToFraction,
  type RiskLimits,
} from '@bytelyst/trading-contracts';
import { useState } from 'react';

type RiskKey = Exclude<keyof RiskLimits, 'sizingMode'>;
type RiskText = Record<RiskKey, string>;

// Percent limits are entered and shown as percentages; the wire holds fractions.
const RISK_FIELDS: {
  key: RiskKey;
  label: string;
  kind: 'decimal' | 'int' | 'percent' | 'nullablePercent';
}[] = [
  { key: 'maxOrderNotional', label: 'Max order notional', kind: 'decimal' },
  { key: 'maxPositionNotional', label: 'Max position notional', kind: 'decimal' },
  { key: 'maxOpenPositions', label: 'Max open positions', kind: 'int' },
  { key: 'maxDailyLoss', label: 'Max daily loss', kind: 'decimal' },
  {
    key: 'maxDrawdownPct',
    label: `Max drawdown (%, up to ${RISK_PCT_BOUNDS.maxDrawdownPct.maxPercent})`,
    kind: 'percent',
  },
  {
    key: 'stopLossPct',
    label: `Stop loss (%, up to ${RISK_PCT_BOUNDS.stopLossPct.maxPercent}; empty = none)`,
    kind: 'nullablePercent',
  },
  {
    key: 'takeProfitPct',
    label: `Take profit (%, up to ${RISK_PCT_BOUNDS.takeProfitPct.maxPercent}; empty = none)`,
    kind: 'nullablePercent',
  },
  { key: 'cooldownAfterLossMs', label: 'Cooldown after loss (ms)', kind: 'int' },
  { key: 'staleMarketDataMs', label: 'Stale market data (ms)', kind: 'int' },
];

const riskToText = (r: RiskLimits): RiskText =>
  Object.fromEntries(
    RISK_FIELDS.map((f) => {
      const v = r[f.key];
      if (v === null) return [f.key, ''];
      return [f.key, f.kind.endsWith('ercent') ? fractionToPercent(String(v)) : String(v)];
    }),
  ) as RiskText;

/**
 * Risk limits as the text a person edits, and the limits to send. Numbers are not checked here:
 * the contract's schema checks the request before it leaves, and its issues come back per field.
 */
export function useRiskLimits(initial?: RiskLimits) {
  const start = initial ?? DEFAULT_RISK_LIMITS;
  const [text, setText] = useState<RiskText>(() => riskToText(start));
  const limits = (): RiskLimits => {
    // Fields this form does not edit (the sizing mode) keep their value.
    const out: Record<string, unknown> = { sizingMode: start.sizingMode };
    for (const f of RISK_FIELDS) {
      const v = text[f.key].trim();
      out[f.key] =
        f.kind === 'int'
          ? Number(v)
          : f.kind === 'nullablePercent' && v === ''
            ? null
            : f.kind === 'decimal'
              ? v
              : percentToFraction(v);
    }
    return out as RiskLimits;
  };
  return { text, setText, limits };
}

/** The limits, folded away by default: every profile and backtest starts from the defaults. */
export function RiskFields(props: {
  state: ReturnType<typeof useRiskLimits>;
  /** Issues keyed `risk:<field>` (`issuesByField` in form-issues). */
  errors: Record<string, string>;
  idPrefix: string;
  summary?: string;
}) {
  const { text, setText } = props.state;
  const open = RISK_FIELDS.some((f) => props.errors[`risk:${f.key}`]);
  return (
    <details className="field" open={open || undefined}>
      <summary>{props.summary ?? 'Risk limits'}</summary>
      <div className="form-grid">
        {RISK_FIELDS.map((f) => {
          const error = props.errors[`risk:${f.key}`];
          const id = `${props.idPrefix}-${f.key}`;
          return (
            <div key={f.key} className={`field ${error ? 'field-error' : ''}`}>
              <label htmlFor={id}>{f.label}</label>
              <input
                id={id}
                inputMode={f.kind === 'int' ? 'numeric' : 'decimal'}
                value={text[f.key]}
                onChange={(e) => setText({ ...text, [f.key]: e.target.value })}
              />
              {error && <small className="neg">{error}</small>}
            </div>
          );
        })}
      </div>
    </details>
  );
}
