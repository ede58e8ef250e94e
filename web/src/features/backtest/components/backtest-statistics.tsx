import type { BacktestStatistics } from '@bytelyst/trading-contracts';
import { formatMoney, formatTime } from '@bytelyst/trading-client';
import { formatPercent } from '../utils/backtest-view';

const ratio = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, true));
const money = (x: number | null) => (x === null ? '—' : formatMoney(x.toFixed(2)));

/** "3 d 4 h", "25 min": durations of drawdowns and trades. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Every figure of docs/BACKTESTING.md "Statistics", in one table. */
export function BacktestStatisticsTable({ s }: { s: BacktestStatistics }) {
  const dd = s.maxDrawdown;
  const refused = Object.entries(s.refusedEntries).sort((a, b) => b[1] - a[1]);
  const rows: [string, string][] = [
    ['Total return', pct(s.totalReturnPct)],
    ['Annualised return', pct(s.annualReturnPct)],
    ['Buy and hold', pct(s.buyAndHoldReturnPct)],
    [
      'Annualised volatility',
      s.annualVolatilityPct === null ? '—' : formatPercent(s.annualVolatilityPct),
    ],
    [`Sharpe (risk-free ${(s.riskFreeRate * 100).toFixed(2)}%)`, ratio(s.sharpe)],
    ['Sortino', ratio(s.sortino)],
    ['Calmar', ratio(s.calmar)],
    ['Max drawdown', `${formatPercent(dd.pct)} (${money(dd.amount)})`],
    [
      'Drawdown peak → trough',
      dd.peakAt ? `${formatTime(dd.peakAt)} → ${formatTime(dd.troughAt)}` : '—',
    ],
    ['Drawdown duration', formatDuration(dd.durationMs)],
    [
      'Recovery',
      dd.recoveredAt ? formatDuration(dd.recoveryMs) : dd.peakAt ? 'not recovered' : '—',
    ],
    ['Trades', s.trades.toLocaleString('en-US')],
    ['Win rate (net)', s.winRate === null ? '—' : formatPercent(s.winRate * 100)],
    ['Profit factor', ratio(s.profitFactor)],
    ['Expectancy per trade', money(s.expectancy)],
    ['Average win / loss', `${money(s.avgWin)} / ${money(s.avgLoss)}`],
    ['Best / worst trade', `${money(s.bestTrade)} / ${money(s.worstTrade)}`],
    ['Total fees', formatMoney(s.totalFees)],
    ['Total slippage', formatMoney(s.totalSlippage)],
    ['Exposure', formatPercent(s.exposurePct)],
    ['Average trade duration', formatDuration(s.avgTradeDurationMs)],
    ['Trades per day', s.tradesPerDay.toFixed(2)],
    [
      'Refused entries',
      refused.length === 0 ? 'none' : refused.map(([code, n]) => `${code} ${n}`).join(', '),
    ],
  ];
  return (
    <div className="table-wrap">
      <table className="table" data-testid="bt-statistics">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="r num">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
