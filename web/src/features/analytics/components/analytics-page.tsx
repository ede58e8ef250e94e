import type { Analytics, TradeStats } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import {
  formatDuration,
  formatMoney,
  formatPct,
  formatTime,
  utcTitle,
  viewerZone,
} from '@bytelyst/trading-client';
import { DataState } from '../../../components/data-state';
import { Pnl } from '../../../components/numbers';
import { PageHeader, Panel } from '../../../components/panel';
import { useAnalytics } from '../../../api/portfolio';
import { CumulativeChart } from './cumulative-chart';
import { PnlCalendar } from './pnl-calendar';
import '../analytics.css';

const winRate = (s: TradeStats) => (s.winRate === null ? '—' : `${(s.winRate * 100).toFixed(1)}%`);
const factor = (s: TradeStats) => (s.profitFactor === null ? '—' : s.profitFactor.toFixed(2));

function StatsTable({
  rows,
  keyName,
}: {
  rows: (TradeStats & { key: string })[];
  keyName: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={`stats-${keyName.toLowerCase()}`}>
        <thead>
          <tr>
            <th>{keyName}</th>
            <th className="r">Trades</th>
            <th className="r">Win rate (net)</th>
            <th className="r">Net PnL</th>
            <th className="r">Fees</th>
            <th className="r">Profit factor</th>
            <th className="r">Avg duration</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="strong">{r.key}</td>
              <td className="r num">{r.trades}</td>
              <td className="r num">{winRate(r)}</td>
              <td className="r">
                <Pnl value={r.netPnl} />
              </td>
              <td className="r num">{formatMoney(r.fees)}</td>
              <td className="r num">{factor(r)}</td>
              <td className="r num">{formatDuration(r.avgDurationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Summary({ a }: { a: Analytics }) {
  const s = a.summary;
  return (
    <div className="kpis">
      <div className="kpi">
        <span className="kpi-label">Net PnL ({s.trades} trades)</span>
        <span className="kpi-value" data-testid="an-net">
          <Pnl value={s.netPnl} />
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Win rate, net of fees</span>
        <span className="kpi-value num" data-testid="an-winrate">
          {winRate(s)}
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Profit factor</span>
        <span className="kpi-value num">{factor(s)}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Fees</span>
        <span className="kpi-value num">{formatMoney(s.fees)}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Avg win / loss</span>
        <span className="kpi-value num">
          {formatMoney(s.avgWin, true)} / {formatMoney(s.avgLoss, true)}
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Exposure now</span>
        <span className="kpi-value num">
          {formatMoney(a.exposure.gross)}
          {a.exposure.ofEquity !== null && (
            <span className="muted"> ({formatPct(String(a.exposure.ofEquity))} of equity)</span>
          )}
        </span>
      </div>
    </div>
  );
}

/**
 * Performance for a customer, like FreqUI's: PnL by day (calendar), week and month, per strategy
 * and per symbol, cumulative net PnL, best and worst trade, exposure. Every figure is the
 * backend's (GET /api/analytics); days are cut in the viewer's zone, which the page states.
 */
export function AnalyticsPage() {
  const analytics = useAnalytics();
  const zone = viewerZone();
  const [monthIndex, setMonthIndex] = useState<number | null>(null);
  return (
    <div className="page">
      <PageHeader
        title="Performance"
        subtitle={`Net of fees, from your books. Days in your time zone: ${zone.timeZone} (${zone.label}).`}
      />
      <DataState
        query={analytics}
        isEmpty={(d) => d.summary.trades === 0 && d.byDay.length === 0}
        empty="No closed trades yet: performance appears with the first realised PnL."
      >
        {(a) => {
          const months = a.byMonth.map((m) => m.period);
          const i = monthIndex ?? months.length - 1;
          const month = months[Math.max(0, Math.min(i, months.length - 1))] ?? '';
          return (
            <>
              <Summary a={a} />
              <div className="grid-2">
                <Panel
                  title="Profit calendar"
                  actions={
                    <span className="cal-nav">
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm"
                        disabled={i <= 0}
                        onClick={() => setMonthIndex(i - 1)}
                      >
                        ←
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm"
                        disabled={i >= months.length - 1}
                        onClick={() => setMonthIndex(i + 1)}
                      >
                        →
                      </button>
                    </span>
                  }
                >
                  {month ? (
                    <PnlCalendar month={month} days={a.byDay} />
                  ) : (
                    <p className="muted">Nothing booked yet.</p>
                  )}
                </Panel>
                <Panel title="Cumulative net PnL">
                  <CumulativeChart points={a.cumulative} />
                </Panel>
              </div>
              <div className="grid-2">
                <Panel title="By week">
                  <PeriodTable rows={a.byWeek} label="Week of" testId="by-week" />
                </Panel>
                <Panel title="By month">
                  <PeriodTable rows={a.byMonth} label="Month" testId="by-month" />
                </Panel>
              </div>
              <Panel title="Per strategy">
                <StatsTable
                  keyName="Strategy"
                  rows={a.byStrategy.map((r) => ({ ...r, key: r.strategy }))}
                />
              </Panel>
              <Panel title="Per symbol">
                <StatsTable
                  keyName="Symbol"
                  rows={a.bySymbol.map((r) => ({ ...r, key: r.symbol }))}
                />
              </Panel>
              <Panel title="Best and worst trade">
                <div className="table-wrap">
                  <table className="table" data-testid="extremes">
                    <tbody>
                      {(
                        [
                          ['Best', a.best],
                          ['Worst', a.worst],
                        ] as const
                      ).map(([label, t]) => (
                        <tr key={label}>
                          <td className="strong">{label}</td>
                          <td>{t ? `${t.symbol} ${t.side}` : '—'}</td>
                          <td className="muted" title={utcTitle(t?.closedAt)}>
                            {t ? formatTime(t.closedAt) : ''}
                          </td>
                          <td className="r">{t && <Pnl value={t.netPnl} />}</td>
                          <td className="r muted">{t ? `fees ${formatMoney(t.fees)}` : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Panel>
            </>
          );
        }}
      </DataState>
    </div>
  );
}

function PeriodTable(props: { rows: Analytics['byWeek']; label: string; testId: string }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={props.testId}>
        <thead>
          <tr>
            <th>{props.label}</th>
            <th className="r">Realised</th>
            <th className="r">Fees</th>
            <th className="r">Net</th>
          </tr>
        </thead>
        <tbody>
          {[...props.rows].reverse().map((r) => (
            <tr key={r.period}>
              <td>{r.period}</td>
              <td className="r">
                <Pnl value={r.realizedPnl} />
              </td>
              <td className="r num">{formatMoney(r.fees)}</td>
              <td className="r">
                <Pnl value={r.netPnl} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
