import {
  AppError,
  type VenueAccount,
  type VenueAccountError,
  type VenueBalance,
} from '@bytelyst/trading-contracts';
import type { TenantScope } from '../../ports/store.js';
import type {
  AccountPosition,
  NewVenueAccount,
  StoredSealedSecret,
  VenueAccountStore,
  VenueAccountSync,
} from '../../ports/venue-accounts.js';
import { createHash } from 'node:crypto';
import { type Row, type SqlExecutor, toAppError } from './driver.js';
import { dec, iso, isoOrNull, jsonParam, str, strOrNull } from './row.js';

// Every column but `sealed`: credentials are read by `sealedFor` alone.
const PUBLIC_COLUMNS = `tenant_id, id, owner_user_id, venue_id, label, mode, status, key_hint,
  can_withdraw, balances, last_sync_at, last_error, created_at`;

/** Venue accounts in SQL (migration 0013). */
export class SqlVenueAccountStore implements VenueAccountStore {
  constructor(private readonly db: SqlExecutor) {}

  async list(scope: TenantScope, filter: { ownerUserId?: string }): Promise<VenueAccount[]> {
    const own = filter.ownerUserId !== undefined;
    const { rows } = await this.run(
      `SELECT ${PUBLIC_COLUMNS} FROM venue_accounts
        WHERE tenant_id = $1 ${own ? 'AND (owner_user_id = $2 OR owner_user_id IS NULL)' : ''}
        ORDER BY (venue_id = 'paper') DESC, created_at, id`,
      own ? [scope.tenantId, filter.ownerUserId] : [scope.tenantId],
    );
    return rows.map(toAccount);
  }

  async get(scope: TenantScope, id: string): Promise<VenueAccount | null> {
    const { rows } = await this.run(
      `SELECT ${PUBLIC_COLUMNS} FROM venue_accounts WHERE tenant_id = $1 AND id = $2`,
      [scope.tenantId, id],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async ensurePaper(scope: TenantScope, input: { ownerUserId: string; now: string }) {
    await this.run(
      `INSERT INTO venue_accounts (tenant_id, id, owner_user_id, venue_id, label, mode, status,
                                   created_at)
       VALUES ($1, $2, $3, 'paper', 'Paper', 'paper', 'connected', $4::timestamptz)
       ON CONFLICT DO NOTHING`,
      [scope.tenantId, paperAccountId(input.ownerUserId), input.ownerUserId, input.now],
    );
  }

  async insert(scope: TenantScope, a: NewVenueAccount): Promise<VenueAccount> {
    await this.run(
      `INSERT INTO venue_accounts (tenant_id, id, owner_user_id, venue_id, label, mode, status,
          key_hint, kek_id, sealed, can_withdraw, balances, last_sync_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'connected', $7, $8, $9::jsonb, $10, $11::jsonb,
               $12::timestamptz, $13::timestamptz)`,
      [
        scope.tenantId,
        a.id,
        a.ownerUserId,
        a.venueId,
        a.label,
        a.mode,
        a.keyHint,
        a.sealed?.kekId ?? null,
        a.sealed ? jsonParam(a.sealed) : null,
        a.canWithdraw,
        jsonParam(a.balances),
        a.lastSyncAt,
        a.createdAt,
      ],
    );
    return this.must(scope, a.id);
  }

  async recordSync(scope: TenantScope, input: { id: string; sync: VenueAccountSync }) {
    const { sync } = input;
    await this.run(
      `UPDATE venue_accounts
          SET status = $3, last_error = $4::jsonb,
              balances = COALESCE($5::jsonb, balances),
              last_sync_at = COALESCE($6::timestamptz, last_sync_at)
        WHERE tenant_id = $1 AND id = $2 AND status <> 'disconnected'`,
      [
        scope.tenantId,
        input.id,
        sync.status,
        sync.lastError ? jsonParam(sync.lastError) : null,
        sync.balances ? jsonParam(sync.balances) : null,
        sync.lastSyncAt ?? null,
      ],
    );
  }

  /** Keeps the row (audit and old orders name it) but drops the sealed credentials for good. */
  async markDisconnected(scope: TenantScope, input: { id: string; now: string }) {
    await this.run(
      `UPDATE venue_accounts
          SET status = 'disconnected', disconnected_at = $3::timestamptz,
              sealed = NULL, kek_id = NULL
        WHERE tenant_id = $1 AND id = $2 AND venue_id <> 'paper'`,
      [scope.tenantId, input.id, input.now],
    );
    return this.must(scope, input.id);
  }

  async sealedFor(scope: TenantScope, id: string): Promise<StoredSealedSecret | null> {
    const { rows } = await this.run(
      'SELECT sealed FROM venue_accounts WHERE tenant_id = $1 AND id = $2',
      [scope.tenantId, id],
    );
    return (rows[0]?.sealed as StoredSealedSecret | null | undefined) ?? null;
  }

  async openPositions(scope: TenantScope, id: string): Promise<AccountPosition[]> {
    const { rows } = await this.run(
      `SELECT p.profile_id, p.symbol, p.quantity
         FROM positions p
         JOIN trading_profiles t ON t.tenant_id = p.tenant_id AND t.id = p.profile_id
        WHERE p.tenant_id = $1 AND p.quantity <> 0 AND t.deleted_at IS NULL
          AND t.venue_account_id = $2
        ORDER BY p.profile_id, p.symbol`,
      [scope.tenantId, id],
    );
    return rows.map((r) => ({
      profileId: str(r.profile_id),
      symbol: str(r.symbol),
      quantity: dec(r.quantity),
    }));
  }

  async profilesOn(scope: TenantScope, id: string) {
    const { rows } = await this.run(
      `SELECT id, name FROM trading_profiles
        WHERE tenant_id = $1 AND venue_account_id = $2 AND deleted_at IS NULL ORDER BY id`,
      [scope.tenantId, id],
    );
    return rows.map((r) => ({ id: str(r.id), name: str(r.name) }));
  }

  async sealedNotUnder(kekId: string, limit: number) {
    const { rows } = await this.run(
      `SELECT tenant_id, id, sealed FROM venue_accounts
        WHERE kek_id IS NOT NULL AND kek_id <> $1 ORDER BY tenant_id, id LIMIT $2`,
      [kekId, limit],
    );
    return rows.map((r) => ({
      tenantId: str(r.tenant_id),
      id: str(r.id),
      sealed: r.sealed as StoredSealedSecret,
    }));
  }

  async replaceSealed(
    scope: TenantScope,
    input: { id: string; from: string; sealed: StoredSealedSecret },
  ): Promise<boolean> {
    const r = await this.run(
      `UPDATE venue_accounts SET sealed = $4::jsonb, kek_id = $5
        WHERE tenant_id = $1 AND id = $2 AND kek_id = $3`,
      [scope.tenantId, input.id, input.from, jsonParam(input.sealed), input.sealed.kekId],
    );
    return r.rowCount === 1;
  }

  private async must(scope: TenantScope, id: string): Promise<VenueAccount> {
    const a = await this.get(scope, id);
    if (!a) throw new AppError('NOT_FOUND', 'No such venue account.');
    return a;
  }

  private async run(sql: string, params: readonly unknown[]) {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toAppError(error);
    }
  }
}

function toAccount(r: Row): VenueAccount {
  return {
    id: str(r.id),
    tenantId: str(r.tenant_id),
    ownerUserId: strOrNull(r.owner_user_id),
    venueId: str(r.venue_id),
    label: str(r.label),
    mode: str(r.mode) as VenueAccount['mode'],
    status: str(r.status) as VenueAccount['status'],
    keyHint: strOrNull(r.key_hint),
    canWithdraw: r.can_withdraw === null ? null : r.can_withdraw === true,
    balances: (r.balances ?? []) as VenueBalance[],
    lastSyncAt: isoOrNull(r.last_sync_at),
    lastError: (r.last_error ?? null) as VenueAccountError | null,
    createdAt: iso(r.created_at),
  };
}

/** Stable per user, and within Id's 64 characters whatever the user id's length. */
export const paperAccountId = (userId: string): string =>
  `paper-${createHash('sha256').update(userId).digest('hex').slice(0, 24)}`;
