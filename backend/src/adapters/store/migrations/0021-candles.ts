/**
 * The market data store: candles a tenant imported (CSV upload or a venue's OHLCV history), for
 * backtests to replay.
 *
 * - The primary key leads with the tenant, then the series, then the open time, so a backtest's
 *   read of a date range is one index range scan and two tenants' candles never mix (and a
 *   distributed deployment shards the table by `tenant_id` like every other).
 * - Prices are NUMERIC (exact as written). No foreign key to `tenants`: its per-row trigger would
 *   cost more than the rest of a million-row COPY; every writer passes a tenant scope.
 * - `candle_series` summarises each series (span, count, gaps) so listing what is stored never
 *   scans the candles; it is rewritten in the transaction of every write.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE candles (
  tenant_id text NOT NULL,
  symbol text NOT NULL,
  venue text NOT NULL,
  timeframe text NOT NULL,
  open_time timestamptz NOT NULL,
  open numeric NOT NULL CHECK (open > 0),
  high numeric NOT NULL CHECK (high > 0),
  low numeric NOT NULL CHECK (low > 0),
  close numeric NOT NULL CHECK (close > 0),
  volume numeric NOT NULL CHECK (volume >= 0),
  PRIMARY KEY (tenant_id, symbol, venue, timeframe, open_time)
);

CREATE TABLE candle_series (
  tenant_id text NOT NULL,
  symbol text NOT NULL,
  venue text NOT NULL,
  timeframe text NOT NULL,
  first_open timestamptz NOT NULL,
  last_open timestamptz NOT NULL,
  count bigint NOT NULL CHECK (count > 0),
  gap_count bigint NOT NULL,
  missing bigint NOT NULL,
  gaps jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, symbol, venue, timeframe)
);
`;
