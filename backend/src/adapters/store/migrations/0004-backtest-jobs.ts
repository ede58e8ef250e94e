/**
 * Backtest jobs in the database, so any instance can answer a poll or a cancel, and a job
 * outlives the process that queued it as a record (a job whose instance died is failed, not lost).
 *
 * - `instance_id` runs the job; it refreshes `heard_at` while the job is queued or running, and
 *   any instance fails an active job not heard of for a while.
 * - A cancel from another instance sets `cancel_requested`; the running instance reads it with
 *   its next progress write and stops the worker. A queued job is cancelled in place.
 * - `result` holds the summary, equity curve, trades and chart prices of a finished run.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE backtest_jobs (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  user_id text NOT NULL,
  request jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  error text CHECK (length(error) <= 500),
  cancel_requested boolean NOT NULL DEFAULT false,
  instance_id text NOT NULL,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  heard_at timestamptz NOT NULL,
  result jsonb,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX backtest_jobs_by_user ON backtest_jobs (tenant_id, user_id, created_at DESC, id DESC);
CREATE INDEX backtest_jobs_active ON backtest_jobs (heard_at)
  WHERE status IN ('queued', 'running');
`;
