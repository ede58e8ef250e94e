/**
 * Each tenant's approved mobile interventions (issue 18). No row = the default policy (alerts may
 * be acknowledged, nothing else). `allowed` is a JSON array of action names; reads parse it with
 * the contract so an unknown name from a newer build is dropped, never trusted.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE mobile_policies (
  tenant_id text PRIMARY KEY,
  allowed jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
`;
