import type { BacktestJob } from '@bytelyst/trading-contracts';
import { Badge } from '../../../components/badge';
import { DataState } from '../../../components/data-state';
import { Panel } from '../../../components/panel';
import { formatMoney, formatTime } from '@bytelyst/trading-client';
import { useCancelBacktest } from '../api/cancel-backtest';
import { useBacktest } from '../api/get-backtest';
import { isActive } from '../utils/backtest-view';
import { BacktestProgress } from './backtest-progress';
import { BacktestResult } from './backtest-result';
import { STATUS_TONE } from './recent-backtests';
import { describeSettings } from './run-settings-fields';
import { describeData } from '../utils/data-source';

function JobBody({ job }: { job: BacktestJob }) {
  switch (job.status) {
    case 'queued':
    case 'running':
      return <BacktestProgress job={job} />;
    case 'failed':
      return (
        <div className="notice notice-error" role="alert" data-testid="backtest-failed">
          <strong>The backtest failed</strong>
          <span>{job.error ?? 'The run stopped without saying why.'}</span>
          <span className="notice-meta">
            backtest id <code>{job.id}</code> · started {formatTime(job.startedAt)}
          </span>
        </div>
      );
    case 'cancelled':
      return (
        <div className="notice" role="status" data-testid="backtest-cancelled">
          <strong>Cancelled</strong>
          <span>
            This run was stopped
            {job.startedAt ? ` after ${Math.floor(job.progress * 100)}%` : ' before it started'};
            nothing of it was kept. Run it again to see results.
          </span>
        </div>
      );
    case 'done':
      return job.summary ? (
        <BacktestResult job={job} summary={job.summary} />
      ) : (
        <div className="notice notice-warn" role="alert">
          <strong>Finished without a summary</strong>
          <span>
            The backend reported this run as done but sent no results. Backtest id{' '}
            <code>{job.id}</code>.
          </span>
        </div>
      );
  }
}

/** One backtest as it runs (polled) and, once done, its results. */
export function BacktestJobView(props: { id: string; onRerun: (job: BacktestJob) => void }) {
  const query = useBacktest(props.id);
  const cancel = useCancelBacktest();
  const job = query.data;
  const r = job?.request;
  return (
    <Panel
      title={
        r ? (
          <>
            {r.symbol} · {r.strategy.strategy} · {r.timeframe}{' '}
            <Badge tone={STATUS_TONE[job.status]}>{job.status}</Badge>
          </>
        ) : (
          'Backtest'
        )
      }
      actions={
        job && (
          <>
            {isActive(job) && (
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                onClick={() => cancel.mutate(job.id)}
                disabled={cancel.isPending}
                data-testid="backtest-cancel"
              >
                {cancel.isPending ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => props.onRerun(job)}
              title="Fill the form with this run's settings"
            >
              Run again with changes
            </button>
          </>
        )
      }
    >
      <DataState query={query}>
        {(j) => (
          <div className="page" data-testid="backtest-job" data-status={j.status}>
            <p className="muted small">
              {describeData(j.request)} · capital {formatMoney(j.request.capital)} · params{' '}
              <code>{JSON.stringify(j.request.strategy.params)}</code> · created{' '}
              {formatTime(j.createdAt)}
            </p>
            <p className="muted small" data-testid="bt-run-settings">
              {describeSettings(j.request.settings)}
            </p>
            <JobBody job={j} />
          </div>
        )}
      </DataState>
    </Panel>
  );
}
