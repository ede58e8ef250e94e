import type { VenueAccount } from '@bytelyst/trading-contracts';

/** Venues named in the product; any other ccxt id shows as itself. */
export const VENUE_LABELS: Record<string, string> = {
  binance: 'Binance',
  coinbase: 'Coinbase',
  kraken: 'Kraken',
  bybit: 'Bybit',
  okx: 'OKX',
  localbinance: 'Local exchange (Binance protocol)',
};

/** How a venue account's venue reads on screen. */
export const venueName = (a: Pick<VenueAccount, 'venueId'>): string =>
  a.venueId === 'paper' ? 'Paper (simulated)' : (VENUE_LABELS[a.venueId] ?? a.venueId);
