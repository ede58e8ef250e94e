import {
  BacktestSettings,
  type EntrySizing,
  type FillRule,
  type SlippageModel,
} from '@bytelyst/trading-contracts';
import { useState } from 'react';

const DEFAULTS = BacktestSettings.parse({});

type SizingMode = EntrySizing['mode'];

const SIZING_LABEL: Record<SizingMode, string> = {
  limits: 'Risk limits (as live)',
  fixed_notional: 'Fixed notional',
  percent_cash: '% of cash',
  percent_equity: '% of equity',
};

/** "2026-01-05T10:00:00.000Z" <-> the value of a datetime-local input, both read as UTC. */
const toInput = (iso: string | null) => (iso === null ? '' : iso.slice(0, 16));
const fromInput = (v: string) => (v.trim() === '' ? null : `${v}:00.000Z`);

/** The form state of a run's settings, started from a previous run's or the defaults. */
export function useRunSettings(initial: BacktestSettings | undefined) {
  const s = initial ?? DEFAULTS;
  const [fillRule, setFillRule] = useState<FillRule>(s.fillRule);
  const [feeRate, setFeeRate] = useState(s.feeRate);
  const [slipKind, setSlipKind] = useState<SlippageModel['kind']>(s.slippage.kind);
  const [slipBps, setSlipBps] = useState(String(s.slippage.bps));
  const [sizingMode, setSizingMode] = useState<SizingMode>(s.sizing.mode);
  const [sizingValue, setSizingValue] = useState(
    s.sizing.mode === 'fixed_notional'
      ? s.sizing.notional
      : s.sizing.mode === 'limits'
        ? ''
        : s.sizing.percent,
  );
  const [from, setFrom] = useState(toInput(s.from));
  const [to, setTo] = useState(toInput(s.to));
  const [riskFree, setRiskFree] = useState(String(s.riskFreeRate * 100));
  const sizing = (): EntrySizing => {
    const v = sizingValue.trim();
    switch (sizingMode) {
      case 'limits':
        return { mode: 'limits' };
      case 'fixed_notional':
        return { mode: 'fixed_notional', notional: v };
      case 'percent_cash':
      case 'percent_equity':
        return { mode: sizingMode, percent: v };
    }
  };
  return {
    values: { fillRule, feeRate, slipKind, slipBps, sizingMode, sizingValue, from, to, riskFree },
    set: {
      setFillRule,
      setFeeRate,
      setSlipKind,
      setSlipBps,
      setSizingMode,
      setSizingValue,
      setFrom,
      setTo,
      setRiskFree,
    },
    /** As sent; a blank number is NaN so the server names the field. */
    settings: (): BacktestSettings => ({
      fillRule,
      feeRate: feeRate.trim(),
      slippage: { kind: slipKind, bps: slipBps.trim() === '' ? Number.NaN : Number(slipBps) },
      sizing: sizing(),
      from: fromInput(from),
      to: fromInput(to),
      riskFreeRate: riskFree.trim() === '' ? Number.NaN : Number(riskFree) / 100,
    }),
  };
}

function FieldError({ error }: { error: string | undefined }) {
  return error ? <small className="neg">{error}</small> : null;
}

/** Fill rule, fee, slippage, sizing and date range of a backtest (docs/BACKTESTING.md). */
export function RunSettingsFields(props: {
  state: ReturnType<typeof useRunSettings>;
  /** Issues keyed `settings:<field>` (`issuesByField` in form-issues). */
  errors: Record<string, string>;
}) {
  const { values: v, set } = props.state;
  const e = (k: string) => props.errors[`settings:${k}`];
  const cls = (k: string) => `field ${e(k) ? 'field-error' : ''}`;
  return (
    <fieldset className="form-grid" data-testid="bt-settings">
      <div className={cls('fillRule')}>
        <label htmlFor="bt-fill">Fill rule</label>
        <select
          id="bt-fill"
          value={v.fillRule}
          onChange={(x) => set.setFillRule(x.target.value as FillRule)}
        >
          <option value="next_open">Next candle&apos;s open</option>
          <option value="close">Signal candle&apos;s close (optimistic)</option>
        </select>
        <small className="muted">
          {v.fillRule === 'close'
            ? 'Fills at the very price the signal was computed from: flatters results.'
            : 'An order decided at a close fills at the next open, as live.'}
        </small>
        <FieldError error={e('fillRule')} />
      </div>
      <div className={cls('feeRate')}>
        <label htmlFor="bt-fee">Fee rate</label>
        <input
          id="bt-fee"
          inputMode="decimal"
          value={v.feeRate}
          onChange={(x) => set.setFeeRate(x.target.value)}
        />
        <small className="muted">Fraction of each fill&apos;s notional: 0.001 = 10 bp.</small>
        <FieldError error={e('feeRate')} />
      </div>
      <div className={cls('slippage')}>
        <label htmlFor="bt-slip">Slippage (bps)</label>
        <div className="row">
          <input
            id="bt-slip"
            inputMode="numeric"
            value={v.slipBps}
            onChange={(x) => set.setSlipBps(x.target.value)}
          />
          <select
            aria-label="Slippage model"
            value={v.slipKind}
            onChange={(x) => set.setSlipKind(x.target.value as SlippageModel['kind'])}
          >
            <option value="fixed_bps">of the price</option>
            <option value="range_bps">of the signal candle&apos;s range</option>
          </select>
        </div>
        <FieldError error={e('slippage')} />
      </div>
      <div className={cls('sizing')}>
        <label htmlFor="bt-sizing">Entry size</label>
        <div className="row">
          <select
            id="bt-sizing"
            value={v.sizingMode}
            onChange={(x) => set.setSizingMode(x.target.value as SizingMode)}
          >
            {(Object.keys(SIZING_LABEL) as SizingMode[]).map((m) => (
              <option key={m} value={m}>
                {SIZING_LABEL[m]}
              </option>
            ))}
          </select>
          {v.sizingMode !== 'limits' && (
            <input
              aria-label={v.sizingMode === 'fixed_notional' ? 'Notional' : 'Percent'}
              inputMode="decimal"
              value={v.sizingValue}
              onChange={(x) => set.setSizingValue(x.target.value)}
            />
          )}
        </div>
        <small className="muted">Floored to the lot; what cash cannot pay is refused.</small>
        <FieldError error={e('sizing')} />
      </div>
      <div className={cls('from')}>
        <label htmlFor="bt-from">From (UTC)</label>
        <input
          id="bt-from"
          type="datetime-local"
          value={v.from}
          onChange={(x) => set.setFrom(x.target.value)}
        />
        <FieldError error={e('from')} />
      </div>
      <div className={cls('to')}>
        <label htmlFor="bt-to">To (UTC, excluded)</label>
        <input
          id="bt-to"
          type="datetime-local"
          value={v.to}
          onChange={(x) => set.setTo(x.target.value)}
        />
        <FieldError error={e('to')} />
      </div>
      <div className={cls('riskFreeRate')}>
        <label htmlFor="bt-rf">Risk-free rate (% a year)</label>
        <input
          id="bt-rf"
          inputMode="decimal"
          value={v.riskFree}
          onChange={(x) => set.setRiskFree(x.target.value)}
        />
        <small className="muted">Subtracted in Sharpe and Sortino.</small>
        <FieldError error={e('riskFreeRate')} />
      </div>
    </fieldset>
  );
}

/** One line saying how a stored run filled, charged and sized ("before settings" for old runs). */
export function describeSettings(s: BacktestSettings | undefined): string {
  if (!s)
    return 'filled at the close · fee 0.001 · 2 bp slippage (run before settings were stored)';
  const fill = s.fillRule === 'next_open' ? 'next open' : 'close (optimistic)';
  const slip =
    s.slippage.kind === 'fixed_bps'
      ? `${s.slippage.bps} bp slippage`
      : `${s.slippage.bps} bp of range slippage`;
  const z = s.sizing;
  const size =
    z.mode === 'limits'
      ? 'sized by limits'
      : z.mode === 'fixed_notional'
        ? `${z.notional} per entry`
        : `${z.percent}% of ${z.mode === 'percent_cash' ? 'cash' : 'equity'}`;
  const range = s.from || s.to ? ` · ${s.from ?? 'start'} to ${s.to ?? 'end'}` : '';
  return `fills at ${fill} · fee ${s.feeRate} · ${slip} · ${size}${range}`;
}
