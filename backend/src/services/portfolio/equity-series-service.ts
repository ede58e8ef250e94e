import type { EquitySeries, EquitySeriesQuery } from '@bytelyst/trading-contracts';
import { equityOfBooks, booksToContract } from '../../domain/portfolio/valuation.js';
import {
  EQUITY_INTERVALS_MS,
  type EquitySample,
  aggregateAccount,
  downsample,
  intervalFor,
  maxDrawdown,
} from '../../domain/portfolio/equity-series.js';
import { formatFixed, parseFixed } from '../../domain/money/fixed.js';
import { tenantScope, type Store } from '../../ports/store.js';
import type { PortfolioService } from './portfolio-service.js';

/** Snapshots read for one series at most (a week of one-minute snapshots for 20 profiles). */
const MAX_ROWS = 200_000;
const WEEK_MS = 7 * 86_400_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The equity curve of a profile or an account: every stored snapshot in the range aggregated
 * across profiles (each profile's latest value at each instant), then the live valuation as the
 * last value, so the curve ends exactly on the Equity figure. Drawdown is measured over every
 * value before downsampling; the points keep each bucket's min and max.
 */
export class EquitySeriesService {
  constructor(
    private readonly o: { store: Store; portfolio: PortfolioService; now: () => number },
  ) {}

  async series(
    tenantId: string,
    o: { profileIds: readonly string[]; query: EquitySeriesQuery },
  ): Promise<EquitySeries> {
    const { query } = o;
    const profileIds = query.profileId ? [query.profileId] : o.profileIds;
    const now = this.o.now();
    const to = query.to ? Date.parse(query.to) : now;
    const from = query.from ? Date.parse(query.from) : to - WEEK_MS;
    const [rows, valuation] = await Promise.all([
      this.o.store.equityRange(tenantScope(tenantId), {
        onlyProfiles: profileIds,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        limit: MAX_ROWS,
      }),
      this.o.portfolio.value(tenantId, profileIds),
    ]);
    const samples: EquitySample[] = rows.map((r) => ({
      profileId: r.profileId,
      at: r.at,
      equity: parseFixed(r.equity),
    }));
    const values = aggregateAccount(samples);
    const current = valuation.account;
    // The live valuation closes the curve (unless the caller asked for a range that ended).
    const live = !query.to || to >= now;
    if (live) {
      const valuedAt = Date.parse(valuation.portfolio.at);
      const at = Math.max(valuedAt, values.at(-1)?.at ?? valuedAt);
      values.push({ at, equity: equityOfBooks(current) });
    }
    const interval = query.interval ?? intervalFor(Math.max(1, to - from), query.points);
    const points = downsample(values, EQUITY_INTERVALS_MS[interval]);
    const dd = maxDrawdown(values);
    return {
      profileId: query.profileId ?? null,
      interval,
      points: points.map((p) => ({
        at: new Date(p.at).toISOString(),
        equity: formatFixed(p.equity),
        min: formatFixed(p.min),
        max: formatFixed(p.max),
      })),
      current: { at: valuation.portfolio.at, ...booksToContract(current) },
      maxDrawdown: {
        pct: formatFixed(dd.pct),
        amount: formatFixed(dd.amount),
        peakAt: iso(dd.peakAt),
        troughAt: iso(dd.troughAt),
        recoveredAt: iso(dd.recoveredAt),
      },
      currentDrawdownPct: formatFixed(dd.currentPct),
    };
  }
}
