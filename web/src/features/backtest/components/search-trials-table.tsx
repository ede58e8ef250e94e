import type { BacktestStatistics, SearchTrial } from '@bytelyst/trading-contracts';
import { useMemo, useState } from 'react';

/** The statistics a trial row shows; every column sorts. */
export const TRIAL_COLUMNS = [
  ['totalReturnPct', 'Return %'],
  ['annualReturnPct', 'Annual %'],
  ['sharpe', 'Sharpe'],
  ['sortino', 'Sortino'],
  ['calmar', 'Calmar'],
  ['maxDrawdownPct', 'Max DD %'],
  ['profitFactor', 'Profit f.'],
  ['winRate', 'Win rate'],
  ['trades', 'Trades'],
  ['exposurePct', 'Exposure %'],
] as const;
export type TrialColumn = (typeof TRIAL_COLUMNS)[number][0];

export function trialValue(s: BacktestStatistics | null, c: TrialColumn): number | null {
  if (!s) return null;
  if (c === 'maxDrawdownPct') return s.maxDrawdown.pct; // already in percent
  if (c === 'winRate') return s.winRate === null ? null : s.winRate * 100;
  return s[c];
}

export const fmtStatistic = (v: number | null) =>
  v === null ? '—' : Number.isInteger(v) || Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);

/** Trials with their params and statistics; click a header to sort by it (again: reverse). */
export function SearchTrialsTable(props: {
  trials: SearchTrial[];
  paramNames: string[];
  onPick: (t: SearchTrial) => void;
}) {
  const [sort, setSort] = useState<{ by: string; desc: boolean }>({
    by: 'sharpe',
    desc: true,
  });
  const rows = useMemo(() => {
    const key = (t: SearchTrial): number | string | null =>
      props.paramNames.includes(sort.by)
        ? ((t.params[sort.by] as number | string | undefined) ?? null)
        : trialValue(t.statistics, sort.by as TrialColumn);
    return [...props.trials].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      // Missing values (failed trials, undefined ratios) always sort last.
      if (x === null) return y === null ? 0 : 1;
      if (y === null) return -1;
      const c = x < y ? -1 : x > y ? 1 : 0;
      return sort.desc ? -c : c;
    });
  }, [props.trials, props.paramNames, sort]);
  const header = (id: string, label: string) => (
    <th
      key={id}
      className="r sr-sortable"
      aria-sort={sort.by === id ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      onClick={() => setSort((s) => ({ by: id, desc: s.by === id ? !s.desc : true }))}
    >
      {label}
      {sort.by === id ? (sort.desc ? ' ▼' : ' ▲') : ''}
    </th>
  );
  return (
    <div className="table-wrap sr-trials">
      <table className="table" data-testid="sr-trials">
        <thead>
          <tr>
            <th />
            {props.paramNames.map((p) => header(p, p))}
            {TRIAL_COLUMNS.map(([id, label]) => header(id, label))}
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id}>
              <td>
                {t.status === 'done' && (
                  <button className="btn btn-small" type="button" onClick={() => props.onPick(t)}>
                    Use
                  </button>
                )}
              </td>
              {props.paramNames.map((p) => (
                <td key={p} className="r num">
                  {String(t.params[p] ?? '—')}
                </td>
              ))}
              {TRIAL_COLUMNS.map(([id]) => (
                <td key={id} className="r num">
                  {t.status === 'failed'
                    ? id === 'totalReturnPct'
                      ? 'failed'
                      : ''
                    : fmtStatistic(trialValue(t.statistics, id))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
