import type { VenueAccount } from '@bytelyst/trading-contracts';

/**
 * True when orders on the account move real money: a venue account in live mode. Paper (the
 * built-in book) and sandbox accounts (a venue's test environment) are not. Every rule that
 * guards the step to real money (the promotion, the ramp-up cap, approved model versions) asks
 * this one function.
 */
export function isLiveVenueAccount(account: Pick<VenueAccount, 'venueId' | 'mode'>): boolean {
  return account.venueId !== 'paper' && account.mode === 'live';
}

/** The market a venue account trades on: its venue in its mode (null: paper, or disconnected). */
export function marketVenueOf(
  account: Pick<VenueAccount, 'venueId' | 'status' | 'mode'>,
): { venueId: string; sandbox: boolean } | null {
  if (account.venueId === 'paper' || account.status === 'disconnected') return null;
  return { venueId: account.venueId, sandbox: account.mode !== 'live' };
}
