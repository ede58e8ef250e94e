import ccxt, { type Exchange } from 'ccxt';
import { DecimalString, type VenueBalance } from '@bytelyst/trading-contracts';
import {
  type AccountProbeResult,
  type VenueAccountProbe,
  type VenueCredentials,
  VenueProbeError,
} from '../../../ports/venue-accounts.js';
import { createCcxtExchange } from './create-ccxt-exchange.js';

/**
 * Venues that tell whether a key may withdraw, and how. Binance answers on
 * GET /sapi/v1/account/apiRestrictions (`enableWithdrawals`); venues not listed do not expose key
 * permissions through ccxt, so the answer there is "unknown" (null), never "no".
 */
const WITHDRAW_PERMISSION: Readonly<Record<string, (ex: Exchange) => Promise<boolean | null>>> = {
  binance: async (ex) => {
    const r = (await (
      ex as unknown as Record<string, () => Promise<unknown>>
    ).sapiGetAccountApiRestrictions?.()) as { enableWithdrawals?: unknown } | undefined;
    return typeof r?.enableWithdrawals === 'boolean' ? r.enableWithdrawals : null;
  },
};

export interface CcxtAccountProbeOptions {
  /**
   * Per venue id, a base URL that replaces the venue's REST endpoints (the local exchange that
   * speaks Binance's protocol in tests and the demo).
   */
  readonly urlOverrides?: Readonly<Record<string, string>>;
  /** ccxt request timeout, ms. */
  readonly timeoutMs?: number;
}

/** Checks keys by reading the balance through ccxt, then the key's withdraw permission. */
export class CcxtAccountProbe implements VenueAccountProbe {
  constructor(private readonly o: CcxtAccountProbeOptions = {}) {}

  knows(venueId: string): boolean {
    return ccxt.exchanges.includes(venueId) || this.o.urlOverrides?.[venueId] !== undefined;
  }

  async probe(input: {
    venueId: string;
    mode: 'sandbox' | 'live';
    credentials: VenueCredentials;
  }): Promise<AccountProbeResult> {
    const ex = this.exchangeFor(input);
    try {
      const balance = await ex.fetchBalance();
      const permission = WITHDRAW_PERMISSION[ex.id];
      let canWithdraw: boolean | null = null;
      if (permission) {
        // A venue that cannot answer (sandboxes often lack the endpoint) leaves it unknown.
        canWithdraw = await permission(ex).catch((e: unknown) => {
          if (e instanceof ccxt.AuthenticationError) throw e;
          return null;
        });
      }
      return { balances: balancesOf(balance), canWithdraw };
    } catch (error) {
      throw probeError(ex, error);
    } finally {
      await ex.close?.().catch(() => undefined);
    }
  }

  private exchangeFor(input: {
    venueId: string;
    mode: 'sandbox' | 'live';
    credentials: VenueCredentials;
  }): Exchange {
    const url = this.o.urlOverrides?.[input.venueId];
    const ex = createCcxtExchange({
      exchangeId: url ? 'binance' : input.venueId,
      apiKey: input.credentials.apiKey,
      secret: input.credentials.secret,
      password: input.credentials.passphrase,
      // An overridden venue is the local exchange: its one set of URLs serves both modes.
      sandbox: url ? false : input.mode === 'sandbox',
      urlOverride: url,
    });
    if (this.o.timeoutMs) ex.timeout = this.o.timeoutMs;
    // Keeps the parsed body of the last answer, errors included: the venue's own code is there.
    ex.enableLastJsonResponse = true;
    return ex;
  }
}

function balancesOf(balance: Record<string, unknown>): VenueBalance[] {
  const free = (balance.free ?? {}) as Record<string, unknown>;
  const total = (balance.total ?? {}) as Record<string, unknown>;
  const out: VenueBalance[] = [];
  for (const asset of Object.keys(total).sort()) {
    const t = decimalOf(total[asset]);
    if (t === '0') continue;
    out.push({ asset: asset.slice(0, 20), free: decimalOf(free[asset]), total: t });
  }
  return out.slice(0, 100);
}

function decimalOf(v: unknown): string {
  const s =
    typeof v === 'number'
      ? ccxt.decimalToPrecision(v, ccxt.ROUND, 12, ccxt.DECIMAL_PLACES)
      : typeof v === 'string'
        ? v
        : '0';
  const trimmed = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return DecimalString.safeParse(trimmed).success ? trimmed : '0';
}

/**
 * The venue's own code comes from its parsed response body (ccxt keeps the last one), not from
 * the message text; network failures are "unavailable", every other refusal "rejected".
 */
function probeError(ex: Exchange, error: unknown): VenueProbeError {
  const body = (ex as unknown as { last_json_response?: unknown }).last_json_response;
  const code =
    typeof body === 'object' && body !== null && 'code' in body
      ? String(body.code).slice(0, 40)
      : null;
  const message = error instanceof Error ? error.message : String(error);
  const unavailable = error instanceof ccxt.NetworkError;
  return new VenueProbeError(
    code ?? (error instanceof Error ? error.constructor.name : null),
    message,
    unavailable ? 'unavailable' : 'rejected',
  );
}
