import type { ComparedRun } from '@bytelyst/trading-contracts';
import { formatMoney, formatTime } from '@bytelyst/trading-client';
import { useMemo } from 'react';
import { DataState } from '../../../components/data-state';
import { Panel } from '../../../components/panel';
import { navigate } from '../../../lib/router';
import { useBacktests } from '../api/list-backtests';
import { useCompareBacktests } from '../api/searches';
import { linePoints } from '../utils/backtest-view';
import { MultiLineChart } from './multi-line-chart';
import { fmtStatistic, TRIAL_COLUMNS, trialValue } from './search-trials-table';

const label = (r: ComparedRun, i: number) => `#${i + 1} ${r.request.strategy.strategy}`;

/** Every setting a run's result depends on, one row each. */
function settingsRows(r: ComparedRun): [string, string][] {
  const s = r.request.settings;
  return [
    ['Strategy', r.request.strategy.strategy],
    [
      'Params',
      Object.entries(r.request.strategy.params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', '),
    ],
    ['Symbol / timeframe', `${r.request.symbol} ${r.request.timeframe}`],
    ['Candles / seed', `${r.request.candles.toLocaleString('en-US')} / ${r.request.seed}`],
    ['Capital', formatMoney(r.request.capital)],
    ['Fill rule', s?.fillRule ?? 'close (before settings)'],
    ['Fee rate', s?.feeRate ?? '0.001'],
    ['Slippage', s ? `${s.slippage.kind} ${s.slippage.bps}` : 'fixed_bps 2'],
    ['Sizing', s ? JSON.stringify(s.sizing) : 'limits'],
    ['Range', s?.from || s?.to ? `${s.from ?? '…'} → ${s.to ?? '…'}` : 'all'],
    ['Finished', r.finishedAt ? formatTime(r.finishedAt) : r.status],
  ];
}

function Comparison({ ids }: { ids: string[] }) {
  const compare = useCompareBacktests(ids);
  return <DataState query={compare}>{(d) => <CompareTables runs={d.runs} />}</DataState>;
}

function CompareTables({ runs }: { runs: ComparedRun[] }) {
  const series = useMemo(
    () =>
      runs.map((r, i) => ({
        label: label(r, i),
        points: linePoints(r.equityCurve, (p) => p.equity),
      })),
    [runs],
  );
  return (
    <>
      <Panel title="Equity curves">
        <MultiLineChart series={series} testId="cmp-chart" />
      </Panel>
      <Panel title="Settings">
        <div className="table-wrap">
          <table className="table" data-testid="cmp-settings">
            <thead>
              <tr>
                <th />
                {runs.map((r, i) => (
                  <th key={r.id}>{label(r, i)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {settingsRows(runs[0] as ComparedRun).map(([name], row) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  {runs.map((r) => (
                    <td key={r.id}>{settingsRows(r)[row]?.[1]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <Panel title="Statistics">
        <div className="table-wrap">
          <table className="table" data-testid="cmp-statistics">
            <thead>
              <tr>
                <th />
                {runs.map((r, i) => (
                  <th key={r.id} className="r">
                    {label(r, i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TRIAL_COLUMNS.map(([id, name]) => (
                <tr key={id}>
                  <th scope="row">{name}</th>
                  {runs.map((r) => (
                    <td key={r.id} className="r num">
                      {fmtStatistic(trialValue(r.summary?.statistics ?? null, id))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </>
  );
}

/** Pick two or more finished runs; the choice lives in the URL (`?ids=a,b`) to share it. */
export function ComparePage({ ids }: { ids: string[] }) {
  const jobs = useBacktests();
  const toggle = (id: string) => {
    const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-6);
    navigate(`/backtest/compare?ids=${next.join(',')}`);
  };
  return (
    <div className="bt-layout">
      <div className="bt-side">
        <Panel title="Runs to compare (2 to 6)">
          <DataState query={jobs} isEmpty={(d) => d.items.length === 0} empty="No backtests yet.">
            {(d) => (
              <ul className="sr-recent" data-testid="cmp-pick">
                {/* Every run, unfinished ones disabled: a run that finishes while the page is
                    open turns pickable in place instead of appearing and moving the rows. */}
                {d.items.map((j) => (
                  <li key={j.id}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={ids.includes(j.id)}
                        disabled={j.status !== 'done' && !ids.includes(j.id)}
                        onChange={() => toggle(j.id)}
                      />
                      {j.request.strategy.strategy} {j.request.symbol} ·{' '}
                      {j.status === 'done'
                        ? j.summary
                          ? `${j.summary.returnPct.toFixed(2)} %`
                          : ''
                        : j.status}{' '}
                      · {formatTime(j.createdAt)}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </DataState>
        </Panel>
      </div>
      <div className="bt-main">
        {ids.length >= 2 ? (
          <Comparison ids={ids} />
        ) : (
          <div className="state state-empty bt-placeholder">Tick two or more finished runs.</div>
        )}
      </div>
    </div>
  );
}
