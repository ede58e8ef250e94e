import type { VenueCredentials } from '../../ports/venue-accounts.js';

/**
 * A venue's error text with the caller's own credentials cut out. Venues and ccxt echo request
 * details into messages (some venues send the key in the query string), and that text is shown
 * to users and stored; a secret must never ride along.
 */
export function scrubSecrets(text: string, credentials: VenueCredentials): string {
  let out = text;
  for (const s of [credentials.apiKey, credentials.secret, credentials.passphrase]) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out.slice(0, 300);
}
