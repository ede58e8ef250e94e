import { DEFAULT_RISK_LIMITS, type RiskLimits } from '@bytelyst/trading-contracts';
import { useState } from 'react';

type RiskText = Record<keyof RiskLimits, string>;

const RISK_FIELDS: {
  key: keyof RiskLimits;
  label: string;
  kind: 'decimal' | 'int' | 'nullable';
}[] = [
  { key: 'maxOrderNotional', label: 'Max order notional', kind: 'decimal' },
  { key: 'maxPositionNotional', label: 'Max position notional', kind: 'decimal' },
  { key: 'maxOpenPositions', label: 'Max open positions', kind: 'int' },
  { key: 'maxDailyLoss', label: 'Max daily loss', kind: 'decimal' },
  { key: 'maxDrawdownPct', label: 'Max drawdown (fraction)', kind: 'decimal' },
  { key: 'stopLossPct', label: 'Stop loss (fraction, empty = none)', kind: 'nullable' },
  { key: 'takeProfitPct', label: 'Take profit (fraction, empty = none)', kind: 'nullable' },
  { key: 'cooldownAfterLossMs', label: 'Cooldown after loss (ms)', kind: 'int' },
  { key: 'staleMarketDataMs', label: 'Stale market data (ms)', kind: 'int' },
];

const riskToText = (r: RiskLimits): RiskText =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]),
  ) as RiskText;

/**
 * Risk limits as the text a person edits, and the limits to send. Numbers are not checked here:
 * the contract's schema checks the request before it leaves, and its issues come back per field.
 */
export function useRiskLimits(initial?: RiskLimits) {
  const [text, setText] = useState<RiskText>(() => riskToText(initial ?? DEFAULT_RISK_LIMITS));
  const limits = (): RiskLimits => {
    const out: Record<string, unknown> = {};
    for (const f of RISK_FIELDS) {
      const v = text[f.key].trim();
      out[f.key] = f.kind === 'int' ? Number(v) : f.kind === 'nullable' && v === '' ? null : v;
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
