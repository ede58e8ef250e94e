import type {
  VenueAccount,
  VenueAccountError,
  VenueAccountMode,
  VenueBalance,
} from '@bytelyst/trading-contracts';
import type { StoredSealedSecret } from './sealed-secret.js';
import type { TenantScope } from './store.js';

export type { StoredSealedSecret } from './sealed-secret.js';

export interface NewVenueAccount {
  id: string;
  ownerUserId: string | null;
  venueId: string;
  label: string;
  mode: VenueAccountMode;
  keyHint: string | null;
  sealed: StoredSealedSecret | null;
  canWithdraw: boolean | null;
  balances: readonly VenueBalance[];
  lastSyncAt: string | null;
  createdAt: string;
}

export interface VenueAccountSync {
  status: 'connected' | 'error';
  balances?: readonly VenueBalance[] | undefined;
  lastSyncAt?: string | undefined;
  lastError: VenueAccountError | null;
}

/** An open position held on an account, by the profile that holds it. */
export interface AccountPosition {
  profileId: string;
  symbol: string;
  quantity: string;
}

/**
 * Venue accounts of a tenant. Every method is tenant-scoped; `sealedFor` is the only way the
 * sealed credentials leave the store, and only the venue-account service calls it.
 */
export interface VenueAccountStore {
  list(scope: TenantScope, filter: { ownerUserId?: string }): Promise<VenueAccount[]>;
  get(scope: TenantScope, id: string): Promise<VenueAccount | null>;
  /** Creates the user's paper account if it does not exist yet; idempotent under races. */
  ensurePaper(scope: TenantScope, input: { ownerUserId: string; now: string }): Promise<void>;
  insert(scope: TenantScope, account: NewVenueAccount): Promise<VenueAccount>;
  recordSync(scope: TenantScope, input: { id: string; sync: VenueAccountSync }): Promise<void>;
  markDisconnected(scope: TenantScope, input: { id: string; now: string }): Promise<VenueAccount>;
  sealedFor(scope: TenantScope, id: string): Promise<StoredSealedSecret | null>;
  openPositions(scope: TenantScope, id: string): Promise<AccountPosition[]>;
  /** Profiles (not deleted) trading on the account: id and name. */
  profilesOn(scope: TenantScope, id: string): Promise<{ id: string; name: string }[]>;
  /** Accounts (any tenant) whose credentials are wrapped by a KEK other than `kekId`. */
  sealedNotUnder(
    kekId: string,
    limit: number,
  ): Promise<{ tenantId: string; id: string; sealed: StoredSealedSecret }[]>;
  /** Compare-and-swap on the old KEK id, so two instances rotating at once do not clash. */
  replaceSealed(
    scope: TenantScope,
    input: { id: string; from: string; sealed: StoredSealedSecret },
  ): Promise<boolean>;
}

/** Credentials in clear, held only for the length of one venue call. */
export interface VenueCredentials {
  apiKey: string;
  secret: string;
  passphrase?: string | undefined;
}

export interface AccountProbeResult {
  balances: VenueBalance[];
  /** true/false when the venue tells; null when it does not expose key permissions. */
  canWithdraw: boolean | null;
}

/** A venue's refusal or failure while checking keys, with the venue's own code if it gave one. */
export class VenueProbeError extends Error {
  constructor(
    readonly venueCode: string | null,
    message: string,
    readonly kind: 'rejected' | 'unavailable',
  ) {
    super(message);
    this.name = 'VenueProbeError';
  }
}

/** Reads an account's balance and key permissions at its venue (ccxt in production). */
export interface VenueAccountProbe {
  probe(input: {
    venueId: string;
    mode: 'sandbox' | 'live';
    credentials: VenueCredentials;
  }): Promise<AccountProbeResult>;
  /** Whether `venueId` names a venue this probe can talk to (ccxt's list). */
  knows(venueId: string): boolean;
}
