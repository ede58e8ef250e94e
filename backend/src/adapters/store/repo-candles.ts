import {
  AppError,
  type CandleGap,
  type CandleSeries,
  TIMEFRAME_MS,
  type Timeframe,
} from '@bytelyst/trading-contracts';
import { parseNumberAt } from '../../domain/market/candle-csv-fields.js';
import type {
  CandleColumns,
  CandleSeriesRef,
  CandleStore,
  CandleWriteResult,
} from '../../ports/candle-store.js';
import type { BarColumns } from '../../ports/market-data.js';
import type { TenantScope } from '../../ports/store.js';
import { candleCopyChunks } from './copy-text.js';
import type { Row, SqlDriver, SqlExecutor } from './driver.js';
import { iso, int, json, jsonParam } from './row.js';

/** Rows per COPY chunk and per multi-row insert statement. */
const CHUNK_ROWS = 20_000;
const INSERT_ROWS = 5_000;
/** Bound on one bulk statement (COPY in or out of millions of rows) instead of the pool's 10 s. */
const BULK_TIMEOUT = '5min';
const SERIES = 'tenant_id = $1 AND symbol = $2 AND venue = $3 AND timeframe = $4';

const key = (scope: TenantScope, r: CandleSeriesRef) => [
  scope.tenantId,
  r.symbol,
  r.venue,
  r.timeframe,
];

/** A price as text for NUMERIC: the shortest decimal that reads back as the same double. */
const num = (v: number): string => String(v);

/** COPY text escapes: backslash, tab and line breaks (our keys never hold them, but be exact). */
const copyText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

const mapSeries = (r: Row, timeframe: Timeframe): CandleSeries => {
  const count = int(r.count);
  const missing = int(r.missing);
  return {
    symbol: String(r.symbol),
    venue: String(r.venue),
    timeframe,
    from: iso(r.first_open),
    to: iso(r.last_open),
    count,
    expected: count + missing,
    coveragePct: (count / (count + missing)) * 100,
    gapCount: int(r.gap_count),
    missing,
    gaps: json<CandleGap[]>(r.gaps),
    updatedAt: iso(r.updated_at),
  };
};

/**
 * The market data store in SQL (migration 0021). Writes are one transaction each: COPY on a
 * PostgreSQL server when none of the candles' times is stored yet, else (and always on PGlite)
 * multi-row inserts that keep what is stored; then the series summary is rebuilt.
 */
export class SqlCandleStore implements CandleStore {
  constructor(private readonly driver: SqlDriver) {}

  async writeCandles(
    scope: TenantScope,
    input: CandleSeriesRef & { candles: CandleColumns; onProgress?: (stored: number) => void },
  ): Promise<CandleWriteResult> {
    const c = input.candles;
    const n = c.rows ?? c.time.length;
    const params = key(scope, input);
    return this.driver.transaction(async (tx) => {
      // A million-row COPY is one statement: the pool's 10 s statement bound would cut it off.
      await tx.query(`SET LOCAL statement_timeout = '${BULK_TIMEOUT}'`);
      // Two writers of one series queue here, so each summary sees the other's rows.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [params.join(' ')]);
      if (n === 0) return { stored: 0, alreadyStored: 0, series: await this.summary(tx, params) };
      const from = new Date(c.time[0] ?? 0).toISOString();
      const to = new Date(c.time[n - 1] ?? 0).toISOString();
      const { rows } = await tx.query(
        `SELECT count(*) AS n FROM candles WHERE ${SERIES}
           AND open_time >= $5::timestamptz AND open_time <= $6::timestamptz`,
        [...params, from, to],
      );
      const overlap = int(rows[0]?.n ?? 0);
      let stored: number;
      if (overlap === 0 && tx.copyFrom) {
        const prefix = new TextEncoder().encode(`${params.map(copyText).join('\t')}\t`);
        stored = await tx.copyFrom(
          `COPY candles (tenant_id, symbol, venue, timeframe, open_time, open, high, low, close,
             volume) FROM STDIN`,
          candleCopyChunks(prefix, c, { n, rows: CHUNK_ROWS, onProgress: input.onProgress }),
        );
      } else stored = await this.insertRows(tx, { params, c, n, onProgress: input.onProgress });
      return { stored, alreadyStored: n - stored, series: await this.summary(tx, params) };
    });
  }

  /** Multi-row inserts (arrays unnested server-side); a time already stored keeps its candle. */
  private async insertRows(
    tx: SqlExecutor,
    o: {
      params: string[];
      c: CandleColumns;
      n: number;
      onProgress?: ((stored: number) => void) | undefined;
    },
  ): Promise<number> {
    const { c, n } = o;
    let stored = 0;
    for (let start = 0; start < n; start += INSERT_ROWS) {
      const end = Math.min(n, start + INSERT_ROWS);
      const col = (a: Float64Array) => Array.from(a.subarray(start, end), num);
      const times = Array.from(c.time.subarray(start, end), (t) => new Date(t).toISOString());
      const { rowCount } = await tx.query(
        `INSERT INTO candles (tenant_id, symbol, venue, timeframe, open_time, open, high, low,
           close, volume)
         SELECT $1, $2, $3, $4, t, o, h, l, c, v
         FROM unnest($5::timestamptz[], $6::numeric[], $7::numeric[], $8::numeric[],
           $9::numeric[], $10::numeric[]) AS x (t, o, h, l, c, v)
         ON CONFLICT DO NOTHING`,
        [...o.params, times, col(c.open), col(c.high), col(c.low), col(c.close), col(c.volume)],
      );
      stored += rowCount;
      o.onProgress?.(end);
    }
    return stored;
  }

  /**
   * Rebuilds a series' summary from its candles (one ordered index scan for the counts, another
   * for the largest gaps when there are any) and returns it; removes it when nothing is left.
   */
  private async summary(tx: SqlExecutor, params: string[]): Promise<CandleSeries | null> {
    const timeframe = params[3] as Timeframe;
    const step = TIMEFRAME_MS[timeframe];
    const gapsOf = `SELECT open_time, open_time - lag(open_time) OVER (ORDER BY open_time) AS d
      FROM candles WHERE ${SERIES}`;
    const { rows } = await tx.query(
      `SELECT count(*) AS n, min(open_time) AS first_open, max(open_time) AS last_open,
         count(*) FILTER (WHERE d > $5 * interval '1 millisecond') AS gap_count,
         coalesce(sum(ceil(extract(epoch FROM d) * 1000 / $5) - 1)
           FILTER (WHERE d > $5 * interval '1 millisecond'), 0) AS missing
       FROM (${gapsOf}) s`,
      [...params, step],
    );
    const r = rows[0];
    if (!r || int(r.n) === 0) {
      await tx.query(`DELETE FROM candle_series WHERE ${SERIES}`, params);
      return null;
    }
    let gaps: CandleGap[] = [];
    if (int(r.gap_count) > 0) {
      const g = await tx.query(
        `SELECT open_time - d AS after, open_time AS before,
           ceil(extract(epoch FROM d) * 1000 / $5) - 1 AS missing
         FROM (${gapsOf}) s WHERE d > $5 * interval '1 millisecond'
         ORDER BY d DESC, open_time LIMIT 20`,
        [...params, step],
      );
      gaps = g.rows
        .map((x) => ({ after: iso(x.after), before: iso(x.before), missing: int(x.missing) }))
        .sort((a, b) => a.after.localeCompare(b.after));
    }
    const { rows: out } = await tx.query(
      `INSERT INTO candle_series (tenant_id, symbol, venue, timeframe, first_open, last_open,
         count, gap_count, missing, gaps, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, now())
       ON CONFLICT (tenant_id, symbol, venue, timeframe) DO UPDATE SET
         first_open = EXCLUDED.first_open, last_open = EXCLUDED.last_open, count = EXCLUDED.count,
         gap_count = EXCLUDED.gap_count, missing = EXCLUDED.missing, gaps = EXCLUDED.gaps,
         updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [
        ...params,
        r.first_open,
        r.last_open,
        int(r.n),
        int(r.gap_count),
        int(r.missing),
        jsonParam(gaps),
      ],
    );
    return out[0] ? mapSeries(out[0], timeframe) : null;
  }

  async listSeries(scope: TenantScope): Promise<CandleSeries[]> {
    const { rows } = await this.driver.query(
      `SELECT * FROM candle_series WHERE tenant_id = $1 ORDER BY symbol, venue, timeframe`,
      [scope.tenantId],
    );
    return rows.map((r) => mapSeries(r, r.timeframe as Timeframe));
  }

  async getSeries(scope: TenantScope, ref: CandleSeriesRef): Promise<CandleSeries | null> {
    const { rows } = await this.driver.query(
      `SELECT * FROM candle_series WHERE ${SERIES}`,
      key(scope, ref),
    );
    return rows[0] ? mapSeries(rows[0], ref.timeframe) : null;
  }

  async deleteSeries(scope: TenantScope, ref: CandleSeriesRef): Promise<number> {
    const params = key(scope, ref);
    return this.driver.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [params.join(' ')]);
      const { rowCount } = await tx.query(`DELETE FROM candles WHERE ${SERIES}`, params);
      await tx.query(`DELETE FROM candle_series WHERE ${SERIES}`, params);
      return rowCount;
    });
  }

  async readCandles(
    scope: TenantScope,
    input: CandleSeriesRef & { from: number | null; to: number | null; maxCandles: number },
  ): Promise<BarColumns> {
    const params = [
      ...key(scope, input),
      input.from === null ? null : new Date(input.from).toISOString(),
      input.to === null ? null : new Date(input.to).toISOString(),
      input.maxCandles + 1,
    ];
    const cols = new ColumnBuilder();
    const select = `SELECT (extract(epoch FROM open_time) * 1000)::float8 AS t, open::float8 AS o,
        high::float8 AS h, low::float8 AS l, close::float8 AS c, volume::float8 AS v
      FROM candles WHERE ${SERIES}
        AND ($5::timestamptz IS NULL OR open_time >= $5::timestamptz)
        AND ($6::timestamptz IS NULL OR open_time < $6::timestamptz)
      ORDER BY open_time LIMIT $7`;
    await this.driver.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = '${BULK_TIMEOUT}'`);
      if (tx.copyTo) {
        // COPY cannot take parameters: the values are inlined as literals (quoted, escaped).
        await tx.copyTo(`COPY (${inline(select, params)}) TO STDOUT`, (t) => cols.push(t));
        return;
      }
      const { rows } = await tx.query<Record<'t' | 'o' | 'h' | 'l' | 'c' | 'v', number>>(
        select,
        params,
      );
      for (const r of rows) cols.row([r.t, r.o, r.h, r.l, r.c, r.v]);
    });
    const out = cols.finish();
    if (out.rows > input.maxCandles)
      throw new AppError(
        'VALIDATION_FAILED',
        `More than ${input.maxCandles.toLocaleString('en-US')} candles in the range; narrow it.`,
      );
    return { symbol: input.symbol, timeframe: input.timeframe, ...out.columns };
  }
}

/** `$n` placeholders replaced by SQL literals (text quoted, null as NULL, numbers as is). */
function inline(sql: string, params: readonly (string | number | null)[]): string {
  return sql.replace(/\$(\d+)/g, (_, i: string) => {
    const v = params[Number(i) - 1];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number') return String(v);
    return `'${v.replace(/'/g, "''")}'`;
  });
}

/** Float columns grown as rows arrive (COPY text lines or query rows). */
class ColumnBuilder {
  private cols = Array.from({ length: 6 }, () => new Float64Array(1024));
  private n = 0;
  private carry = '';

  row(values: readonly number[]): void {
    this.grow();
    for (let k = 0; k < 6; k++) (this.cols[k] as Float64Array)[this.n] = Number(values[k]);
    this.n++;
  }

  /** COPY text: tab-separated floats, one row a line, possibly split across chunks. */
  push(chunk: string): void {
    const text = this.carry + chunk;
    const last = text.lastIndexOf('\n');
    this.carry = text.slice(last + 1);
    let pos = 0;
    while (pos <= last) {
      const end = text.indexOf('\n', pos);
      this.grow();
      let s = pos;
      for (let k = 0; k < 6; k++) {
        let e = text.indexOf('\t', s);
        if (e < 0 || e > end) e = end;
        (this.cols[k] as Float64Array)[this.n] = parseNumberAt(text, s, e);
        s = e + 1;
      }
      this.n++;
      pos = end + 1;
    }
  }

  private grow(): void {
    const cap = this.cols[0]?.length ?? 0;
    if (this.n < cap) return;
    this.cols = this.cols.map((a) => {
      const b = new Float64Array(cap * 2);
      b.set(a);
      return b;
    });
  }

  finish() {
    const cut = (k: number) => (this.cols[k] as Float64Array).slice(0, this.n);
    return {
      rows: this.n,
      columns: {
        time: cut(0),
        open: cut(1),
        high: cut(2),
        low: cut(3),
        close: cut(4),
        volume: cut(5),
      },
    };
  }
}
