import type { BacktestJob } from '@bytelyst/trading-contracts';
import { useEffect, useRef, useState } from 'react';
import { formatRate, historySpan } from '../utils/backtest-view';

/**
 * Candles per second while running, from the progress the polls report: the backend's own
 * figure only arrives with the summary. Measured between the first and the latest poll seen.
 */
function useLiveRate(job: BacktestJob): number | null {
  const first = useRef<{ id: string; at: number; done: number } | null>(null);
  const [rate, setRate] = useState<number | null>(null);
  const done = job.progress * job.request.candles;
  useEffect(() => {
    const now = performance.now();
    if (job.status !== 'running' || first.current?.id !== job.id) {
      first.current = job.status === 'running' ? { id: job.id, at: now, done } : null;
      setRate(null);
      return;
    }
    const dt = (now - first.current.at) / 1000;
    if (dt > 0 && done > first.current.done) setRate((done - first.current.done) / dt);
  }, [job.id, job.status, done]);
  return rate;
}

export function BacktestProgress({ job }: { job: BacktestJob }) {
  const rate = useLiveRate(job);
  const pct = Math.floor(job.progress * 100);
  const done = Math.round(job.progress * job.request.candles);
  const queued = job.status === 'queued';
  return (
    <div className="bt-progress" data-testid="backtest-progress" data-status={job.status}>
      <div className="meter-head">
        <span className="strong">
          {queued ? 'Queued — waiting for a free worker…' : 'Replaying history…'}
        </span>
        <span className="num" data-testid="backtest-progress-pct">
          {pct}%
        </span>
      </div>
      <div
        className="meter-bar bt-meter"
        role="progressbar"
        aria-label="Backtest progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span style={{ width: `${job.progress * 100}%` }} />
      </div>
      <div className="meter-head muted small">
        <span className="num">
          {done.toLocaleString('en-US')} / {historySpan(job.request)}
        </span>
        <span className="num" data-testid="backtest-rate">
          {rate === null ? '' : formatRate(rate)}
        </span>
      </div>
    </div>
  );
}
