import {
  BacktestSettings,
  SEARCH_STATISTICS,
  TIMEFRAME_MS,
  type CandleSeries,
  type Instrument,
  type ParamSpace,
  type SearchStatistic,
  type StrategyConfig,
  type StrategyId,
  type StrategyInfo,
} from '@bytelyst/trading-contracts';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { defaultParams, readParamFields, type ParamField } from '../../../components/schema-fields';
import { useCreateSearch } from '../api/searches';
import { coverage, coverageInputs, SIMULATED, storedRangeIssues } from '../utils/data-source';
import { walkForwardCheck } from '../utils/walk-forward-check';
import { DataSourceField, useDataSource } from './data-source-field';

/** A datetime-local value read as UTC, or null when blank. */
const fromInput = (v: string) => (v.trim() === '' ? null : `${v}:00.000Z`);

/**
 * Candles in the data a search replays, when the form can tell: a stored series' coverage cut
 * to the typed range, or the simulated candles when no range is typed.
 */
function dataCandles(o: {
  stored: CandleSeries | null;
  candles: string;
  from: string;
  to: string;
}): number | null {
  if (!o.stored) {
    const n = Number(o.candles);
    return o.from === '' && o.to === '' && Number.isFinite(n) && n > 0 ? n : null;
  }
  const c = coverage(o.stored);
  const from = o.from === '' ? c.from : Math.max(c.from, Date.parse(`${o.from}:00.000Z`));
  const to = o.to === '' ? c.to : Math.min(c.to, Date.parse(`${o.to}:00.000Z`));
  const n = Math.floor((to - from) / TIMEFRAME_MS[o.stored.timeframe]);
  // A half-typed date is named by the range check; no count until it reads.
  return Number.isFinite(n) ? Math.max(0, n) : null;
}

/** One param's search range as typed (blank `to` = fixed at `from`). */
interface RangeInput {
  vary: boolean;
  from: string;
  to: string;
  step: string;
  values: string[];
}

const STATISTIC_LABELS: Record<SearchStatistic, string> = {
  sharpe: 'Sharpe',
  sortino: 'Sortino',
  calmar: 'Calmar',
  totalReturnPct: 'Total return',
  annualReturnPct: 'Annualised return',
  profitFactor: 'Profit factor',
  winRate: 'Win rate',
  expectancy: 'Expectancy',
  maxDrawdownPct: 'Max drawdown (lower is better)',
  annualVolatilityPct: 'Volatility (lower is better)',
};
export const statisticLabel = (s: SearchStatistic) => STATISTIC_LABELS[s];

function initialRanges(fields: ParamField[]): Record<string, RangeInput> {
  const out: Record<string, RangeInput> = {};
  fields.forEach((f, i) => {
    const d = f.default;
    out[f.name] = {
      // The first two numeric params vary by default: a grid with a heatmap.
      vary: f.enum === undefined && f.type !== 'boolean' && i < 2,
      from: typeof d === 'number' ? String(Math.max(f.minimum ?? 1, Math.round(d / 2))) : '',
      to: typeof d === 'number' ? String(Math.round(d * 1.5)) : '',
      step: typeof d === 'number' ? String(Math.max(1, Math.round(d / 4))) : '1',
      values: f.enum ? f.enum.map(String) : [],
    };
  });
  return out;
}

/** The space the API takes from the typed ranges (params not varied keep their default). */
function toSpace(fields: ParamField[], ranges: Record<string, RangeInput>): ParamSpace {
  const space: ParamSpace = {};
  for (const f of fields) {
    const r = ranges[f.name];
    if (!r?.vary) continue;
    if (f.enum) space[f.name] = { values: r.values };
    else if (r.to.trim() === '') space[f.name] = { values: [Number(r.from)] };
    else space[f.name] = { min: Number(r.from), max: Number(r.to), step: Number(r.step) };
  }
  return space;
}

export function SearchForm(props: {
  strategies: StrategyInfo[];
  instruments: Instrument[];
  onStarted: (id: string) => void;
}) {
  const usable = props.strategies.filter((s) => s.id !== 'model');
  const [strategyId, setStrategyId] = useState<StrategyId>(usable[0]?.id ?? 'sma-cross');
  const info = usable.find((s) => s.id === strategyId);
  const fields = (info && readParamFields(info.paramsSchema)) ?? [];
  const [ranges, setRanges] = useState(() => initialRanges(fields));
  const [symbol, setSymbol] = useState(props.instruments[0]?.symbol ?? '');
  const [candles, setCandles] = useState('50000');
  const [objective, setObjective] = useState<SearchStatistic>('sharpe');
  const [sampler, setSampler] = useState<'grid' | 'random'>('grid');
  const [count, setCount] = useState('50');
  const [wf, setWf] = useState<'off' | 'rolling' | 'anchored'>('off');
  const [inSample, setInSample] = useState('20000');
  const [outOfSample, setOutOfSample] = useState('5000');
  const [sourceValue, setSourceValue] = useState(SIMULATED);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const source = useDataSource(
    sourceValue,
    props.instruments.map((i) => i.symbol),
  );
  const stored = source.series;
  // Checked against the series as typed (walk-forward windows are cut from this range).
  const range = stored ? storedRangeIssues(stored, { from, to }) : {};
  const wfCheck =
    wf === 'off'
      ? null
      : walkForwardCheck({
          inSample,
          outOfSample,
          dataCandles: dataCandles({ stored, candles, from, to }),
        });
  const blocked =
    source.missing ||
    range.from !== undefined ||
    range.to !== undefined ||
    wfCheck?.inSample !== undefined ||
    wfCheck?.outOfSample !== undefined;
  const create = useCreateSearch();

  const pickSource = (key: string, series: CandleSeries | null) => {
    setSourceValue(key);
    if (series) {
      setSymbol(series.symbol);
      const c = coverageInputs(series);
      setFrom(c.from);
      setTo(c.to);
    } else if (key === SIMULATED) {
      setFrom('');
      setTo('');
    }
  };

  const pick = (id: StrategyId) => {
    setStrategyId(id);
    const f = readParamFields(usable.find((s) => s.id === id)?.paramsSchema) ?? [];
    setRanges(initialRanges(f));
  };
  const setRange = (name: string, patch: Partial<RangeInput>) =>
    setRanges((r) => ({ ...r, [name]: { ...(r[name] as RangeInput), ...patch } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    create.mutate(
      {
        base: {
          // Checked against the strategy's schema inside callApi before it is sent.
          strategy: {
            strategy: strategyId,
            params: defaultParams(fields),
          } as unknown as StrategyConfig,
          symbol,
          timeframe: stored?.timeframe ?? '1m',
          source: stored ? { kind: 'stored', venue: stored.venue } : { kind: 'simulated' },
          candles: Number(candles),
          settings: BacktestSettings.parse({ from: fromInput(from), to: fromInput(to) }),
        },
        space: toSpace(fields, ranges),
        sampler:
          sampler === 'grid' ? { kind: 'grid' } : { kind: 'random', count: Number(count), seed: 1 },
        objective,
        walkForward:
          wf === 'off'
            ? null
            : {
                mode: wf,
                inSampleCandles: Number(inSample),
                outOfSampleCandles: Number(outOfSample),
              },
      },
      { onSuccess: (job) => props.onStarted(job.id) },
    );
  };

  return (
    <form className="form" onSubmit={submit} data-testid="search-form">
      <div className="form-grid">
        <div className="field">
          <label htmlFor="sr-strategy">Strategy</label>
          <select
            id="sr-strategy"
            value={strategyId}
            onChange={(e) => pick(e.target.value as StrategyId)}
          >
            {usable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <DataSourceField id="sr-source" value={sourceValue} source={source} onChange={pickSource} />
        <div className="field">
          <label htmlFor="sr-symbol">Symbol</label>
          <select
            id="sr-symbol"
            value={symbol}
            disabled={stored !== null}
            onChange={(e) => setSymbol(e.target.value)}
          >
            {props.instruments.map((i) => (
              <option key={i.symbol}>{i.symbol}</option>
            ))}
          </select>
        </div>
        {sourceValue === SIMULATED && (
          <div className="field">
            <label htmlFor="sr-candles">Candles (1m)</label>
            <input
              id="sr-candles"
              inputMode="numeric"
              value={candles}
              onChange={(e) => setCandles(e.target.value)}
            />
          </div>
        )}
        <div className={`field ${range.from ? 'field-error' : ''}`}>
          <label htmlFor="sr-from">From (UTC)</label>
          <input
            id="sr-from"
            type="datetime-local"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          {range.from && <small className="neg">{range.from}</small>}
        </div>
        <div className={`field ${range.to ? 'field-error' : ''}`}>
          <label htmlFor="sr-to">To (UTC, excluded)</label>
          <input
            id="sr-to"
            type="datetime-local"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          {range.to && <small className="neg">{range.to}</small>}
        </div>
        <div className="field">
          <label htmlFor="sr-objective">Optimise</label>
          <select
            id="sr-objective"
            value={objective}
            onChange={(e) => setObjective(e.target.value as SearchStatistic)}
          >
            {(Object.keys(SEARCH_STATISTICS) as SearchStatistic[]).map((s) => (
              <option key={s} value={s}>
                {statisticLabel(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="sr-params">
        <legend>Parameters to search</legend>
        {fields.map((f) => {
          const r = ranges[f.name];
          if (!r) return null;
          return (
            <div className="sr-param" key={f.name} data-testid={`sr-param-${f.name}`}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={r.vary}
                  onChange={(e) => setRange(f.name, { vary: e.target.checked })}
                />
                {f.name}
              </label>
              {r.vary && !f.enum && (
                <span className="sr-range">
                  <input
                    aria-label={`${f.name} from`}
                    value={r.from}
                    onChange={(e) => setRange(f.name, { from: e.target.value })}
                  />
                  to
                  <input
                    aria-label={`${f.name} to`}
                    value={r.to}
                    onChange={(e) => setRange(f.name, { to: e.target.value })}
                  />
                  step
                  <input
                    aria-label={`${f.name} step`}
                    value={r.step}
                    onChange={(e) => setRange(f.name, { step: e.target.value })}
                  />
                </span>
              )}
              {r.vary && f.enum && <span className="muted">{r.values.join(', ')}</span>}
              {!r.vary && <span className="muted">fixed at {String(f.default)}</span>}
            </div>
          );
        })}
      </fieldset>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="sr-sampler">Sampler</label>
          <select
            id="sr-sampler"
            value={sampler}
            onChange={(e) => setSampler(e.target.value as 'grid' | 'random')}
          >
            <option value="grid">Grid (every point)</option>
            <option value="random">Random points</option>
          </select>
        </div>
        {sampler === 'random' && (
          <div className="field">
            <label htmlFor="sr-count">Points</label>
            <input id="sr-count" value={count} onChange={(e) => setCount(e.target.value)} />
          </div>
        )}
        <div className="field">
          <label htmlFor="sr-wf">Walk-forward</label>
          <select
            id="sr-wf"
            value={wf}
            onChange={(e) => setWf(e.target.value as 'off' | 'rolling' | 'anchored')}
          >
            <option value="off">Off (whole range)</option>
            <option value="rolling">Rolling windows</option>
            <option value="anchored">Anchored windows</option>
          </select>
        </div>
        {wf !== 'off' && (
          <>
            <div className={`field ${wfCheck?.inSample ? 'field-error' : ''}`}>
              <label htmlFor="sr-is">In-sample candles</label>
              <input id="sr-is" value={inSample} onChange={(e) => setInSample(e.target.value)} />
              {wfCheck?.inSample && <small className="neg">{wfCheck.inSample}</small>}
            </div>
            <div className={`field ${wfCheck?.outOfSample ? 'field-error' : ''}`}>
              <label htmlFor="sr-oos">Out-of-sample candles</label>
              <input
                id="sr-oos"
                value={outOfSample}
                onChange={(e) => setOutOfSample(e.target.value)}
              />
              {wfCheck?.outOfSample ? (
                <small className="neg">{wfCheck.outOfSample}</small>
              ) : (
                wfCheck &&
                wfCheck.windows !== null && (
                  <small className="muted" data-testid="sr-window-count">
                    {wfCheck.windows} {wfCheck.windows === 1 ? 'window' : 'windows'}
                  </small>
                )
              )}
            </div>
          </>
        )}
      </div>
      {create.error && <ErrorNotice error={create.error} />}
      <button className="btn btn-primary" type="submit" disabled={create.isPending || blocked}>
        {create.isPending ? 'Starting…' : 'Start search'}
      </button>
    </form>
  );
}
