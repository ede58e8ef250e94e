import type { BacktestJob, BacktestSummary } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { Panel } from '../../../components/panel';
import { formatMoney, formatTime } from '@bytelyst/trading-client';
import { formatPercent, formatRate, linePoints, tradeMarkers } from '../utils/backtest-view';
import { BacktestStatisticsTable } from './backtest-statistics';
import { BacktestTradesTable } from './backtest-trades-table';
import { LineChart } from './line-chart';

function Kpi(props: { label: string; value: string; sub?: string; tone?: string; testId: string }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{props.label}</span>
      <span className={`kpi-value num ${props.tone ?? ''}`} data-testid={props.testId}>
        {props.value}
      </span>
      {props.sub && <span className="muted small">{props.sub}</span>}
    </div>
  );
}

/** Why trading stopped part-way: the same halt a live profile would wait on an operator for. */
function HaltNotice({ halt }: { halt: NonNullable<BacktestSummary['halt']> }) {
  return (
    <div className="notice notice-warn" role="status" data-testid="bt-halt">
      <strong>Halted {formatTime(halt.at)}</strong>
      <span>
        {halt.message}. From then on the profile placed no order, exits included, as a halted live
        profile waits for an operator; the results after this point are an open position riding the
        market. Raise the max drawdown in the risk limits to see the strategy trade on.
      </span>
      <span className="notice-meta">{halt.code}</span>
    </div>
  );
}

export function SummaryCards({ summary }: { summary: BacktestSummary }) {
  const ret = summary.returnPct;
  return (
    <>
      {summary.halt && <HaltNotice halt={summary.halt} />}
      <SummaryKpis summary={summary} ret={ret} />
    </>
  );
}

function SummaryKpis({ summary, ret }: { summary: BacktestSummary; ret: number }) {
  return (
    <div className="kpis bt-kpis" data-testid="backtest-summary">
      <Kpi
        label="Return"
        value={formatPercent(ret, true)}
        tone={ret > 0 ? 'pos' : ret < 0 ? 'neg' : 'flat'}
        testId="bt-return"
      />
      <Kpi
        label="Max drawdown"
        value={formatPercent(summary.maxDrawdownPct)}
        tone={summary.maxDrawdownPct > 0 ? 'neg' : 'flat'}
        testId="bt-drawdown"
      />
      <Kpi label="Trades" value={summary.trades.toLocaleString('en-US')} testId="bt-trades" />
      <Kpi
        label="Win rate"
        value={summary.winRate === null ? '—' : formatPercent(summary.winRate * 100)}
        testId="bt-winrate"
      />
      <Kpi
        label="End equity"
        value={formatMoney(summary.endEquity)}
        sub={`from ${formatMoney(summary.startEquity)}`}
        tone={ret > 0 ? 'pos' : ret < 0 ? 'neg' : 'flat'}
        testId="bt-end-equity"
      />
      <Kpi
        label="Speed"
        value={formatRate(summary.candlesPerSecond).replace(' candles', '')}
        sub={`candles/s · ${(summary.elapsedMs / 1000).toFixed(1)} s`}
        testId="bt-speed"
      />
    </div>
  );
}

export function BacktestCharts({ job }: { job: BacktestJob }) {
  const equity = useMemo(() => linePoints(job.equityCurve, (p) => p.equity), [job.equityCurve]);
  const prices = useMemo(() => linePoints(job.prices, (p) => p.close), [job.prices]);
  const markers = useMemo(
    () => tradeMarkers({ points: prices, trades: job.trades }),
    [prices, job.trades],
  );
  return (
    <div className="bt-charts">
      <Panel title="Equity curve">
        {equity.length ? (
          <LineChart points={equity} kind="area" height={240} testId="bt-equity-chart" />
        ) : (
          <div className="state state-empty">No equity samples were recorded.</div>
        )}
      </Panel>
      <Panel
        title={`${job.request.symbol} price with entries and exits`}
        actions={
          <span className="muted small">
            <span className="pos">▲ entry</span> · <span className="neg">▼ exit</span>
            {job.summary && job.summary.trades > job.trades.length
              ? ` · last ${job.trades.length} trades`
              : ''}
          </span>
        }
      >
        {prices.length ? (
          <LineChart
            points={prices}
            kind="line"
            markers={markers}
            height={320}
            testId="bt-price-chart"
          />
        ) : (
          <div className="state state-empty">No prices were sampled.</div>
        )}
      </Panel>
    </div>
  );
}

export function BacktestResult({ job, summary }: { job: BacktestJob; summary: BacktestSummary }) {
  return (
    <div className="page" data-testid="backtest-result">
      <SummaryCards summary={summary} />
      {summary.statistics && (
        <Panel title="Statistics">
          <BacktestStatisticsTable s={summary.statistics} />
        </Panel>
      )}
      <BacktestCharts job={job} />
      <Panel title="Trades">
        <BacktestTradesTable jobId={job.id} />
      </Panel>
    </div>
  );
}
