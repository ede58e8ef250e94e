import type {
  AccountProbeResult,
  VenueAccountProbe,
  VenueCredentials,
} from '../src/ports/venue-accounts.js';
import { VenueProbeError } from '../src/ports/venue-accounts.js';

/**
 * A venue on the internet, replaced at its edge for API tests: answers a balance, or refuses the
 * way a venue does (Binance -2015, echoing the request). Records which keys each call carried.
 */
export class FakeAccountProbe implements VenueAccountProbe {
  readonly seen: VenueCredentials[] = [];
  next: 'ok' | 'withdraw' | 'refuse' | 'down' = 'ok';

  knows(venueId: string): boolean {
    return ['binance', 'kraken', 'okx', 'coinbase', 'bybit'].includes(venueId);
  }

  async probe(input: { credentials: VenueCredentials }): Promise<AccountProbeResult> {
    this.seen.push(input.credentials);
    const how = this.next;
    this.next = 'ok';
    switch (how) {
      case 'refuse':
        // Venues echo what they were sent; the service must cut the key out before anyone sees it.
        throw new VenueProbeError(
          '-2015',
          `binance {"code":-2015,"msg":"Invalid API-key ${input.credentials.apiKey}, IP, or permissions for action."}`,
          'rejected',
        );
      case 'down':
        throw new VenueProbeError(null, 'connect ETIMEDOUT', 'unavailable');
      case 'withdraw':
        return { balances: [], canWithdraw: true };
      case 'ok':
        return {
          balances: [{ asset: 'USDT', free: '1000', total: '1250.5' }],
          canWithdraw: false,
        };
    }
  }
}
