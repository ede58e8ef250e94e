/**
 * Parameter searches and their trials (issue 16). A search row holds the request and its plan
 * (the param sets and walk-forward windows, fixed when it was accepted, so every instance runs
 * the same trials); a trial row is written once per trial id whatever instance ran it, so a
 * trial delivered twice by the job queue is stored once.
 *
 * - `objective`, `total_return_pct`, `annual_return_pct` and `trades` sit beside `statistics`
 *   so choosing the best trial reads a few numbers per trial, not every statistics document.
 * - `equity_curve` is kept for out-of-sample trials only (the stitched walk-forward curve).
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE parameter_searches (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  user_id text NOT NULL,
  request jsonb NOT NULL,
  plan jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
  total_trials integer NOT NULL CHECK (total_trials >= 0),
  skipped_combos integer NOT NULL CHECK (skipped_combos >= 0),
  error text CHECK (length(error) <= 500),
  result jsonb,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX parameter_searches_by_user
  ON parameter_searches (tenant_id, user_id, created_at DESC, id DESC);
CREATE INDEX parameter_searches_running ON parameter_searches (created_at)
  WHERE status = 'running';

CREATE TABLE search_trials (
  tenant_id text NOT NULL,
  search_id text NOT NULL,
  id text NOT NULL,
  params_index integer NOT NULL CHECK (params_index >= 0),
  phase text NOT NULL CHECK (phase IN ('full', 'in_sample', 'out_of_sample')),
  window_index integer CHECK (window_index >= 0),
  params jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('done', 'failed')),
  error text CHECK (length(error) <= 500),
  statistics jsonb,
  objective double precision,
  total_return_pct double precision,
  annual_return_pct double precision,
  trades integer NOT NULL DEFAULT 0,
  equity_curve jsonb,
  candles integer NOT NULL DEFAULT 0,
  elapsed_ms double precision NOT NULL DEFAULT 0,
  instance_id text NOT NULL,
  finished_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, search_id, id),
  FOREIGN KEY (tenant_id, search_id) REFERENCES parameter_searches (tenant_id, id)
    ON DELETE CASCADE
);
`;
