import type { BacktestJob } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { usePrices } from '../../../api/prices';
import { useStrategies } from '../../../api/strategies';
import { DataState } from '../../../components/data-state';
import { PageHeader, Panel } from '../../../components/panel';
import { href, navigate, useRoute } from '../../../lib/router';
import { useBacktests } from '../api/list-backtests';
import '../backtest.css';
import { BacktestForm } from './backtest-form';
import { BacktestJobView } from './backtest-job';
import { ComparePage } from './compare-page';
import { RecentBacktests } from './recent-backtests';
import { SearchPage } from './search-page';

/** Runs, parameter search and comparison share the Backtest tab (no new top-level tab). */
function ResearchTabs({ at }: { at: 'runs' | 'search' | 'compare' }) {
  const tabs = [
    ['runs', 'Runs', '/backtest'],
    ['search', 'Parameter search', '/backtest/search'],
    ['compare', 'Compare runs', '/backtest/compare'],
  ] as const;
  return (
    <nav className="sr-tabs" aria-label="Backtest views">
      {tabs.map(([id, label, to]) => (
        <a key={id} href={href(to)} aria-current={at === id ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

export function BacktestPage() {
  const route = useRoute();
  const view = route.segments[1];
  if (view === 'search' || view === 'compare')
    return (
      <div className="page">
        <PageHeader
          title={view === 'search' ? 'Parameter search' : 'Compare runs'}
          subtitle={
            view === 'search'
              ? 'Grid or random search over a strategy’s parameters, optionally walk-forward; every trial is a backtest on the shared job queue.'
              : 'Settings side by side, equity curves overlaid, statistics in one table.'
          }
        />
        <ResearchTabs at={view} />
        {view === 'search' ? (
          <SearchPage selectedId={route.segments[2] ?? null} />
        ) : (
          <ComparePage ids={(route.query.get('ids') ?? '').split(',').filter(Boolean)} />
        )}
      </div>
    );
  return <RunsPage selectedId={route.segments[1] ?? null} />;
}

function RunsPage({ selectedId }: { selectedId: string | null }) {
  const strategies = useStrategies();
  const prices = usePrices();
  const jobs = useBacktests();
  // Bumped on "run again" so the form remounts with that run's settings.
  const [template, setTemplate] = useState<{ n: number; request?: BacktestJob['request'] }>({
    n: 0,
  });
  const rerun = (job: BacktestJob) => {
    setTemplate((t) => ({ n: t.n + 1, request: job.request }));
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };
  const formInputs = {
    data:
      strategies.data && prices.data
        ? { strategies: strategies.data.items, instruments: prices.data.instruments }
        : undefined,
    error: strategies.error ?? prices.error,
    isPending: strategies.isPending || prices.isPending,
  };

  return (
    <div className="page">
      <PageHeader
        title="Backtest"
        subtitle="Replay a strategy over seeded simulated history or a stored series through the live pipeline: same risk checks, paper fills and fees."
      />
      <ResearchTabs at="runs" />
      <div className="bt-layout">
        <div className="bt-side">
          <Panel title="New backtest">
            <DataState
              query={formInputs}
              isEmpty={(d) => d.strategies.length === 0 || d.instruments.length === 0}
              empty="No strategies or instruments are available to backtest."
            >
              {(d) => (
                <BacktestForm
                  key={template.n}
                  strategies={d.strategies}
                  instruments={d.instruments}
                  initial={template.request}
                  onStarted={(id) => navigate(`/backtest/${id}`)}
                />
              )}
            </DataState>
          </Panel>
          <Panel title="Your recent backtests">
            <DataState
              query={jobs}
              isEmpty={(d) => d.items.length === 0}
              empty="No backtests yet. Your runs appear here to reopen."
            >
              {(d) => <RecentBacktests jobs={d.items} selectedId={selectedId} />}
            </DataState>
          </Panel>
        </div>
        <div className="bt-main">
          {selectedId ? (
            <BacktestJobView key={selectedId} id={selectedId} onRerun={rerun} />
          ) : (
            <div className="state state-empty bt-placeholder" data-testid="backtest-placeholder">
              Choose a strategy and run a backtest, or open one of your recent runs. Results show
              the return, drawdown, equity curve, and every entry and exit on the price chart.
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
