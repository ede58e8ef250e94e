import { describe, expect, it } from 'vitest';
import { isLiveVenueAccount, marketVenueOf } from './venue-account.js';

describe('the market a venue account trades on', () => {
  it('is the venue in its mode for a connected account, none for paper or disconnected', () => {
    const a = { venueId: 'binance', mode: 'sandbox', status: 'connected' } as const;
    expect(marketVenueOf(a)).toEqual({ venueId: 'binance', sandbox: true });
    expect(marketVenueOf({ ...a, mode: 'live' })).toEqual({ venueId: 'binance', sandbox: false });
    expect(marketVenueOf({ ...a, status: 'error' })).toEqual({ venueId: 'binance', sandbox: true });
    expect(marketVenueOf({ ...a, status: 'disconnected' })).toBeNull();
    expect(marketVenueOf({ venueId: 'paper', mode: 'paper', status: 'connected' })).toBeNull();
    expect(isLiveVenueAccount({ venueId: 'binance', mode: 'live' })).toBe(true);
  });
});
