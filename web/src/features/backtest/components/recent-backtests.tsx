import type { BacktestJob, BacktestStatus } from '@bytelyst/trading-contracts';
import { Badge, type Tone } from '../../../components/badge';
import { formatTime } from '@bytelyst/trading-client';
import { href } from '../../../lib/router';
import { formatPercent } from '../utils/backtest-view';
import { describeData } from '../utils/data-source';

export const STATUS_TONE: Record<BacktestStatus, Tone> = {
  queued: 'muted',
  running: 'info',
  done: 'ok',
  failed: 'danger',
  cancelled: 'muted',
};

function Outcome({ job }: { job: BacktestJob }) {
  switch (job.status) {
    case 'queued':
      return <span className="muted">—</span>;
    case 'running':
      return <span className="num">{Math.floor(job.progress * 100)}%</span>;
    case 'failed':
      return <span className="neg">failed</span>;
    case 'cancelled':
      return <span className="muted">cancelled</span>;
    case 'done': {
      const r = job.summary?.returnPct ?? 0;
      return (
        <span className={`num ${r > 0 ? 'pos' : r < 0 ? 'neg' : 'flat'}`}>
          {job.summary ? formatPercent(r, true) : '—'}
        </span>
      );
    }
  }
}

export function RecentBacktests(props: { jobs: BacktestJob[]; selectedId: string | null }) {
  return (
    <div className="table-wrap">
      <table className="table bt-recent" data-testid="recent-backtests">
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            <th className="r">Return</th>
          </tr>
        </thead>
        <tbody>
          {props.jobs.map((j) => (
            <tr key={j.id} className={j.id === props.selectedId ? 'bt-selected' : ''}>
              <td>
                <a
                  className="strong"
                  href={href(`/backtest/${j.id}`)}
                  aria-label={`Open backtest ${j.id}`}
                >
                  {j.request.symbol} · {j.request.strategy.strategy}
                </a>
                <div className="muted small">
                  {j.request.timeframe} · {describeData(j.request)} · {formatTime(j.createdAt)}
                </div>
              </td>
              <td>
                <Badge tone={STATUS_TONE[j.status]}>{j.status}</Badge>
              </td>
              <td className="r">
                <Outcome job={j} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
