/**
 * Alerts about a lasting condition (a venue or market-data outage, a halt, the kill switch) name
 * their source, e.g. `outage:venue` or `halt:tenant:acme`. At most one alert per tenant (or
 * system-wide) and source is unresolved at a time: a repeated outage finds the open one and adds
 * nothing; recovery resolves it. COALESCE makes system-wide alerts (no tenant) one group too.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
ALTER TABLE alerts ADD COLUMN source text;
CREATE UNIQUE INDEX alerts_one_open_per_source ON alerts ((COALESCE(tenant_id, '')), source)
  WHERE source IS NOT NULL AND resolved_at IS NULL;
`;
