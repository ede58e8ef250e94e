/**
 * Paper first, then live (issue 15). `promotion_policies`: each tenant's minimum paper record and
 * ramp-up (no row = the default policy). `trading_profiles.ramp_up`: the ramp-up a promoted
 * profile trades under, copied from the policy when the user confirmed the promotion, so a later
 * policy change never alters what was agreed.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE promotion_policies (
  tenant_id text PRIMARY KEY,
  policy jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
ALTER TABLE trading_profiles ADD COLUMN ramp_up jsonb;
`;
