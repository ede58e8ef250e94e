/**
 * Model training jobs (issue 17): one row per job, whatever instance runs it. The job queue
 * delivers at least once; the row is what makes that safe: a job whose row is finished is not
 * run again, and the version it registers is keyed by the artifact's checksum, so a second run
 * of the same job registers nothing new.
 *
 * - `caller` keeps who asked (actor and request id) for the audit row written at registration,
 *   which may happen on another instance long after the request.
 * - `data_end` fixes the simulated history's end at acceptance: a retry trains on the same
 *   candles and reaches the same checksum.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE model_trainings (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  user_id text NOT NULL,
  caller jsonb NOT NULL,
  request jsonb NOT NULL,
  status text NOT NULL
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  stage text CHECK (length(stage) <= 200),
  error_code text,
  error text CHECK (length(error) <= 500),
  version_id text,
  validation jsonb,
  attempts integer NOT NULL DEFAULT 0,
  instance_id text,
  data_end timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX model_trainings_recent ON model_trainings (tenant_id, created_at DESC, id DESC);
CREATE INDEX model_trainings_active ON model_trainings (created_at)
  WHERE status IN ('queued', 'running');
`;
