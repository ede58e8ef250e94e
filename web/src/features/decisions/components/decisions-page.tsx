import { DecisionAction } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { usePrices } from '../../../api/prices';
import { useProfiles } from '../../../api/profiles';
import { PagedList } from '../../../components/paged-list';
import { PageHeader, Panel } from '../../../components/panel';
import { ExportButton } from '../../../components/export-button';
import { decisionsCsv } from '../../../api/exports';
import { navigate, useRoute } from '../../../lib/router';
import { useDecisionPages, type DecisionFilters } from '../api/get-decisions';
import { DecisionCard } from './decision-card';

/** Filters live in the URL so a "why" view can be shared with support as a link. */
export function DecisionsPage() {
  const route = useRoute();
  const action = DecisionAction.safeParse(route.query.get('action'));
  const profileId = route.query.get('profile');
  const symbol = route.query.get('symbol');
  const filters: DecisionFilters = {
    ...(profileId ? { profileId } : {}),
    ...(symbol ? { symbol } : {}),
    ...(action.success ? { action: action.data } : {}),
  };
  const pages = useDecisionPages(filters);
  const profiles = useProfiles();
  const prices = usePrices();
  const names = useMemo(
    () => new Map((profiles.data?.items ?? []).map((p) => [p.id, p.name])),
    [profiles.data],
  );
  const setFilter = (key: string, value: string) => {
    const q = new URLSearchParams(route.query);
    if (value) q.set(key, value);
    else q.delete(key);
    navigate(`/decisions?${q.toString()}`);
  };

  return (
    <div className="page">
      <PageHeader title="Decisions" subtitle="Why each trade fired, was blocked or was skipped" />
      <div className="filters">
        <select
          aria-label="Profile"
          value={filters.profileId ?? ''}
          onChange={(e) => setFilter('profile', e.target.value)}
        >
          <option value="">All profiles</option>
          {profiles.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Symbol"
          value={filters.symbol ?? ''}
          onChange={(e) => setFilter('symbol', e.target.value)}
        >
          <option value="">All symbols</option>
          {prices.data?.instruments.map((i) => (
            <option key={i.symbol}>{i.symbol}</option>
          ))}
        </select>
        <div className="seg" role="group" aria-label="Action">
          <button
            type="button"
            className={`seg-btn ${!filters.action ? 'active' : ''}`}
            onClick={() => setFilter('action', '')}
          >
            All
          </button>
          {DecisionAction.options.map((a) => (
            <button
              key={a}
              type="button"
              className={`seg-btn ${filters.action === a ? 'active' : ''}`}
              onClick={() => setFilter('action', a)}
            >
              {a}
            </button>
          ))}
        </div>
      </div>
      <Panel
        title="Feed"
        actions={<ExportButton name="decisions" build={decisionsCsv} testId="export-decisions" />}
      >
        <PagedList
          pages={pages}
          empty="No decisions match. Decisions appear as enabled profiles evaluate new candles."
        >
          {(items) => (
            <div className="decision-list">
              {items.map((d) => (
                <DecisionCard
                  key={d.id}
                  d={d}
                  profileName={names.get(d.profileId) ?? d.profileId}
                />
              ))}
            </div>
          )}
        </PagedList>
      </Panel>
    </div>
  );
}
