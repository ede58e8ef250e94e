import {
  Timeframe,
  type BacktestJob,
  type Instrument,
  type StrategyInfo,
} from '@bytelyst/trading-contracts';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { issuesByField } from '../../../components/form-issues';
import { RiskFields, useRiskLimits } from '../../../components/risk-fields';
import { StrategyFields, useStrategyParams } from '../../../components/strategy-fields';
import { useCreateBacktest } from '../api/create-backtest';
import { historySpan } from '../utils/backtest-view';
import { coverageInputs, SIMULATED, sourceKey, storedRangeIssues } from '../utils/data-source';
import { DataSourceField, useDataSource } from './data-source-field';
import { RunSettingsFields, useRunSettings } from './run-settings-fields';

const CANDLE_PRESETS = [20_000, 100_000, 500_000, 2_000_000];

export function BacktestForm(props: {
  strategies: StrategyInfo[];
  instruments: Instrument[];
  /** A previous run to start from ("run again with changes"). */
  initial?: BacktestJob['request'] | undefined;
  onStarted: (jobId: string) => void;
}) {
  const { initial } = props;
  const strategy = useStrategyParams(props.strategies, initial?.strategy);
  const [symbol, setSymbol] = useState(initial?.symbol ?? props.instruments[0]?.symbol ?? '');
  const [timeframe, setTimeframe] = useState<Timeframe>(initial?.timeframe ?? '1m');
  const [candles, setCandles] = useState(String(initial?.candles ?? 100_000));
  const [seed, setSeed] = useState(String(initial?.seed ?? 42));
  const [capital, setCapital] = useState(initial?.capital ?? '10000');
  const risk = useRiskLimits(initial?.risk);
  const run = useRunSettings(initial?.settings);
  const [sourceValue, setSourceValue] = useState(
    sourceKey({ source: initial?.source, symbol, timeframe }),
  );
  const source = useDataSource(
    sourceValue,
    props.instruments.map((i) => i.symbol),
  );
  const stored = source.series;
  const create = useCreateBacktest();
  // The range is checked against the series as it is typed; the server checks it again.
  const range = stored ? storedRangeIssues(stored, run.values) : {};
  const errors: Record<string, string> = {
    ...issuesByField(create.error),
    ...(range.from ? { 'settings:from': range.from } : {}),
    ...(range.to ? { 'settings:to': range.to } : {}),
  };
  const blocked = source.missing || range.from !== undefined || range.to !== undefined;
  const candleCount = Number(candles);

  const pickSource = (key: string, series: typeof stored) => {
    setSourceValue(key);
    if (series) {
      // A series fixes the symbol and timeframe; the range starts as its whole coverage.
      setSymbol(series.symbol);
      setTimeframe(series.timeframe);
      const c = coverageInputs(series);
      run.set.setFrom(c.from);
      run.set.setTo(c.to);
    } else if (key === SIMULATED) {
      // A stored series' dates would select nothing of the simulated history (from 2022).
      run.set.setFrom('');
      run.set.setTo('');
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    create.mutate(
      {
        strategy: strategy.config(),
        symbol,
        timeframe,
        source: stored ? { kind: 'stored', venue: stored.venue } : { kind: 'simulated' },
        candles: candles.trim() === '' ? Number.NaN : candleCount,
        seed: seed.trim() === '' ? Number.NaN : Number(seed),
        capital: capital.trim(),
        risk: risk.limits(),
        settings: run.settings(),
      },
      { onSuccess: (job) => props.onStarted(job.id) },
    );
  };

  return (
    <form className="form" onSubmit={submit} data-testid="backtest-form">
      <div className="form-grid">
        <DataSourceField id="bt-source" value={sourceValue} source={source} onChange={pickSource} />
        <div className={`field ${errors.symbol ? 'field-error' : ''}`}>
          <label htmlFor="bt-symbol">Symbol</label>
          <select
            id="bt-symbol"
            value={symbol}
            disabled={sourceValue !== SIMULATED}
            onChange={(e) => setSymbol(e.target.value)}
          >
            {props.instruments.map((i) => (
              <option key={i.symbol} value={i.symbol}>
                {i.symbol}
              </option>
            ))}
          </select>
          {errors.symbol && <small className="neg">{errors.symbol}</small>}
        </div>
        <div className="field">
          <label htmlFor="bt-tf">Timeframe</label>
          <select
            id="bt-tf"
            value={timeframe}
            disabled={sourceValue !== SIMULATED}
            onChange={(e) => setTimeframe(e.target.value as Timeframe)}
          >
            {Timeframe.options.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        {sourceValue === SIMULATED && (
          <SimulatedFields
            candles={candles}
            setCandles={setCandles}
            seed={seed}
            setSeed={setSeed}
            timeframe={timeframe}
            errors={errors}
          />
        )}
        <div className={`field ${errors.capital ? 'field-error' : ''}`}>
          <label htmlFor="bt-capital">Starting capital</label>
          <input
            id="bt-capital"
            inputMode="decimal"
            value={capital}
            onChange={(e) => setCapital(e.target.value)}
          />
          {errors.capital && <small className="neg">{errors.capital}</small>}
        </div>
      </div>
      <RunSettingsFields state={run} errors={errors} />
      <StrategyFields state={strategy} errors={errors} />
      <RiskFields
        state={risk}
        errors={errors}
        idPrefix="bt-risk"
        summary="Risk limits (checked as in live trading)"
      />
      {create.error && <ErrorNotice error={create.error} title="Could not start the backtest" />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending || blocked}>
          {create.isPending ? 'Starting…' : 'Run backtest'}
        </button>
      </div>
    </form>
  );
}

/** How much simulated history and which (a stored series has neither). */
function SimulatedFields(props: {
  candles: string;
  setCandles: (v: string) => void;
  seed: string;
  setSeed: (v: string) => void;
  timeframe: Timeframe;
  errors: Record<string, string>;
}) {
  const { candles, setCandles, seed, setSeed, timeframe, errors } = props;
  const candleCount = Number(candles);
  return (
    <>
      <div className={`field ${errors.candles ? 'field-error' : ''}`}>
        <label htmlFor="bt-candles">Candles</label>
        <input
          id="bt-candles"
          type="number"
          min={100}
          max={2_000_000}
          step={1}
          list="bt-candle-presets"
          value={candles}
          onChange={(e) => setCandles(e.target.value)}
        />
        <datalist id="bt-candle-presets">
          {CANDLE_PRESETS.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <small className="muted" data-testid="bt-candles-hint">
          {Number.isFinite(candleCount) && candleCount > 0
            ? historySpan({ candles: candleCount, timeframe })
            : '100 to 2,000,000 candles'}
        </small>
        {errors.candles && <small className="neg">{errors.candles}</small>}
      </div>
      <div className={`field ${errors.seed ? 'field-error' : ''}`}>
        <label htmlFor="bt-seed">Seed</label>
        <input
          id="bt-seed"
          type="number"
          min={0}
          step={1}
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
        />
        <small className="muted">Same seed and settings, same history and result.</small>
        {errors.seed && <small className="neg">{errors.seed}</small>}
      </div>
    </>
  );
}
