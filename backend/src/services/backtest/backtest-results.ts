import {
  AppError,
  type BacktestCurve,
  type BacktestJob,
  type BacktestTrade,
  type BacktestTradesPage,
  type BacktestTradesQuery,
  type Trade,
} from '@bytelyst/trading-contracts';
import { downsampleMinMax } from '../../domain/portfolio/downsample.js';
import type { BacktestResultStore, StoredEquityCurve } from '../../ports/backtest-results.js';
import { tenantScope } from '../../ports/store.js';
import { TRADES_CSV_HEADER, tradesCsvLines } from './trades-csv.js';

interface Owner {
  tenantId: string;
  userId: string;
}

export interface BacktestResultsOptions {
  store: BacktestResultStore;
  /** The caller's own job (NOT_FOUND for anyone else's, exactly like a missing one). */
  job: (owner: Owner, id: string) => Promise<BacktestJob>;
}

/** Trades per store read while streaming the CSV: bounded memory whatever the run's size. */
const CSV_PAGE = 2000;

/** Opaque cursor: base64url of the last seq returned. */
const encodeCursor = (seq: number): string =>
  Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');

const decodeCursor = (cursor: string | undefined): number | null => {
  if (cursor === undefined || cursor === '') return null;
  const m = /^seq:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (m?.[1] !== undefined) return Number(m[1]);
  throw new AppError('VALIDATION_FAILED', 'The page cursor is not valid.', {
    details: { issues: [{ path: 'query.cursor', message: 'not a cursor this server issued' }] },
  });
};

/** A trade of a job stored before full lists existed (its last 200 only), numbered in order. */
const legacyTrade = (t: Trade, seq: number): BacktestTrade => ({
  seq,
  id: t.id,
  symbol: t.symbol,
  side: t.side,
  quantity: t.quantity,
  entryPrice: t.entryPrice,
  exitPrice: t.exitPrice,
  realizedPnl: t.realizedPnl,
  fees: t.fees,
  netPnl: t.netPnl,
  openedAt: t.openedAt,
  closedAt: t.closedAt,
  exitReason: t.exitReason,
});

/**
 * Reads of a finished run's full trade list (paged and as CSV) and its full-resolution curve
 * (cut to a requested resolution). Only the caller's own jobs; only finished ones (a running job
 * has written part of its trades at most, and a done job has all of them: the service marks it
 * done after the last write). Runs finished before 0024 answer with what their row kept, marked
 * `complete: false`.
 */
export class BacktestResults {
  constructor(private readonly o: BacktestResultsOptions) {}

  private async doneJob(owner: Owner, id: string): Promise<BacktestJob> {
    const job = await this.o.job(owner, id);
    if (job.status !== 'done')
      throw new AppError(
        'CONFLICT',
        `The backtest is ${job.status}: only a finished run has results.`,
      );
    return job;
  }

  async page(owner: Owner, id: string, query: BacktestTradesQuery): Promise<BacktestTradesPage> {
    const after = decodeCursor(query.cursor);
    const job = await this.doneJob(owner, id);
    const scope = tenantScope(owner.tenantId);
    const counts = await this.o.store.backtestResultCounts(scope, { jobId: id });
    let items: BacktestTrade[];
    let total: number;
    if (counts) {
      // One row more than asked says whether a next page exists.
      items = await this.o.store.listBacktestTrades(scope, {
        jobId: id,
        after,
        limit: query.limit + 1,
      });
      total = counts.trades;
    } else {
      const all = job.trades.map(legacyTrade);
      items = all.filter((t) => after === null || t.seq > after).slice(0, query.limit + 1);
      total = all.length;
    }
    const more = items.length > query.limit;
    items = items.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor: more && last ? encodeCursor(last.seq) : null,
      total,
      complete: counts !== null,
    };
  }

  /**
   * The whole list as CSV text chunks, read from the store a page at a time as the response is
   * written. Access is checked before the first chunk, so a refusal is still a coded error.
   */
  async csv(owner: Owner, id: string): Promise<AsyncIterable<string>> {
    const job = await this.doneJob(owner, id);
    const scope = tenantScope(owner.tenantId);
    const counts = await this.o.store.backtestResultCounts(scope, { jobId: id });
    const store = this.o.store;
    return (async function* () {
      yield TRADES_CSV_HEADER;
      if (!counts) {
        yield tradesCsvLines(job.trades.map(legacyTrade));
        return;
      }
      let after: number | null = null;
      for (;;) {
        const rows = await store.listBacktestTrades(scope, { jobId: id, after, limit: CSV_PAGE });
        if (rows.length > 0) yield tradesCsvLines(rows);
        if (rows.length < CSV_PAGE) return;
        after = rows.at(-1)?.seq ?? null;
      }
    })();
  }

  async curve(owner: Owner, id: string, points: number): Promise<BacktestCurve> {
    const job = await this.doneJob(owner, id);
    const stored: StoredEquityCurve | null = await this.o.store.getBacktestCurve(
      tenantScope(owner.tenantId),
      { jobId: id },
    );
    const curve = stored ?? {
      times: Float64Array.from(job.equityCurve, (p) => Date.parse(p.at)),
      equity: Float64Array.from(job.equityCurve, (p) => p.equity),
    };
    return {
      points: downsampleMinMax(curve.times, curve.equity, points).map((p) => ({
        at: new Date(p.at).toISOString(),
        equity: p.value,
      })),
      stored: curve.times.length,
      complete: stored !== null,
    };
  }
}
