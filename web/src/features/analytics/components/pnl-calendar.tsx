import type { PeriodPnl } from '@bytelyst/trading-contracts';
import { formatMoney, signOf } from '@bytelyst/trading-client';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Days of a "YYYY-MM" month, Monday-first, padded with nulls before the 1st. */
export function monthGrid(month: string): (string | null)[] {
  const first = new Date(`${month}-01T00:00:00.000Z`);
  const pad = (first.getUTCDay() + 6) % 7;
  const out: (string | null)[] = Array.from({ length: pad }, () => null);
  for (let t = first.getTime(); ; t += DAY_MS) {
    const iso = new Date(t).toISOString().slice(0, 10);
    if (!iso.startsWith(month)) break;
    out.push(iso);
  }
  return out;
}

/** Colour strength of a day: its net PnL against the month's largest absolute day. */
export function intensity(net: string, maxAbs: number): number {
  if (maxAbs <= 0) return 0;
  return Math.min(1, Math.abs(Number(net)) / maxAbs);
}

/**
 * Net realised PnL per day of one month (in the viewer's zone, as the backend cut the days):
 * green for a gain, red for a loss, stronger for larger; a day without bookings is blank.
 */
export function PnlCalendar({ month, days }: { month: string; days: readonly PeriodPnl[] }) {
  const byDay = new Map(days.map((d) => [d.period, d]));
  const maxAbs = days
    .filter((d) => d.period.startsWith(month))
    .reduce((m, d) => Math.max(m, Math.abs(Number(d.netPnl))), 0);
  const label = new Date(`${month}-15T00:00:00.000Z`).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (
    <div className="pnl-calendar" data-testid="pnl-calendar" data-month={month}>
      <div className="pnl-calendar-title">{label}</div>
      <div className="pnl-calendar-grid">
        {WEEKDAYS.map((w) => (
          <div key={w} className="pnl-calendar-head">
            {w}
          </div>
        ))}
        {monthGrid(month).map((day, i) => {
          if (!day) return <div key={`pad-${i}`} className="pnl-day pnl-day-pad" />;
          const d = byDay.get(day);
          const s = d ? signOf(d.netPnl) : 0;
          const a = d ? 0.15 + 0.7 * intensity(d.netPnl, maxAbs) : 0;
          const background =
            s > 0 ? `rgba(34, 197, 94, ${a})` : s < 0 ? `rgba(239, 68, 68, ${a})` : undefined;
          return (
            <div
              key={day}
              className="pnl-day"
              style={background ? { background } : undefined}
              data-testid="pnl-day"
              data-day={day}
              data-net={d?.netPnl ?? ''}
              title={
                d
                  ? `${day}: net ${formatMoney(d.netPnl, true)} (realised ${formatMoney(d.realizedPnl, true)}, fees ${formatMoney(d.fees)})`
                  : `${day}: nothing booked`
              }
            >
              <span className="pnl-day-n">{Number(day.slice(8))}</span>
              {d && <span className="pnl-day-v num">{formatMoney(d.netPnl, true)}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
