import pg from 'pg';
import type { Row, SqlExecutor } from './driver.js';
import { int } from './row.js';
import { pgClientConfig } from './postgres-driver.js';

export interface HeldLease {
  tenantId: string;
  /** Fencing token: grows on every acquisition; journal commits carry it. */
  epoch: number;
}

export type LeaseLostReason = 'connection_lost' | 'taken_over' | 'released';

export interface LeaseManagerOptions {
  instanceId: string;
  /**
   * PostgreSQL: the lease lives on a DEDICATED connection (not the pool), because a session-level
   * advisory lock belongs to the connection that took it; when that connection (or the process)
   * dies, PostgreSQL drops the lock and a survivor can take the tenant over.
   */
  postgres?: { connectionString: string; schema?: string | undefined } | undefined;
  /** PGlite: the store's own executor (one process, so the lease is trivially held). */
  embedded?: SqlExecutor | undefined;
  /** How often `tick` runs when started (heartbeat, loss check, takeover attempts). */
  intervalMs?: number | undefined;
  /** Tenants this instance would like to run; polled every tick so dead owners get replaced. */
  candidates?: (() => Promise<readonly string[]>) | undefined;
  onAcquired?: ((lease: HeldLease) => void) | undefined;
  /**
   * PostgreSQL: a holder whose heartbeat is older than this is presumed frozen (SIGSTOP, a long
   * GC pause, a half-open connection) and its session is terminated so the tenant can be taken
   * over. Its late writes are refused by the epoch fence. Default: 10 s.
   */
  staleAfterMs?: number | undefined;
}

/**
 * The advisory-lock key of a tenant's loop. Advisory locks are per DATABASE, not per schema, so
 * the key includes current_schema(): two deployments (or two test suites) sharing a database in
 * different schemas must never fight over, or evict, each other's loops. With one schema this is
 * hashtext('<schema>:loop:' || tenant), a constant prefix on the documented key.
 */
const LOCK_KEY = `hashtext(current_schema() || ':loop:' || $1)`;

/** The session holding a tenant's advisory lock, when its lease row has not beaten recently. */
const STALE_HOLDER_SQL = `
SELECT l.pid FROM pg_locks l, loop_leases r
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.objid = ((${LOCK_KEY}::bigint) & 4294967295)::oid
  AND r.tenant_id = $1 AND r.heartbeat_at < now() - ($2::int * interval '1 millisecond')`;

const ACQUIRE_ROW_SQL = `
INSERT INTO loop_leases (tenant_id, owner, epoch, acquired_at, heartbeat_at)
VALUES ($1, $2, 1, now(), now())
ON CONFLICT (tenant_id) DO UPDATE SET
  owner = EXCLUDED.owner, epoch = loop_leases.epoch + 1,
  acquired_at = EXCLUDED.acquired_at, heartbeat_at = EXCLUDED.heartbeat_at
RETURNING epoch`;

const HEARTBEAT_SQL = `
UPDATE loop_leases SET heartbeat_at = now()
WHERE owner = $1 AND tenant_id = ANY($2::text[]) AND epoch = ANY($3::bigint[])
RETURNING tenant_id, epoch`;

/**
 * Which instance runs each tenant's trading loop. On PostgreSQL a tenant is held by
 * `pg_try_advisory_lock(hashtext(schema || ':loop:' || tenant))` on a dedicated client plus a `loop_leases`
 * row whose epoch is bumped on every acquisition; the engine passes { instanceId, epoch } as the
 * fence of every journal commit, so a writer that lost the lease can never commit again.
 */
export class LeaseManager {
  private readonly opts: LeaseManagerOptions;
  private readonly leases = new Map<string, number>();
  private readonly lostListeners = new Set<(tenantId: string, reason: LeaseLostReason) => void>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private closed = false;

  constructor(options: LeaseManagerOptions) {
    if (!options.postgres === !options.embedded) {
      throw new Error('LeaseManager needs exactly one of `postgres` or `embedded`');
    }
    this.opts = options;
  }

  get instanceId(): string {
    return this.opts.instanceId;
  }

  held(): HeldLease[] {
    return [...this.leases].map(([tenantId, epoch]) => ({ tenantId, epoch }));
  }

  epochOf(tenantId: string): number | null {
    return this.leases.get(tenantId) ?? null;
  }

  onLost(listener: (tenantId: string, reason: LeaseLostReason) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Takes the tenant if nobody else holds it. Returns the (new) epoch, or null if taken. */
  async tryAcquire(tenantId: string): Promise<{ epoch: number } | null> {
    if (this.closed) return null;
    const current = this.leases.get(tenantId);
    if (current !== undefined) return { epoch: current };
    const db = await this.executor();
    if (this.opts.postgres) {
      const { rows } = await db.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`,
        [tenantId],
      );
      if (!rows[0]?.ok && !(await this.evictStaleHolder(db, tenantId))) return null;
    }
    try {
      const { rows } = await db.query(ACQUIRE_ROW_SQL, [tenantId, this.opts.instanceId]);
      const epoch = int((rows[0] as Row).epoch);
      this.leases.set(tenantId, epoch);
      return { epoch };
    } catch (error) {
      await this.unlock(tenantId);
      throw error;
    }
  }

  /** Terminates a frozen holder's session and takes the lock; false when the holder is alive. */
  private async evictStaleHolder(db: SqlExecutor, tenantId: string): Promise<boolean> {
    const stale = await db.query<{ pid: number }>(STALE_HOLDER_SQL, [
      tenantId,
      this.opts.staleAfterMs ?? 10_000,
    ]);
    if (stale.rows.length === 0) return false;
    for (const { pid } of stale.rows) await db.query('SELECT pg_terminate_backend($1)', [pid]);
    // The lock is released when the terminated backend exits, which takes a moment.
    for (let i = 0; i < 20; i++) {
      const { rows } = await db.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`,
        [tenantId],
      );
      if (rows[0]?.ok) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  async release(tenantId: string): Promise<void> {
    if (!this.leases.delete(tenantId)) return;
    await this.unlock(tenantId);
    this.emitLost(tenantId, 'released');
  }

  /**
   * Heartbeat and loss check: a dead dedicated connection loses every lease; a row whose epoch or
   * owner moved on (taken over after our connection blipped) loses that tenant. Then tries to
   * take any candidate tenant nobody holds.
   */
  async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    try {
      await this.heartbeat();
      await this.acquireCandidates();
    } finally {
      this.ticking = false;
    }
  }

  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(
      () => void this.tick().catch(() => undefined),
      this.opts.intervalMs ?? 2000,
    );
    this.timer.unref();
  }

  /** Releases everything and closes the dedicated connection. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const tenants = [...this.leases.keys()];
    this.leases.clear();
    const client = this.client;
    this.client = null;
    // Ending the session drops its advisory locks; the rows stay for the next owner to bump.
    if (client) await client.end().catch(() => undefined);
    for (const t of tenants) this.emitLost(t, 'released');
  }

  private async heartbeat(): Promise<void> {
    if (this.leases.size === 0) return;
    const tenants = [...this.leases.keys()];
    const epochs = tenants.map((t) => this.leases.get(t) ?? 0);
    let rows: Row[];
    try {
      const db = await this.executor();
      rows = (await db.query(HEARTBEAT_SQL, [this.opts.instanceId, tenants, epochs])).rows;
    } catch {
      this.dropConnection();
      for (const t of tenants) this.lose(t, 'connection_lost');
      return;
    }
    const alive = new Set(
      rows
        .filter((r) => this.leases.get(String(r.tenant_id)) === int(r.epoch))
        .map((r) => String(r.tenant_id)),
    );
    for (const t of tenants) {
      if (!alive.has(t)) {
        await this.unlock(t);
        this.lose(t, 'taken_over');
      }
    }
  }

  private async acquireCandidates(): Promise<void> {
    if (!this.opts.candidates) return;
    for (const tenantId of await this.opts.candidates()) {
      if (this.leases.has(tenantId)) continue;
      const got = await this.tryAcquire(tenantId);
      if (got) this.opts.onAcquired?.({ tenantId, epoch: got.epoch });
    }
  }

  private lose(tenantId: string, reason: LeaseLostReason): void {
    if (this.leases.delete(tenantId)) this.emitLost(tenantId, reason);
  }

  private emitLost(tenantId: string, reason: LeaseLostReason): void {
    for (const listener of this.lostListeners) listener(tenantId, reason);
  }

  private async unlock(tenantId: string): Promise<void> {
    if (!this.opts.postgres || !this.client) return;
    await this.client
      .query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [tenantId])
      .catch(() => undefined);
  }

  private dropConnection(): void {
    const client = this.client;
    this.client = null;
    if (client) void client.end().catch(() => undefined);
  }

  private async executor(): Promise<SqlExecutor> {
    if (this.opts.embedded) return this.opts.embedded;
    const client = this.client ?? (await this.connect());
    return {
      query: async <R = Row>(sql: string, params?: readonly unknown[]) => {
        const res = await client.query(sql, params ? [...params] : undefined);
        return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
      },
      exec: async (sql: string) => {
        await client.query(sql);
      },
    };
  }

  private connect(): Promise<pg.Client> {
    const postgres = this.opts.postgres;
    if (!postgres) return Promise.reject(new Error('no postgres configured'));
    this.connecting ??= (async () => {
      const client = new pg.Client({
        ...pgClientConfig(postgres),
        application_name: `loop-lease:${this.opts.instanceId}`,
      });
      // The server dropped our session, and with it every advisory lock we held: the leases are
      // gone NOW, before any heartbeat on a fresh connection could pretend otherwise.
      const onDropped = () => {
        if (this.client !== client) return;
        this.client = null;
        for (const t of [...this.leases.keys()]) this.lose(t, 'connection_lost');
      };
      client.on('error', onDropped);
      client.on('end', onDropped);
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}
