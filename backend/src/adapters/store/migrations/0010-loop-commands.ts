/**
 * Commands for a tenant's trading loop, written by whichever instance took the request and
 * executed by the instance holding the tenant's loop lease (any instance serves any tenant).
 * `id` is the request's order key, so a retried request finds its command instead of adding one.
 * A command still `pending` at its deadline is never executed (`expired`).
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE loop_commands (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('trade', 'close')),
  payload jsonb NOT NULL,
  deadline_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'running', 'done', 'expired')),
  result jsonb,
  claimed_by text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX loop_commands_open ON loop_commands (tenant_id, created_at)
  WHERE status IN ('pending', 'running');
`;
