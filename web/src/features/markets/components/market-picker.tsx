import type { VenueAccount } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { useVenueAccounts } from '../../venue-accounts/api/venue-accounts';
import { venueName } from '../../venue-accounts/venue-name';

export interface VenueMarkets {
  /** Connected venue accounts: each has its venue's market. */
  readonly venues: readonly VenueAccount[];
  /** True for a profile's account that trades on the simulated market (paper, or none). */
  isPaper(venueAccountId: string | null | undefined): boolean;
}

/** The markets a user can look at: the simulated one and each connected venue account's. */
export function useVenueMarkets(): VenueMarkets {
  const accounts = useVenueAccounts();
  return useMemo(() => {
    const items = accounts.data?.items ?? [];
    const paper = new Set(items.filter((a) => a.venueId === 'paper').map((a) => a.id));
    return {
      venues: items.filter((a) => a.venueId !== 'paper' && a.status !== 'disconnected'),
      isPaper: (id) => id === null || id === undefined || paper.has(id),
    };
  }, [accounts.data]);
}

export const marketLabel = (a: VenueAccount) =>
  `${venueName(a)} · ${a.label || a.id}${a.mode === 'live' ? '' : ` (${a.mode})`}`;

/**
 * Which market the page shows. Hidden until the user has a venue account: then the simulated
 * market is one choice among the venues their profiles trade on.
 */
export function MarketPicker(props: {
  markets: VenueMarkets;
  value: string | null;
  onChange(id: string | null): void;
}) {
  if (props.markets.venues.length === 0) return null;
  return (
    <label className="field inline">
      <span className="muted small">Market</span>
      <select
        aria-label="Market"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">Simulated market (paper)</option>
        {props.markets.venues.map((a) => (
          <option key={a.id} value={a.id}>
            {marketLabel(a)}
          </option>
        ))}
      </select>
    </label>
  );
}
