import type { Analytics, AnalyticsQuery, TradingProfile } from '@bytelyst/trading-contracts';
import {
  type Booking,
  extremes,
  periodPnl,
  statsBy,
  tradeStats,
} from '../../domain/portfolio/analytics.js';
import {
  type Fixed,
  ZERO,
  abs,
  formatFixed,
  parseFixed,
  toNumber,
} from '../../domain/money/fixed.js';
import { equityOfBooks } from '../../domain/portfolio/valuation.js';
import { tenantScope, type Store } from '../../ports/store.js';
import type { PortfolioService } from './portfolio-service.js';

const MAX_TRADES = 100_000;
const MAX_BUCKETS = 200_000;
const YEAR_MS = 366 * 86_400_000;

/**
 * Performance of a profile or an account over a range: trade statistics net of fees (overall,
 * per strategy, per symbol, best and worst) from the trades, realised PnL and fees per day, week
 * and month of the viewer's zone and cumulatively from the ledger, and exposure now from the
 * portfolio valuation. Every figure comes from the books; screens only render them.
 */
export class AnalyticsService {
  constructor(
    private readonly o: {
      store: Store;
      portfolio: PortfolioService;
      profiles: (tenantId: string) => Promise<TradingProfile[]>;
      now: () => number;
    },
  ) {}

  async analytics(
    tenantId: string,
    o: { profileIds: readonly string[]; query: AnalyticsQuery },
  ): Promise<Analytics> {
    const { query } = o;
    const ids = query.profileId ? [query.profileId] : o.profileIds;
    const to = query.to ? Date.parse(query.to) : this.o.now();
    const from = query.from ? Date.parse(query.from) : to - YEAR_MS;
    const scope = tenantScope(tenantId);
    const range = {
      onlyProfiles: ids,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    };
    const [trades, buckets, valuation, profiles] = await Promise.all([
      this.o.store.tradesRange(scope, { ...range, limit: MAX_TRADES }),
      this.o.store.ledgerBuckets(scope, { ...range, limit: MAX_BUCKETS }),
      this.o.portfolio.value(tenantId, ids),
      this.o.profiles(tenantId),
    ]);
    const strategyOf = new Map(profiles.map((p) => [p.id, p.strategy.strategy as string]));

    // Ledger bookings per bucket (all profiles together) and fees per profile.
    const byAt = new Map<number, { realized: Fixed; fees: Fixed }>();
    const feesByProfile = new Map<string, Fixed>();
    for (const b of buckets) {
      const amount = parseFixed(b.amount);
      const s = byAt.get(b.at) ?? { realized: ZERO, fees: ZERO };
      if (b.account === 'fees') {
        s.fees += amount;
        feesByProfile.set(b.profileId, (feesByProfile.get(b.profileId) ?? ZERO) + amount);
      } else s.realized -= amount; // realized_pnl is a credit account: a gain is negative
      byAt.set(b.at, s);
    }
    const bookings: Booking[] = [...byAt]
      .sort(([a], [b]) => a - b)
      .map(([at, s]) => ({ at, ...s }));
    let running = ZERO;
    const cumulative = bookings.map((b) => {
      running += b.realized - b.fees;
      return { at: new Date(b.at).toISOString(), netPnl: formatFixed(running) };
    });

    const exposureBySymbol = new Map<string, Fixed>();
    for (const p of valuation.portfolio.positions) {
      const value = abs(parseFixed(p.costBasis) + parseFixed(p.unrealizedPnl));
      exposureBySymbol.set(p.symbol, (exposureBySymbol.get(p.symbol) ?? ZERO) + value);
    }
    const gross = [...exposureBySymbol.values()].reduce((a, b) => a + b, ZERO);
    const equity = equityOfBooks(valuation.account);
    const tz = query.timeZone;
    return {
      from: range.from,
      to: range.to,
      timeZone: tz,
      summary: tradeStats(trades),
      ...extremes(trades),
      byDay: periodPnl(bookings, { timeZone: tz, period: 'day' }),
      byWeek: periodPnl(bookings, { timeZone: tz, period: 'week' }),
      byMonth: periodPnl(bookings, { timeZone: tz, period: 'month' }),
      byStrategy: statsBy(
        trades,
        // The strategy the trade was made under; trades booked before it was recorded fall
        // back to their profile's strategy now.
        (t) => t.strategy ?? strategyOf.get(t.profileId) ?? 'deleted profile',
        'strategy',
      ),
      bySymbol: statsBy(trades, (t) => t.symbol, 'symbol'),
      cumulative,
      feesByProfile: ids.map((id) => ({
        profileId: id,
        fees: formatFixed(feesByProfile.get(id) ?? ZERO),
      })),
      exposure: {
        gross: formatFixed(gross),
        ofEquity: equity > 0n ? toNumber(gross) / toNumber(equity) : null,
        bySymbol: [...exposureBySymbol].map(([symbol, v]) => ({ symbol, value: formatFixed(v) })),
      },
    };
  }
}
