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
