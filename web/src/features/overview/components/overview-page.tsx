import type { EquitySnapshot, Position } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { EquityChart } from '../../../components/charts/equity-chart';
import { DataState } from '../../../components/data-state';
import { Pnl } from '../../../components/numbers';
import { PageHeader, Panel } from '../../../components/panel';
import { usePositions } from '../../../api/positions';
import { useProfiles } from '../../../api/profiles';
import { useTradePages } from '../../../api/history';
import { sumDecimals } from '@bytelyst/trading-client';
import { formatMoney, formatPct } from '@bytelyst/trading-client';
import { href } from '../../../lib/router';
import { useEquity } from '../api/get-equity';
import { PositionsTable } from './positions-table';
import { RecentTrades } from './trades-table';

function latestEquity(snapshots: EquitySnapshot[]) {
  const latest = new Map<string, EquitySnapshot>();
  for (const s of snapshots) latest.set(s.profileId, s);
  const list = [...latest.values()];
  return {
    equity: sumDecimals(list.map((s) => s.equity)),
    drawdown: list.reduce((m, s) => Math.max(m, Number(s.drawdownPct)), 0).toString(),
  };
}

export function OverviewPage() {
  const equity = useEquity();
  const positions = usePositions();
  const trades = useTradePages({ limit: 10 });
  const profiles = useProfiles();
  const names = useMemo(
    () => new Map((profiles.data?.items ?? []).map((p) => [p.id, p.name])),
    [profiles.data],
  );
  const open: Position[] = positions.data?.items ?? [];
  const unrealized = sumDecimals(open.map((p) => p.unrealizedPnl));
  const realized = sumDecimals(open.map((p) => p.realizedPnl));
  const eq = equity.data ? latestEquity(equity.data.items) : null;

  return (
    <div className="page">
      <PageHeader title="Overview" subtitle="Your account across all trading profiles" />
      <div className="kpis">
        <div className="kpi">
          <span className="kpi-label">Equity</span>
          <span className="kpi-value num" data-testid="kpi-equity">
            {eq ? formatMoney(eq.equity) : '—'}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Unrealised PnL</span>
          <span className="kpi-value">{positions.data ? <Pnl value={unrealized} /> : '—'}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Realised PnL (open positions)</span>
          <span className="kpi-value">{positions.data ? <Pnl value={realized} /> : '—'}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Max drawdown</span>
          <span className="kpi-value num">{eq ? formatPct(eq.drawdown) : '—'}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Open positions</span>
          <span className="kpi-value num">{positions.data ? open.length : '—'}</span>
        </div>
      </div>

      <Panel title="Equity curve">
        <DataState
          query={equity}
          isEmpty={(d) => d.items.length === 0}
          empty="No equity history yet. It starts with the first snapshot of an enabled profile."
        >
          {(d) => <EquityChart snapshots={d.items} />}
        </DataState>
      </Panel>

      <Panel title="Open positions">
        <DataState
          query={positions}
          isEmpty={(d) => d.items.length === 0}
          empty={
            <>
              No open positions. Enable a profile in <a href={href('/profiles')}>Profiles</a> or
              place a manual order in <a href={href('/markets')}>Markets</a>.
            </>
          }
        >
          {(d) => <PositionsTable positions={d.items} profileNames={names} />}
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
