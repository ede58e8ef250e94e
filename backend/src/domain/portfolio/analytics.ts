import type { PeriodPnl, Trade, TradeStats } from '@bytelyst/trading-contracts';
import { type Fixed, ZERO, divRound, formatFixed, parseFixed, toNumber } from '../money/fixed.js';

/**
 * Performance figures, pure: trade statistics net of fees, and realised PnL per day, week and
 * month of a time zone from ledger bookings. Screens show these; they recompute nothing.
 */

export function tradeStats(trades: readonly Trade[]): TradeStats {
  let gross = ZERO;
  let fees = ZERO;
  let net = ZERO;
  let wins = 0;
  let losses = 0;
  let winSum = ZERO;
  let lossSum = ZERO;
  let duration = 0;
  for (const t of trades) {
    const n = parseFixed(t.netPnl);
    gross += parseFixed(t.realizedPnl);
    fees += parseFixed(t.fees);
    net += n;
    duration += Date.parse(t.closedAt) - Date.parse(t.openedAt);
    if (n > 0n) {
      wins++;
      winSum += n;
    } else if (n < 0n) {
      losses++;
      lossSum += n;
    }
  }
  const count = trades.length;
  const avg = (sum: Fixed, k: number) =>
    k === 0 ? null : formatFixed(divRound(sum, BigInt(k), 'half-up'));
  return {
    trades: count,
    wins,
    losses,
    winRate: count === 0 ? null : wins / count,
    grossPnl: formatFixed(gross),
    fees: formatFixed(fees),
    netPnl: formatFixed(net),
    profitFactor: lossSum === 0n ? null : toNumber(winSum) / -toNumber(lossSum),
    avgNetPnl: avg(net, count),
    avgWin: avg(winSum, wins),
    avgLoss: avg(lossSum, losses),
    avgDurationMs: count === 0 ? null : duration / count,
  };
}

/** Trades grouped by a key (symbol, strategy), each group's statistics, by net PnL descending. */
export function statsBy<K extends string>(
  trades: readonly Trade[],
  keyOf: (t: Trade) => string,
  name: K,
): (TradeStats & Record<K, string>)[] {
  const groups = new Map<string, Trade[]>();
  for (const t of trades) {
    const k = keyOf(t);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(t);
  }
  return [...groups]
    .map(([k, g]) => ({ ...tradeStats(g), [name]: k }) as TradeStats & Record<K, string>)
    .sort((a, b) => (parseFixed(b.netPnl) > parseFixed(a.netPnl) ? 1 : -1));
}

/** Best and worst trade by net PnL. */
export function extremes(trades: readonly Trade[]): { best: Trade | null; worst: Trade | null } {
  let best: Trade | null = null;
  let worst: Trade | null = null;
  for (const t of trades) {
    const n = parseFixed(t.netPnl);
    if (!best || n > parseFixed(best.netPnl)) best = t;
    if (!worst || n < parseFixed(worst.netPnl)) worst = t;
  }
  return { best, worst };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** "YYYY-MM-DD" of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
}

/** The Monday of a "YYYY-MM-DD" date's ISO week. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

export interface Booking {
  /** Epoch ms (a 15-minute bucket's start: every zone's offset is a multiple of 15 minutes). */
  readonly at: number;
  /** Realised PnL, gain positive. */
  readonly realized: Fixed;
  readonly fees: Fixed;
}

/** Realised PnL and fees per period of the zone, oldest first. */
export function periodPnl(
  bookings: readonly Booking[],
  o: { timeZone: string; period: 'day' | 'week' | 'month' },
): PeriodPnl[] {
  const sums = new Map<string, { realized: Fixed; fees: Fixed }>();
  for (const b of bookings) {
    const day = localDate(b.at, o.timeZone);
    const key = o.period === 'day' ? day : o.period === 'week' ? weekOf(day) : day.slice(0, 7);
    const s = sums.get(key) ?? { realized: ZERO, fees: ZERO };
    s.realized += b.realized;
    s.fees += b.fees;
    sums.set(key, s);
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period, s]) => ({
      period,
      realizedPnl: formatFixed(s.realized),
      fees: formatFixed(s.fees),
      netPnl: formatFixed(s.realized - s.fees),
    }));
}
