import { usePrices } from '../../../api/prices';
import { useStrategies } from '../../../api/strategies';
import { DataState } from '../../../components/data-state';
import { Panel } from '../../../components/panel';
import { href, navigate } from '../../../lib/router';
import { useSearches } from '../api/searches';
import { SearchForm } from './search-form';
import { SearchView } from './search-view';

/** Parameter search: the form and recent searches beside the selected search's results. */
export function SearchPage({ selectedId }: { selectedId: string | null }) {
  const strategies = useStrategies();
  const prices = usePrices();
  const searches = useSearches();
  const inputs = {
    data:
      strategies.data && prices.data
        ? { strategies: strategies.data.items, instruments: prices.data.instruments }
        : undefined,
    error: strategies.error ?? prices.error,
    isPending: strategies.isPending || prices.isPending,
  };
  return (
    <div className="bt-layout">
      <div className="bt-side">
        <Panel title="New parameter search">
          <DataState query={inputs}>
            {(d) => (
              <SearchForm
                strategies={d.strategies}
                instruments={d.instruments}
                onStarted={(id) => navigate(`/backtest/search/${id}`)}
              />
            )}
          </DataState>
        </Panel>
        <Panel title="Your recent searches">
          <DataState
            query={searches}
            isEmpty={(d) => d.items.length === 0}
            empty="No searches yet."
          >
            {(d) => (
              <ul className="sr-recent" data-testid="sr-recent">
                {d.items.map((s) => (
                  <li key={s.id} className={s.id === selectedId ? 'bt-selected' : ''}>
                    <a href={href(`/backtest/search/${s.id}`)}>
                      {s.request.base.strategy.strategy} ·{' '}
                      {Object.keys(s.request.space).join(' × ')}
                      {s.request.walkForward ? ' · walk-forward' : ''}
                    </a>
                    <span className="muted">
                      {' '}
                      {s.status} {s.finishedTrials}/{s.totalTrials}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </DataState>
        </Panel>
      </div>
      <div className="bt-main">
        {selectedId ? (
          <SearchView key={selectedId} id={selectedId} />
        ) : (
          <div className="state state-empty bt-placeholder">
            Vary a strategy&apos;s parameters over a grid or random points; each trial is a full
            backtest run on the worker threads of every server. Walk-forward optimises on each
            in-sample window and tests the winner on the next window only.
          </div>
        )}
      </div>
    </div>
  );
}
