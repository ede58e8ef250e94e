import type {
  Analytics,
  EquitySeries,
  PeriodPnl,
  Portfolio,
  Books,
} from '@bytelyst/trading-contracts';
import type { Fixtures } from './fixtures';

/**
 * The books as the backend would value them for the fixtures: a portfolio whose account adds up
 * (equity = cash + positions at their marks), an equity series ending on that equity, and a
 * seeded performance history (60 days of bookings) for the analytics page.
 */
const DAY = 86_400_000;
const d2 = (n: number) => n.toFixed(2);
const d4 = (n: number) => n.toFixed(4);

export function buildBooks(fx: Fixtures, now: number) {
  const at = new Date(now).toISOString();
  const position = fx.positions[0];
  if (!position) throw new Error('fixtures have no position');
  const qty = Number(position.quantity);
  const mark = Number(position.markPrice);
  const value = qty * mark;
  const cost = Number(position.costBasis);
  const cash = 6_800;
  const books: Books = {
    capital: '10000',
    cash: d2(cash),
    positionsValue: d4(value),
    positionsCost: position.costBasis,
    equity: d4(cash + value),
    unrealizedPnl: position.unrealizedPnl,
    realizedPnl: d2(cost + cash - 10_000 + 9.6),
    fees: '9.60',
    netRealizedPnl: d2(cost + cash - 10_000),
    openPositions: 1,
    staleMarks: 0,
  };
  const portfolio: Portfolio = {
    at,
    markRule: 'last-trade',
    staleAfterMs: 15_000,
    account: books,
    profiles: [{ profileId: position.profileId, ...books }],
    positions: [{ ...position, markAt: at }],
  };
  const points = fx.equity.map((s) => ({
    at: s.at,
    equity: s.equity,
    min: s.equity,
    max: s.equity,
  }));
  const series: EquitySeries = {
    profileId: null,
    interval: '1m',
    points: [...points, { at, equity: books.equity, min: books.equity, max: books.equity }],
    current: { at, ...books },
    maxDrawdown: {
      pct: '0.0118',
      amount: '120.40',
      peakAt: fx.equity[20]?.at ?? at,
      troughAt: fx.equity[75]?.at ?? at,
      recoveredAt: fx.equity[130]?.at ?? null,
    },
    currentDrawdownPct: '0',
  };

  // 60 days of bookings: most days trade, some win, some lose.
  let seed = 11;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  const byDay: PeriodPnl[] = [];
  for (let i = 59; i >= 0; i--) {
    if (rand() < 0.2) continue;
    const realized = (rand() - 0.42) * 240;
    const fees = 2 + rand() * 6;
    byDay.push({
      period: new Date(now - i * DAY).toISOString().slice(0, 10),
      realizedPnl: d2(realized),
      fees: d2(fees),
      netPnl: d2(Math.round(realized * 100) / 100 - Math.round(fees * 100) / 100),
    });
  }
  const group = (key: (p: string) => string) => {
    const m = new Map<string, { r: number; f: number }>();
    for (const d of byDay) {
      const k = key(d.period);
      const s = m.get(k) ?? { r: 0, f: 0 };
      s.r += Number(d.realizedPnl);
      s.f += Number(d.fees);
      m.set(k, s);
    }
    return [...m].map(([period, s]) => ({
      period,
      realizedPnl: d2(s.r),
      fees: d2(s.f),
      netPnl: d2(s.r - s.f),
    }));
  };
  const monday = (p: string) => {
    const t = new Date(`${p}T00:00:00.000Z`);
    return new Date(t.getTime() - ((t.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
  };
  let running = 0;
  const stats = {
    trades: fx.trades.length,
    wins: 1,
    losses: 1,
    winRate: 0.5,
    grossPnl: '41.20',
    fees: '6.40',
    netPnl: '34.80',
    profitFactor: 3.1,
    avgNetPnl: '17.40',
    avgWin: '51.40',
    avgLoss: '-16.60',
    avgDurationMs: 37.5 * 60_000,
  };
  const analytics: Analytics = {
    from: new Date(now - 366 * DAY).toISOString(),
    to: at,
    timeZone: 'UTC',
    summary: stats,
    best: [...fx.trades].sort((a, b) => Number(b.netPnl) - Number(a.netPnl))[0] ?? null,
    worst: [...fx.trades].sort((a, b) => Number(a.netPnl) - Number(b.netPnl))[0] ?? null,
    byDay,
    byWeek: group(monday),
    byMonth: group((p) => p.slice(0, 7)),
    byStrategy: [{ ...stats, strategy: 'sma-cross' }],
    bySymbol: [{ ...stats, symbol: 'BTC-USD' }],
    cumulative: byDay.map((d) => {
      running += Number(d.netPnl);
      return { at: `${d.period}T12:00:00.000Z`, netPnl: d2(running) };
    }),
    feesByProfile: [{ profileId: position.profileId, fees: '9.60' }],
    exposure: {
      gross: d4(value),
      ofEquity: value / (cash + value),
      bySymbol: [{ symbol: position.symbol, value: d4(value) }],
    },
  };
  return { portfolio, series, analytics };
}
