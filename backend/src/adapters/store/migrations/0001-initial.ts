/**
 * The whole first schema. Written in the PostgreSQL dialect both PostgreSQL 15 and PGlite
 * (PostgreSQL 18) accept. Tenant-owned tables lead their primary and unique keys with tenant_id so
 * the same schema can be distributed by tenant_id (Citus) without changing a constraint.
 * NUMERIC without a scale keeps the exact decimal the caller wrote ("12.50" stays "12.50").
 *
 * NEVER edit this text once released: the runner stores its sha256 and refuses a changed one.
 * Add a new migration file instead.
 */
export const sql = `
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trading_profiles (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  user_id text NOT NULL,
  name text NOT NULL,
  symbols jsonb NOT NULL,
  timeframe text NOT NULL,
  strategy_id text NOT NULL,
  strategy jsonb NOT NULL,
  capital_allocation numeric NOT NULL CHECK (capital_allocation > 0),
  risk jsonb NOT NULL,
  enabled boolean NOT NULL,
  mode text NOT NULL CHECK (mode IN ('RUNNING', 'PAUSED', 'HALTED')),
  blocked_reason text,
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Soft delete: orders, trades and decisions keep pointing at a profile that still explains them.
  deleted_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX trading_profiles_user ON trading_profiles (tenant_id, user_id) WHERE deleted_at IS NULL;

CREATE TABLE orders (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  profile_id text,
  client_order_id text NOT NULL,
  exchange_order_id text,
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('BUY', 'SELL')),
  type text NOT NULL CHECK (type IN ('MARKET', 'LIMIT', 'STOP')),
  quantity numeric NOT NULL CHECK (quantity > 0),
  limit_price numeric CHECK (limit_price > 0),
  stop_price numeric CHECK (stop_price > 0),
  reduce_only boolean NOT NULL,
  status text NOT NULL CHECK (status IN
    ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED')),
  filled_quantity numeric NOT NULL CHECK (filled_quantity >= 0),
  average_fill_price numeric CHECK (average_fill_price >= 0),
  origin text NOT NULL,
  outcome_unknown boolean NOT NULL,
  reject_reason text,
  decision_id text,
  request_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT orders_client_order_id_key UNIQUE (tenant_id, client_order_id)
);
CREATE INDEX orders_by_time ON orders (tenant_id, created_at DESC, id DESC);
CREATE INDEX orders_by_profile ON orders (tenant_id, profile_id, created_at DESC, id DESC);
CREATE INDEX orders_open ON orders (tenant_id)
  WHERE status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED') OR outcome_unknown;

CREATE TABLE fills (
  tenant_id text NOT NULL,
  id text NOT NULL,
  profile_id text,
  order_id text NOT NULL,
  exchange_trade_id text NOT NULL,
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('BUY', 'SELL')),
  quantity numeric NOT NULL CHECK (quantity > 0),
  price numeric NOT NULL CHECK (price > 0),
  fee numeric NOT NULL CHECK (fee >= 0),
  fee_currency text NOT NULL,
  liquidity text NOT NULL CHECK (liquidity IN ('maker', 'taker')),
  filled_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT fills_order_trade_key UNIQUE (tenant_id, order_id, exchange_trade_id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id)
);

CREATE TABLE positions (
  tenant_id text NOT NULL REFERENCES tenants (id),
  profile_id text NOT NULL,
  symbol text NOT NULL,
  quantity numeric NOT NULL,
  average_entry_price numeric NOT NULL CHECK (average_entry_price >= 0),
  mark_price numeric CHECK (mark_price >= 0),
  realized_pnl numeric NOT NULL,
  unrealized_pnl numeric NOT NULL,
  fees numeric NOT NULL CHECK (fees >= 0),
  opened_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, profile_id, symbol)
);

CREATE TABLE trades (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  profile_id text NOT NULL,
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('LONG', 'SHORT')),
  quantity numeric NOT NULL CHECK (quantity > 0),
  entry_price numeric NOT NULL CHECK (entry_price > 0),
  exit_price numeric NOT NULL CHECK (exit_price > 0),
  realized_pnl numeric NOT NULL,
  fees numeric NOT NULL CHECK (fees >= 0),
  opened_at timestamptz NOT NULL,
  closed_at timestamptz NOT NULL,
  entry_decision_id text,
  exit_decision_id text,
  exit_reason text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX trades_by_time ON trades (tenant_id, closed_at DESC, id DESC);
CREATE INDEX trades_by_profile ON trades (tenant_id, profile_id, closed_at DESC, id DESC);

-- Append-only double-entry ledger: debits positive, credits negative; a transaction sums to 0 per
-- currency, checked by a deferred constraint trigger at COMMIT.
CREATE TABLE ledger_entries (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  profile_id text NOT NULL,
  transaction_id text NOT NULL,
  account text NOT NULL CHECK (account IN
    ('cash', 'positions_at_cost', 'fees', 'realized_pnl', 'capital')),
  amount numeric NOT NULL,
  currency text NOT NULL,
  fill_id text,
  reverses_transaction_id text,
  memo text NOT NULL,
  posted_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ledger_by_transaction ON ledger_entries (tenant_id, transaction_id);
CREATE INDEX ledger_by_time ON ledger_entries (tenant_id, posted_at DESC, id DESC);
CREATE INDEX ledger_by_profile ON ledger_entries (tenant_id, profile_id, posted_at DESC, id DESC);

CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM ledger_entries
    WHERE tenant_id = NEW.tenant_id AND transaction_id = NEW.transaction_id
    GROUP BY currency HAVING sum(amount) <> 0
  ) THEN
    RAISE EXCEPTION 'ledger transaction % does not balance', NEW.transaction_id
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_balanced AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE equity_snapshots (
  tenant_id text NOT NULL REFERENCES tenants (id),
  profile_id text NOT NULL,
  at timestamptz NOT NULL,
  equity numeric NOT NULL,
  cash numeric NOT NULL,
  unrealized_pnl numeric NOT NULL,
  realized_pnl numeric NOT NULL,
  drawdown_pct numeric NOT NULL CHECK (drawdown_pct >= 0),
  PRIMARY KEY (tenant_id, profile_id, at)
);
CREATE INDEX equity_by_time ON equity_snapshots (tenant_id, at DESC, profile_id DESC);

CREATE TABLE decisions (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  profile_id text NOT NULL,
  symbol text NOT NULL,
  action text NOT NULL CHECK (action IN ('ENTER', 'EXIT', 'HOLD', 'BLOCKED', 'SKIPPED')),
  signal_strength double precision NOT NULL,
  inputs jsonb NOT NULL,
  reasons jsonb NOT NULL,
  control_reasons jsonb NOT NULL,
  price numeric NOT NULL,
  candle_time timestamptz NOT NULL,
  order_id text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX decisions_by_time ON decisions (tenant_id, created_at DESC, id DESC);
CREATE INDEX decisions_by_profile
  ON decisions (tenant_id, profile_id, symbol, action, created_at DESC, id DESC);
CREATE INDEX decisions_by_action ON decisions (tenant_id, action, created_at DESC, id DESC);
-- The retention job deletes old HOLDs; this keeps it from scanning the decisions worth keeping.
CREATE INDEX decisions_hold_retention ON decisions (created_at) WHERE action = 'HOLD';

-- tenant_id NULL = a system-wide alert every tenant sees.
CREATE TABLE alerts (
  id text PRIMARY KEY,
  tenant_id text REFERENCES tenants (id),
  profile_id text,
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  code text NOT NULL,
  message text NOT NULL,
  acknowledged boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE INDEX alerts_by_tenant ON alerts (tenant_id, created_at DESC, id DESC);

-- Hash-chained audit log. Appends lock the single chain-head row, so the chain never forks even
-- with several writers on several instances.
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  id text NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  actor jsonb NOT NULL,
  tenant_id text,
  action text NOT NULL,
  target text NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_by_tenant ON audit_events (tenant_id, seq DESC);
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- scope/target_key is the identity; target_key is '' for the global control.
CREATE TABLE trading_controls (
  scope text NOT NULL CHECK (scope IN ('global', 'tenant', 'profile')),
  target_key text NOT NULL,
  tenant_id text,
  mode text NOT NULL CHECK (mode IN ('RUNNING', 'PAUSED', 'HALTED')),
  reason text NOT NULL,
  actor jsonb NOT NULL,
  version integer NOT NULL,
  request_id text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (scope, target_key),
  CHECK ((scope = 'global') = (target_key = '')),
  CHECK ((scope = 'global') = (tenant_id IS NULL))
);

CREATE TABLE dynamic_config (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  updated_by jsonb,
  updated_at timestamptz NOT NULL
);

CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, user_id, key)
);
CREATE INDEX idempotency_by_age ON idempotency_keys (created_at);

-- Who runs each tenant's loop. epoch grows on every acquisition and fences stale writers.
CREATE TABLE loop_leases (
  tenant_id text PRIMARY KEY,
  owner text NOT NULL,
  epoch bigint NOT NULL,
  acquired_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL
);
`;
