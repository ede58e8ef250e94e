import { z } from 'zod';
import { DecimalString, Id, Timestamp, lineText } from '../primitives.js';

/**
 * A venue account: where a tenant's orders go. `paper` is the built-in simulated venue (each
 * user has one by default); any other venue id is a ccxt exchange id (binance, coinbase, kraken,
 * bybit, okx, ...), checked against ccxt's list by the backend. Credentials go in once, on
 * connect, and never come back out: responses carry a masked hint of the API key only.
 */
export const VenueId = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,31}$/, 'expected a ccxt exchange id such as binance');
export type VenueId = z.infer<typeof VenueId>;

/** The venues the UI names first; any other ccxt id is accepted too. */
export const NAMED_VENUES = ['binance', 'coinbase', 'kraken', 'bybit', 'okx'] as const;

export const VenueAccountMode = z.enum(['paper', 'sandbox', 'live']);
export type VenueAccountMode = z.infer<typeof VenueAccountMode>;

export const VenueAccountStatus = z.enum(['connected', 'error', 'disconnected']);
export type VenueAccountStatus = z.infer<typeof VenueAccountStatus>;

/** Key material: printable, no whitespace; venues' keys and secrets fit well within 512. */
const KeyText = z
  .string()
  .min(8, 'too short for an API credential')
  .max(512)
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');

export const ConnectVenueAccountBody = z.strictObject({
  venueId: VenueId,
  label: lineText().trim().min(1).max(64),
  apiKey: KeyText,
  secret: KeyText,
  /** Some venues (Coinbase, OKX, KuCoin) need a third credential. */
  passphrase: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[\x20-\x7e]+$/)
    .optional(),
  mode: z.enum(['sandbox', 'live']),
  /** A tenant admin connects the tenant's shared account; everyone else connects their own. */
  shared: z.boolean().default(false),
});
export type ConnectVenueAccountBody = z.infer<typeof ConnectVenueAccountBody>;

export const VenueBalance = z.strictObject({
  asset: z.string().min(1).max(20),
  free: DecimalString,
  total: DecimalString,
});
export type VenueBalance = z.infer<typeof VenueBalance>;

/** The last venue error, with the venue's own code where it gave one (e.g. Binance -2015). */
export const VenueAccountError = z.strictObject({
  venueCode: z.string().max(40).nullable(),
  message: z.string().max(300),
  at: Timestamp,
});
export type VenueAccountError = z.infer<typeof VenueAccountError>;

export const VenueAccount = z.strictObject({
  id: Id,
  tenantId: Id,
  /** null: the tenant's shared account (admins manage it). */
  ownerUserId: Id.nullable(),
  venueId: z.union([z.literal('paper'), VenueId]),
  label: z.string().max(64),
  mode: VenueAccountMode,
  status: VenueAccountStatus,
  /** Last four characters of the API key behind a mask; null for paper. */
  keyHint: z
    .string()
    .regex(/^\u2022{4}[\x21-\x7e]{1,4}$/)
    .nullable(),
  /** What the venue said about withdrawals when the keys were checked; null: it does not tell. */
  canWithdraw: z.boolean().nullable(),
  balances: z.array(VenueBalance),
  lastSyncAt: Timestamp.nullable(),
  lastError: VenueAccountError.nullable(),
  createdAt: Timestamp,
});
export type VenueAccount = z.infer<typeof VenueAccount>;

/** Masks an API key to its last four characters (never more than a third of a short key). */
export function maskKey(apiKey: string): string {
  const shown = Math.min(4, Math.floor(apiKey.length / 3));
  return '\u2022\u2022\u2022\u2022' + apiKey.slice(apiKey.length - Math.max(1, shown));
}
