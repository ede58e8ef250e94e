import type { SearchTrial } from '@bytelyst/trading-contracts';
import { trialValue, type TrialColumn } from './search-trials-table';

/** Red (worst) to green (best) through grey; a missing value is hatched. */
function colour(t: number): string {
  const r = Math.round(220 - 170 * t);
  const g = Math.round(60 + 140 * t);
  return `rgb(${r}, ${g}, 90)`;
}

/** Two varied params as rows and columns, each cell the statistic of that trial. */
export function SearchHeatmap(props: {
  trials: SearchTrial[];
  x: string;
  y: string;
  statistic: TrialColumn;
  lowerIsBetter: boolean;
}) {
  const done = props.trials.filter((t) => t.status === 'done');
  const xs = [...new Set(done.map((t) => t.params[props.x]))].sort((a, b) => Number(a) - Number(b));
  const ys = [...new Set(done.map((t) => t.params[props.y]))].sort((a, b) => Number(a) - Number(b));
  const cell = new Map(
    done.map((t) => [
      `${String(t.params[props.x])}|${String(t.params[props.y])}`,
      trialValue(t.statistics, props.statistic),
    ]),
  );
  const values = [...cell.values()].filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const norm = (v: number) => {
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return props.lowerIsBetter ? 1 - t : t;
  };
  return (
    <div className="table-wrap">
      <table className="sr-heatmap" data-testid="sr-heatmap">
        <thead>
          <tr>
            <th>
              {props.y} ↓ / {props.x} →
            </th>
            {xs.map((x) => (
              <th key={String(x)}>{String(x)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ys.map((y) => (
            <tr key={String(y)}>
              <th>{String(y)}</th>
              {xs.map((x) => {
                const v = cell.get(`${String(x)}|${String(y)}`);
                return (
                  <td
                    key={String(x)}
                    className={v === undefined || v === null ? 'sr-empty' : ''}
                    style={
                      v === undefined || v === null ? undefined : { background: colour(norm(v)) }
                    }
                    title={`${props.x}=${String(x)}, ${props.y}=${String(y)}: ${v ?? 'no value'}`}
                  >
                    {v === undefined || v === null ? '' : v.toFixed(2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
