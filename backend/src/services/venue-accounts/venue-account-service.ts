import { randomUUID } from 'node:crypto';
import {
  type Actor,
  AppError,
  type ConnectVenueAccountBody,
  type VenueAccount,
  maskKey,
} from '@bytelyst/trading-contracts';
import type { Clock } from '../../ports/clock.js';
import type { TenantScope } from '../../ports/store.js';
import {
  type VenueAccountProbe,
  type VenueAccountStore,
  type VenueCredentials,
  VenueProbeError,
} from '../../ports/venue-accounts.js';
import type { AuditService } from '../audit-service.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import { rewrapAllSecrets } from './rewrap-secrets.js';
import { scrubSecrets } from './scrub.js';

/** Who asks: the user, whether they administer the tenant, and how audit rows name them. */
export interface AccountCaller {
  userId: string;
  admin: boolean;
  actor: Actor;
  requestId?: string | undefined;
}

const aadOf = (scope: TenantScope, id: string) => `venue-account:${scope.tenantId}/${id}`;

/**
 * Connecting, checking and disconnecting venue accounts. Credentials enter in `connect`, are
 * sealed at once, and are opened again only to call the venue; nothing this service returns,
 * logs, audits or throws contains them.
 */
export class VenueAccountService {
  constructor(
    private readonly deps: {
      store: VenueAccountStore;
      vault: SecretVault;
      probe: VenueAccountProbe;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** The caller's accounts and the tenant's shared ones (all of the tenant's for an admin). */
  async list(scope: TenantScope, caller: AccountCaller): Promise<VenueAccount[]> {
    await this.deps.store.ensurePaper(scope, { ownerUserId: caller.userId, now: this.now() });
    return this.deps.store.list(scope, caller.admin ? {} : { ownerUserId: caller.userId });
  }

  async connect(
    scope: TenantScope,
    input: { caller: AccountCaller; body: ConnectVenueAccountBody },
  ): Promise<VenueAccount> {
    const { caller, body } = input;
    if (!this.deps.probe.knows(body.venueId))
      throw new AppError('VALIDATION_FAILED', undefined, {
        details: { issues: [{ path: 'venueId', message: `unknown venue ${body.venueId}` }] },
      });
    if (body.shared && !caller.admin)
      throw new AppError('FORBIDDEN', "Only a tenant admin connects the tenant's shared account.");
    const credentials: VenueCredentials = {
      apiKey: body.apiKey,
      secret: body.secret,
      passphrase: body.passphrase,
    };
    const id = `va-${randomUUID()}`;
    const target = `venue_account:${id}`;
    const summary = {
      venueId: body.venueId,
      label: body.label,
      mode: body.mode,
      shared: body.shared,
      keyHint: maskKey(body.apiKey),
    };
    const checked = await this.check(body, credentials).catch(async (error: unknown) => {
      if (error instanceof AppError)
        await this.deps.audit.record({
          actor: caller.actor,
          tenantId: scope.tenantId,
          action: 'venue_account.connect_refused',
          target,
          after: { ...summary, error: error.message },
          requestId: caller.requestId ?? null,
        });
      throw error;
    });
    const now = this.now();
    const sealed = await this.deps.vault.seal(JSON.stringify(credentials), aadOf(scope, id));
    const account = await this.deps.store.insert(scope, {
      id,
      ownerUserId: body.shared ? null : caller.userId,
      venueId: body.venueId,
      label: body.label,
      mode: body.mode,
      keyHint: summary.keyHint,
      sealed,
      canWithdraw: checked.canWithdraw,
      balances: checked.balances,
      lastSyncAt: now,
      createdAt: now,
    });
    await this.deps.audit.record({
      actor: caller.actor,
      tenantId: scope.tenantId,
      action: 'venue_account.connect',
      target,
      after: { ...summary, canWithdraw: checked.canWithdraw },
      requestId: caller.requestId ?? null,
    });
    return account;
  }

  /** Reads the balance again with the stored keys; a venue error is recorded, not thrown. */
  /** One account the caller may see (own, or any of the tenant's for an admin), or NOT_FOUND. */
  visibleAccount(scope: TenantScope, input: { caller: AccountCaller; id: string }) {
    return this.visible(scope, input);
  }

  async refresh(scope: TenantScope, input: { caller: AccountCaller; id: string }) {
    const account = await this.visible(scope, input);
    if (account.venueId === 'paper' || account.status === 'disconnected') return account;
    const credentials = await this.credentials(scope, account.id);
    try {
      const result = await this.check(account, credentials);
      await this.deps.store.recordSync(scope, {
        id: account.id,
        sync: {
          status: 'connected',
          balances: result.balances,
          lastSyncAt: this.now(),
          lastError: null,
        },
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const venueCode = error.details?.reasons?.[0]?.replace(/^venue:/, '') ?? null;
      await this.deps.store.recordSync(scope, {
        id: account.id,
        sync: { status: 'error', lastError: { venueCode, message: error.message, at: this.now() } },
      });
    }
    return (await this.deps.store.get(scope, account.id)) ?? account;
  }

  /**
   * Refused while a profile on the account holds a position, or still trades on it; the refusal
   * lists them.
   */
  async disconnect(scope: TenantScope, input: { caller: AccountCaller; id: string }) {
    const account = await this.visible(scope, input);
    if (account.venueId === 'paper')
      throw new AppError('UNPROCESSABLE', 'The paper account is built in and stays connected.');
    if (account.status === 'disconnected') return account;
    const open = await this.deps.store.openPositions(scope, account.id);
    if (open.length > 0)
      throw new AppError(
        'CONFLICT',
        `Close the ${open.length} open position(s) on this account before disconnecting it.`,
        { details: { reasons: open.map((p) => `${p.profileId} ${p.symbol} ${p.quantity}`) } },
      );
    // A profile left on a disconnected account could place nothing and would stop its tenant's
    // reconciliation: it moves to another account (paper) first.
    const using = await this.deps.store.profilesOn(scope, account.id);
    if (using.length > 0)
      throw new AppError(
        'CONFLICT',
        `Move the ${using.length} profile(s) trading on this account to another account first.`,
        { details: { reasons: using.map((p) => `profile ${p.id} ${p.name}`.slice(0, 200)) } },
      );
    const after = await this.deps.store.markDisconnected(scope, {
      id: account.id,
      now: this.now(),
    });
    await this.deps.audit.record({
      actor: input.caller.actor,
      tenantId: scope.tenantId,
      action: 'venue_account.disconnect',
      target: `venue_account:${account.id}`,
      before: { venueId: account.venueId, label: account.label, keyHint: account.keyHint },
      requestId: input.caller.requestId ?? null,
    });
    return after;
  }

  /** One account as the store has it (no credentials), or NOT_FOUND; for the composition. */
  async account(scope: TenantScope, id: string): Promise<VenueAccount> {
    const a = await this.deps.store.get(scope, id);
    if (!a) throw new AppError('NOT_FOUND', 'No such venue account.');
    return a;
  }

  /** Opened credentials of one account, for the venue client of that account only. */
  async credentials(scope: TenantScope, id: string): Promise<VenueCredentials> {
    const sealed = await this.deps.store.sealedFor(scope, id);
    if (!sealed) throw new AppError('NOT_FOUND', 'The venue account has no credentials.');
    return JSON.parse(await this.deps.vault.open(sealed, aadOf(scope, id))) as VenueCredentials;
  }

  /** See rewrapAllSecrets: every account's data key under the current KEK. */
  rewrapAll(currentKekId: string): Promise<number> {
    return rewrapAllSecrets({ store: this.deps.store, vault: this.deps.vault }, currentKekId);
  }

  private async check(
    venue: { venueId: string; mode: 'sandbox' | 'live' | 'paper' },
    credentials: VenueCredentials,
  ) {
    try {
      const result = await this.deps.probe.probe({
        venueId: venue.venueId,
        mode: venue.mode === 'live' ? 'live' : 'sandbox',
        credentials,
      });
      if (result.canWithdraw === true)
        throw new AppError(
          'UNPROCESSABLE',
          'These keys can withdraw funds. Create keys with trading and reading only.',
          { details: { reasons: ['withdraw_permission'] } },
        );
      return result;
    } catch (error) {
      if (!(error instanceof VenueProbeError)) throw error;
      const message = scrubSecrets(error.message, credentials);
      const reasons = error.venueCode ? [`venue:${error.venueCode}`] : [];
      throw error.kind === 'rejected'
        ? new AppError('UNPROCESSABLE', `The venue refused the keys: ${message}`, {
            details: { reasons },
          })
        : new AppError('EXCHANGE_UNAVAILABLE', `The venue did not answer: ${message}`, {
            details: { reasons },
          });
    }
  }

  private async visible(scope: TenantScope, input: { caller: AccountCaller; id: string }) {
    const account = await this.deps.store.get(scope, input.id);
    const own = account?.ownerUserId === input.caller.userId;
    // Another user's account answers like a missing one, as another tenant's does.
    if (!account || (!own && !input.caller.admin))
      throw new AppError('NOT_FOUND', 'No such venue account.');
    return account;
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
