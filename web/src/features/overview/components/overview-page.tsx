import { useMemo } from 'react';
import { formatMoney, formatPct, formatTime, utcTitle } from '@bytelyst/trading-client';
import { EquityChart } from '../../../components/charts/equity-chart';
import { DataState } from '../../../components/data-state';
import { Pnl } from '../../../components/numbers';
import { PageHeader, Panel } from '../../../components/panel';
import { useProfiles } from '../../../api/profiles';
import { useTradePages } from '../../../api/history';
import { useEquitySeries, usePortfolio } from '../../../api/portfolio';
import { href } from '../../../lib/router';
import { PositionsTable } from './positions-table';
import { RecentTrades } from './trades-table';

/**
 * The account at a glance. Every figure is the backend's valuation (GET /api/portfolio, kept
 * live by the socket's `portfolio` events) or its equity series; the page formats, never sums.
 */
export function OverviewPage() {
  const portfolio = usePortfolio();
  const series = useEquitySeries();
  const trades = useTradePages({ limit: 10 });
  const profiles = useProfiles();
  const names = useMemo(
    () => new Map((profiles.data?.items ?? []).map((p) => [p.id, p.name])),
    [profiles.data],
  );
  const account = portfolio.data?.account;
  const live = portfolio.data
    ? { at: portfolio.data.at, equity: portfolio.data.account.equity }
    : undefined;
  const dd = series.data?.maxDrawdown;

  return (
    <div className="page">
      <PageHeader title="Overview" subtitle="Your account across all trading profiles" />
      <div className="kpis">
        <div className="kpi">
          <span className="kpi-label">Equity</span>
          <span
            className="kpi-value num"
            data-testid="kpi-equity"
            title={utcTitle(portfolio.data?.at)}
          >
            {account ? formatMoney(account.equity) : '—'}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Unrealised PnL</span>
          <span className="kpi-value" data-testid="kpi-unrealized">
            {account ? <Pnl value={account.unrealizedPnl} /> : '—'}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Realised PnL, net of fees</span>
          <span className="kpi-value" data-testid="kpi-realized">
            {account ? <Pnl value={account.netRealizedPnl} /> : '—'}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Fees paid</span>
          <span className="kpi-value num" data-testid="kpi-fees">
            {account ? formatMoney(account.fees) : '—'}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Max drawdown</span>
          <span
            className="kpi-value num"
            data-testid="kpi-drawdown"
            title={
              dd?.peakAt
                ? `peak ${formatTime(dd.peakAt)}, trough ${formatTime(dd.troughAt)}, ${dd.recoveredAt ? `recovered ${formatTime(dd.recoveredAt)}` : 'not recovered'}`
                : undefined
            }
          >
            {dd ? formatPct(dd.pct) : '—'}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Open positions</span>
          <span className="kpi-value num">{account ? account.openPositions : '—'}</span>
        </div>
      </div>

      <Panel title="Equity curve">
        <DataState
          query={series}
          isEmpty={(d) => d.points.length === 0}
          empty="No equity history yet. It starts with the first snapshot of an enabled profile."
        >
          {(d) => <EquityChart points={d.points} live={live} />}
        </DataState>
      </Panel>

      <Panel
        title="Open positions"
        actions={
          portfolio.data ? (
            <span className="muted">
              Marks: last trade; stale after {Math.round(portfolio.data.staleAfterMs / 1000)} s
            </span>
          ) : undefined
        }
      >
        <DataState
          query={{ data: portfolio.data, error: portfolio.error, isPending: portfolio.isPending }}
          isEmpty={(d) => d.positions.length === 0}
          empty={
            <>
              No open positions. Enable a profile in <a href={href('/profiles')}>Profiles</a> or
              place a manual order in <a href={href('/markets')}>Markets</a>.
            </>
          }
        >
          {(d) => (
            <PositionsTable
              positions={d.positions}
              profileNames={names}
              at={d.at}
              staleAfterMs={d.staleAfterMs}
            />
          )}
        </DataState>
      </Panel>

      <Panel title="Recent trades" actions={<a href={href('/history')}>All orders & trades →</a>}>
        <DataState
          query={{ data: trades.data?.pages[0], error: trades.error, isPending: trades.isPending }}
          isEmpty={(d) => d.items.length === 0}
          empty="No closed trades yet."
        >
          {(d) => <RecentTrades trades={d.items} />}
        </DataState>
      </Panel>
    </div>
  );
}
