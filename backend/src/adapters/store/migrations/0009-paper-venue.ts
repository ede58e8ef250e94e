/**
 * The embedded paper venue's own books, so a backend restart on the default `pnpm start` finds
 * the venue as it left it (accounts, open orders, fills) and reconciliation sees no mismatch.
 * These are the VENUE's records, not the trading journal's: the engine never reads them, it asks
 * the venue through its ExecutionClient like any exchange. One account per tenant, keyed by the
 * tenant id (the paper account id IS the tenant id); the instance holding a tenant's loop lease
 * is its only writer (the account is reloaded when it connects).
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE paper_venue_accounts (
  tenant_id text PRIMARY KEY,
  cash text NOT NULL,
  positions jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE paper_venue_orders (
  tenant_id text NOT NULL,
  client_order_id text NOT NULL,
  exchange_order_id text NOT NULL,
  request jsonb NOT NULL,
  status text NOT NULL,
  filled text NOT NULL,
  filled_value text NOT NULL,
  reject_reason text,
  updated_at bigint NOT NULL,
  fill_seq integer NOT NULL,
  PRIMARY KEY (tenant_id, client_order_id)
);

CREATE TABLE paper_venue_fills (
  tenant_id text NOT NULL,
  exchange_trade_id text NOT NULL,
  at bigint NOT NULL,
  fill jsonb NOT NULL,
  PRIMARY KEY (tenant_id, exchange_trade_id)
);
`;
