import {
  SEARCH_STATISTICS,
  type ParamValue,
  type SearchJob,
  type SearchTrial,
  type StrategyConfig,
} from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useMemo, useState } from 'react';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import {
  useCancelSearch,
  useCreateProfileFromParams,
  useSearch,
  useSearchTrials,
} from '../api/searches';
import { linePoints } from '../utils/backtest-view';
import { MultiLineChart } from './multi-line-chart';
import { SearchHeatmap } from './search-heatmap';
import { statisticLabel } from './search-form';
import { SearchTrialsTable, TRIAL_COLUMNS, type TrialColumn } from './search-trials-table';
import { describeData } from '../utils/data-source';

const num = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));
const params = (p: Record<string, ParamValue> | null) =>
  p
    ? Object.entries(p)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ')
    : '—';

/** "Create a profile from these parameters": a paper profile, off until the user enables it. */
function CreateProfile({ job, point }: { job: SearchJob; point: Record<string, ParamValue> }) {
  const create = useCreateProfileFromParams();
  const base = job.request.base;
  const strategy = {
    strategy: base.strategy.strategy,
    params: { ...base.strategy.params, ...point },
  } as StrategyConfig;
  return (
    <div className="sr-create" data-testid="sr-create-profile">
      <span>
        {base.strategy.strategy} with <strong>{params(point)}</strong> on {base.symbol}
      </span>
      <button
        className="btn btn-primary"
        type="button"
        disabled={create.isPending || create.isSuccess}
        onClick={() =>
          create.mutate({
            name: `${base.strategy.strategy} ${params(point)}`.slice(0, 80),
            symbols: [base.symbol],
            timeframe: base.timeframe,
            strategy,
            capitalAllocation: base.capital,
            ...(base.risk ? { risk: base.risk } : {}),
            enabled: false,
            venueAccountId: null,
          })
        }
      >
        {create.isSuccess ? 'Paper profile created (disabled)' : 'Create a paper profile'}
      </button>
      {create.error && <ErrorNotice error={create.error} />}
    </div>
  );
}

function Windows({ job }: { job: SearchJob }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="sr-windows">
        <thead>
          <tr>
            <th>#</th>
            <th>In-sample</th>
            <th>Out-of-sample</th>
            <th>Best in-sample params</th>
            <th className="r">IS {statisticLabel(job.request.objective)}</th>
            <th className="r">OOS {statisticLabel(job.request.objective)}</th>
            <th className="r">Degradation</th>
            <th className="r">IS return %</th>
            <th className="r">OOS return %</th>
            <th className="r">Efficiency</th>
          </tr>
        </thead>
        <tbody>
          {job.windows.map((w) => (
            <tr key={w.index}>
              <td>{w.index + 1}</td>
              <td>
                {formatTime(w.inSample.from)} → {formatTime(w.inSample.to)}
              </td>
              <td>
                {formatTime(w.outOfSample.from)} → {formatTime(w.outOfSample.to)}
              </td>
              <td>{w.status === 'no_valid_trial' ? 'no valid trial' : params(w.bestParams)}</td>
              <td className="r num">{num(w.inSampleObjective)}</td>
              <td className="r num">{num(w.outOfSampleObjective)}</td>
              <td className={`r num ${(w.degradation ?? 0) > 0 ? 'neg' : 'pos'}`}>
                {num(w.degradation)}
              </td>
              <td className="r num">{num(w.inSampleReturnPct)}</td>
              <td className="r num">{num(w.outOfSampleReturnPct)}</td>
              <td className="r num">{num(w.efficiency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Results({ job }: { job: SearchJob }) {
  const running = job.status === 'running';
  const trials = useSearchTrials(job.id, running, job.finishedTrials);
  const varied = Object.keys(job.request.space);
  const [statistic, setStatistic] = useState<TrialColumn>('sharpe');
  const [picked, setPicked] = useState<SearchTrial | null>(null);
  const shown = useMemo(
    () =>
      (trials.data?.items ?? []).filter((t) =>
        job.request.walkForward ? t.phase === 'in_sample' && t.window === 0 : t.phase === 'full',
      ),
    [trials.data, job.request.walkForward],
  );
  const stitched = job.stitched;
  const series = useMemo(
    () =>
      stitched
        ? [
            {
              label: 'stitched out-of-sample',
              points: linePoints(stitched.equityCurve, (p) => p.equity),
            },
          ]
        : [],
    [stitched],
  );
  const best = job.best?.params ?? picked?.params ?? null;
  return (
    <>
      {job.request.walkForward && (
        <Panel title={`Walk-forward windows (${job.request.walkForward.mode})`}>
          <Windows job={job} />
          {stitched && (
            <p className="muted" data-testid="sr-stitched">
              Stitched out-of-sample: return {stitched.returnPct.toFixed(2)} %, max drawdown{' '}
              {stitched.maxDrawdownPct.toFixed(2)} %, {stitched.trades} trades over{' '}
              {stitched.windows} windows.
            </p>
          )}
          {series.length > 0 && <MultiLineChart series={series} testId="sr-stitched-chart" />}
        </Panel>
      )}
      {(picked ?? job.best) && best && (
        <Panel title="Use these parameters">
          <CreateProfile job={job} point={picked?.params ?? best} />
        </Panel>
      )}
      <Panel
        title={job.request.walkForward ? 'Trials of the first in-sample window' : 'Trials'}
        actions={
          <select
            aria-label="Statistic for the heatmap"
            value={statistic}
            onChange={(e) => setStatistic(e.target.value as TrialColumn)}
          >
            {TRIAL_COLUMNS.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        }
      >
        <DataState
          query={trials}
          isEmpty={(d) => d.items.length === 0}
          empty="No trial has finished yet."
        >
          {() => (
            <>
              {varied.length === 2 && varied[0] && varied[1] && (
                <SearchHeatmap
                  trials={shown}
                  x={varied[0]}
                  y={varied[1]}
                  statistic={statistic}
                  lowerIsBetter={statistic === 'maxDrawdownPct'}
                />
              )}
              <SearchTrialsTable trials={shown} paramNames={varied} onPick={setPicked} />
            </>
          )}
        </DataState>
      </Panel>
    </>
  );
}

export function SearchView({ id }: { id: string }) {
  const search = useSearch(id);
  const cancel = useCancelSearch(id);
  return (
    <DataState query={search}>
      {(job) => {
        const pct = job.totalTrials > 0 ? (job.finishedTrials / job.totalTrials) * 100 : 0;
        const dir = SEARCH_STATISTICS[job.request.objective] === 'max' ? 'highest' : 'lowest';
        return (
          <div className="bt-charts" data-testid="sr-view" data-status={job.status}>
            <Panel
              title={`Search ${job.request.base.strategy.strategy} on ${job.request.base.symbol}`}
              actions={
                job.status === 'running' ? (
                  <button className="btn" type="button" onClick={() => cancel.mutate()}>
                    Cancel search
                  </button>
                ) : undefined
              }
            >
              <div className="bt-progress" data-testid="sr-progress">
                <div className="meter bt-meter">
                  <span style={{ width: `${pct}%` }} />
                </div>
                <span>
                  {job.status} · {job.finishedTrials} / {job.totalTrials} trials
                  {job.failedTrials > 0 ? ` (${job.failedTrials} failed)` : ''}
                  {job.skippedCombos > 0
                    ? ` · ${job.skippedCombos} points refused by the strategy`
                    : ''}
                  {' · '}
                  {describeData(job.request.base)} · ranked by{' '}
                  {statisticLabel(job.request.objective)} ({dir} first)
                </span>
              </div>
              {job.best && (
                <p data-testid="sr-best">
                  Best: <strong>{params(job.best.params)}</strong> (
                  {statisticLabel(job.request.objective)} {job.best.value.toFixed(3)})
                </p>
              )}
              {job.error && <p className="neg">{job.error}</p>}
            </Panel>
            <Results job={job} />
          </div>
        );
      }}
    </DataState>
  );
}
