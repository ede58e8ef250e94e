/**
 * A finished backtest's full results, beside its job row (which keeps the last 200 trades and a
 * 500-point curve for the job's own answer and compare-runs):
 *
 * - `backtest_trades`: every closed trade, one row each, numbered by `seq` in the order they
 *   closed. Typed columns rather than a jsonb row: NUMERIC keeps the money exact and refuses a
 *   non-number at the write, the rows are about half the size of jsonb repeating its keys, and
 *   sums can be checked in SQL. The service writes them in batches as the worker posts them;
 *   `(tenant_id, job_id, seq)` makes a batch posted twice (a retried write) change nothing.
 * - `backtest_curves`: the equity at every candle close where it changed (plus the first and last
 *   close), as two little-endian float64 arrays (`times` in epoch ms, `equity`): 16 bytes a
 *   point instead of a row each, read back whole and cut to the requested resolution.
 *   `trade_count` is written with it, last, so a curve row says the full results are complete.
 *
 * Both go with their job (ON DELETE CASCADE) when a user's old jobs are forgotten.
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE backtest_trades (
  tenant_id text NOT NULL,
  job_id text NOT NULL,
  seq integer NOT NULL CHECK (seq >= 0),
  trade_id text NOT NULL,
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('LONG', 'SHORT')),
  quantity numeric NOT NULL CHECK (quantity > 0),
  entry_price numeric NOT NULL CHECK (entry_price > 0),
  exit_price numeric NOT NULL CHECK (exit_price > 0),
  realized_pnl numeric NOT NULL,
  fees numeric NOT NULL CHECK (fees >= 0),
  net_pnl numeric NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz NOT NULL,
  exit_reason text NOT NULL CHECK (length(exit_reason) <= 200),
  PRIMARY KEY (tenant_id, job_id, seq),
  FOREIGN KEY (tenant_id, job_id) REFERENCES backtest_jobs (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE backtest_curves (
  tenant_id text NOT NULL,
  job_id text NOT NULL,
  points integer NOT NULL CHECK (points >= 0),
  times bytea NOT NULL CHECK (length(times) = points * 8),
  equity bytea NOT NULL CHECK (length(equity) = points * 8),
  trade_count integer NOT NULL CHECK (trade_count >= 0),
  PRIMARY KEY (tenant_id, job_id),
  FOREIGN KEY (tenant_id, job_id) REFERENCES backtest_jobs (tenant_id, id) ON DELETE CASCADE
);
`;
