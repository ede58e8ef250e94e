/**
 * The last good JWKS of each issuer URL with the time it was fetched: a backend started (or
 * failed over) while the platform is unreachable verifies tokens with it instead of answering
 * 401 to every caller, until PLATFORM_JWKS_MAX_STALE_MS after that fetch. Public keys only.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE jwks_cache (
  url text PRIMARY KEY,
  jwks jsonb NOT NULL,
  fetched_at timestamptz NOT NULL
);
`;
