import type { BacktestStatistics, Trade } from '@bytelyst/trading-contracts';

const DAY_MS = 86_400_000;
/** Markets here trade every day: a year is 365 days of candles. */
const YEAR_MS = 365 * DAY_MS;

/** What a run's statistics are computed from: the equity at every candle's close, and more. */
export interface StatisticsInput {
  readonly startEquity: number;
  /** Close time of every candle (ms epoch), increasing. */
  readonly times: ArrayLike<number>;
  /** Equity at each of those closes (cash + positions at the close). */
  readonly equity: ArrayLike<number>;
  /** The candle length: one return per candle, `YEAR_MS / periodMs` of them a year. */
  readonly periodMs: number;
  /** Annual, as a fraction. */
  readonly riskFreeRate: number;
  readonly trades: readonly Trade[];
  /** Candles that closed with a position open. */
  readonly exposedCandles: number;
  /** Exact totals over every fill (open position included), as decimal strings. */
  readonly fees: string;
  readonly slippage: string;
  /** First candle's open and last candle's close. */
  readonly firstOpen: number;
  readonly lastClose: number;
  readonly refusedEntries: Readonly<Record<string, number>>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Largest fall from a running peak (the start counts as the first peak). */
function drawdownOf(i: StatisticsInput): BacktestStatistics['maxDrawdown'] {
  const n = i.equity.length;
  let peak = i.startEquity;
  let peakAt = n > 0 ? (i.times[0] ?? 0) - i.periodMs : 0;
  let worst = { pct: 0, amount: 0, peak: 0, peakAt: null as number | null, troughAt: 0 };
  let recoveredAt: number | null = null;
  let open = false;
  for (let k = 0; k < n; k++) {
    const e = i.equity[k] ?? 0;
    const t = i.times[k] ?? 0;
    if (e > peak) {
      peak = e;
      peakAt = t;
    }
    if (open && e >= worst.peak) {
      recoveredAt = t;
      open = false;
    }
    const pct = peak > 0 ? (peak - e) / peak : 0;
    if (pct > worst.pct) {
      worst = { pct, amount: peak - e, peak, peakAt, troughAt: t };
      recoveredAt = null;
      open = true;
    }
  }
  if (worst.peakAt === null) {
    return {
      pct: 0,
      amount: 0,
      peakAt: null,
      troughAt: null,
      recoveredAt: null,
      durationMs: null,
      recoveryMs: null,
    };
  }
  const end = n > 0 ? (i.times[n - 1] ?? 0) : worst.troughAt;
  return {
    pct: worst.pct * 100,
    amount: worst.amount,
    peakAt: iso(worst.peakAt),
    troughAt: iso(worst.troughAt),
    recoveredAt: iso(recoveredAt),
    durationMs: (recoveredAt ?? end) - worst.peakAt,
    recoveryMs: recoveredAt === null ? null : recoveredAt - worst.troughAt,
  };
}

/** Mean, sample standard deviation and downside deviation of per-candle excess returns. */
function returnMoments(i: StatisticsInput, rfPerPeriod: number) {
  const n = i.equity.length;
  let prev = i.startEquity;
  let sum = 0;
  let sumSq = 0;
  let downSq = 0;
  for (let k = 0; k < n; k++) {
    const e = i.equity[k] ?? 0;
    const r = prev !== 0 ? e / prev - 1 : 0;
    prev = e;
    sum += r;
    sumSq += r * r;
    const x = r - rfPerPeriod;
    if (x < 0) downSq += x * x;
  }
  const mean = n > 0 ? sum / n : 0;
  // Sample variance (n - 1), from the sums: fine at these magnitudes (returns far below 1).
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : NaN;
  return { n, mean, std: Math.sqrt(variance), downside: n > 0 ? Math.sqrt(downSq / n) : NaN };
}

function tradeFigures(trades: readonly Trade[]) {
  let wins = 0;
  let winSum = 0;
  let losses = 0;
  let lossSum = 0;
  let sum = 0;
  let best: number | null = null;
  let worst: number | null = null;
  let duration = 0;
  for (const t of trades) {
    const net = Number(t.netPnl);
    sum += net;
    if (net > 0) {
      wins++;
      winSum += net;
    } else if (net < 0) {
      losses++;
      lossSum += net;
    }
    if (best === null || net > best) best = net;
    if (worst === null || net < worst) worst = net;
    duration += Date.parse(t.closedAt) - Date.parse(t.openedAt);
  }
  const n = trades.length;
  return {
    trades: n,
    winRate: n === 0 ? null : wins / n,
    profitFactor: losses === 0 ? null : winSum / -lossSum,
    expectancy: n === 0 ? null : sum / n,
    avgWin: wins === 0 ? null : winSum / wins,
    avgLoss: losses === 0 ? null : lossSum / losses,
    bestTrade: best,
    worstTrade: worst,
    avgTradeDurationMs: n === 0 ? null : duration / n,
  };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The statistics of a run (docs/BACKTESTING.md, "Statistics"), pure. Ratios whose denominator
 * is zero (no volatility, no losing trade, no drawdown) are null rather than infinite.
 */
export function backtestStatistics(i: StatisticsInput): BacktestStatistics {
  const n = i.equity.length;
  const end = n > 0 ? (i.equity[n - 1] ?? 0) : i.startEquity;
  const total = i.startEquity > 0 ? end / i.startEquity - 1 : 0;
  const years = (n * i.periodMs) / YEAR_MS;
  const perYear = YEAR_MS / i.periodMs;
  const annual = years > 0 ? (end <= 0 ? -1 : Math.pow(1 + total, 1 / years) - 1) : NaN;
  const rfPerPeriod = Math.pow(1 + i.riskFreeRate, 1 / perYear) - 1;
  const m = returnMoments(i, rfPerPeriod);
  const excess = m.mean - rfPerPeriod;
  const dd = drawdownOf(i);
  const days = (n * i.periodMs) / DAY_MS;
  return {
    totalReturnPct: total * 100,
    annualReturnPct: finite(annual * 100),
    annualVolatilityPct: finite(m.std * Math.sqrt(perYear) * 100),
    riskFreeRate: i.riskFreeRate,
    sharpe: m.std > 0 ? finite((excess / m.std) * Math.sqrt(perYear)) : null,
    sortino: m.downside > 0 ? finite((excess / m.downside) * Math.sqrt(perYear)) : null,
    calmar: dd.pct > 0 && Number.isFinite(annual) ? annual / (dd.pct / 100) : null,
    maxDrawdown: dd,
    ...tradeFigures(i.trades),
    totalFees: i.fees,
    totalSlippage: i.slippage,
    exposurePct: n === 0 ? 0 : (i.exposedCandles / n) * 100,
    tradesPerDay: days > 0 ? i.trades.length / days : 0,
    buyAndHoldReturnPct: i.firstOpen > 0 ? (i.lastClose / i.firstOpen - 1) * 100 : 0,
    refusedEntries: { ...i.refusedEntries },
  };
}
