import {
  AppError,
  type AuditEvent,
  type Fill,
  type LedgerEntry,
  type Order,
} from '@bytelyst/trading-contracts';
import type {
  JournalBatch,
  JournalSnapshot,
  LoadOptions,
  TradingJournal,
} from '../../ports/journal.js';
import { sqlstateOf, type SqlDriver, type SqlExecutor } from './driver.js';
import { ORDERS_WITH_VENUE, POSITIONS_WITH_VENUE } from './venue-joins.js';
import { mapEquity, mapFill, mapOrder, mapPosition, mapProfile, mapTrade } from './mappers.js';
import { appendAudit } from './repo-audit.js';
import { batchPayload } from './journal-rows.js';
import { dec, decOrNull, str } from './row.js';

const OPEN_ORDER = `(status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED') OR outcome_unknown)`;

const assertTenant = (batch: JournalBatch): void => {
  const groups: readonly (readonly { tenantId: string | null }[])[] = [
    batch.orders,
    batch.fills,
    batch.ledgerEntries,
    batch.decisions,
    batch.positions,
    batch.trades,
    batch.equitySnapshots,
  ];
  for (const group of groups) {
    for (const row of group) {
      if (row.tenantId !== batch.tenantId) {
        throw new AppError('VALIDATION_FAILED', 'journal batch mixes tenants');
      }
    }
  }
  for (const alert of batch.alerts) {
    if (alert.tenantId !== null && alert.tenantId !== batch.tenantId) {
      throw new AppError('VALIDATION_FAILED', 'journal batch mixes tenants');
    }
  }
};

const FENCED_SQLSTATE = 'BLF01';

/**
 * One statement: `journal_commit` checks the fence and writes every table (see migration 0002).
 * Audit rows need the chain head lock and a hash computed here, so a batch carrying them (or a
 * profile block) runs the function and the other writes in one explicit transaction instead.
 */
const writeBatch = async (
  db: SqlExecutor,
  input: { batch: JournalBatch; now: string },
): Promise<void> => {
  const { batch } = input;
  await db.query('SELECT journal_commit($1, $2, $3::bigint, $4::jsonb)', [
    batch.tenantId,
    batch.fence?.instanceId ?? null,
    batch.fence?.epoch ?? null,
    JSON.stringify(batchPayload(batch)),
  ]);
  for (const b of batch.profileBlocks ?? []) {
    // No version bump: a block is the loop's state, not an edit (an edit's expected version holds).
    await db.query(
      'UPDATE trading_profiles SET blocked_reason = $3 WHERE tenant_id = $1 AND id = $2',
      [batch.tenantId, b.profileId, b.blockedReason],
    );
  }
  for (const draft of batch.auditEvents ?? []) {
    await appendAudit(db, {
      ...draft,
      before: toJsonValue(draft.before),
      after: toJsonValue(draft.after),
      now: input.now,
    });
  }
};

/** Audit drafts carry `unknown`; the chain stores what survives a JSON round trip. */
const toJsonValue = (v: unknown): AuditEvent['before'] =>
  v === undefined ? null : (JSON.parse(JSON.stringify(v) ?? 'null') as AuditEvent['before']);

const loadSnapshot = async (
  tx: SqlExecutor,
  input: { tenantId: string; options: LoadOptions },
): Promise<JournalSnapshot> => {
  const t = [input.tenantId];
  // One snapshot for every read below, so recovery never sees half of a concurrent commit.
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  const profiles = (
    await tx.query(
      'SELECT * FROM trading_profiles WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY id',
      t,
    )
  ).rows.map(mapProfile);
  const openOrders = (
    await tx.query(
      `SELECT * FROM ${ORDERS_WITH_VENUE} WHERE tenant_id = $1 AND ${OPEN_ORDER} ORDER BY created_at, id`,
      t,
    )
  ).rows.map(mapOrder);
  const fillsOfOpenOrders = (
    await tx.query(
      `SELECT f.* FROM fills f JOIN orders o ON o.tenant_id = f.tenant_id AND o.id = f.order_id
       WHERE f.tenant_id = $1 AND ${OPEN_ORDER.replace(/status|outcome_unknown/g, (m) => `o.${m}`)}
       ORDER BY f.filled_at, f.id`,
      t,
    )
  ).rows.map(mapFill);
  const positions = (
    await tx.query(
      `SELECT * FROM ${POSITIONS_WITH_VENUE} WHERE tenant_id = $1 ORDER BY profile_id, symbol`,
      t,
    )
  ).rows.map(mapPosition);
  const ledgerBalances = (
    await tx.query(
      `SELECT profile_id, account, currency, trim_scale(sum(amount)) AS balance
       FROM ledger_entries WHERE tenant_id = $1
       GROUP BY profile_id, account, currency ORDER BY profile_id, account, currency`,
      t,
    )
  ).rows.map((r) => ({
    profileId: str(r.profile_id),
    account: str(r.account) as LedgerEntry['account'],
    currency: str(r.currency),
    balance: dec(r.balance),
  }));
  const equity = (
    await tx.query(
      `SELECT p.id AS p_id, last.*, peak.peak AS p_peak FROM trading_profiles p
       LEFT JOIN LATERAL (SELECT * FROM equity_snapshots s
         WHERE s.tenant_id = p.tenant_id AND s.profile_id = p.id ORDER BY s.at DESC LIMIT 1) last ON true
       LEFT JOIN LATERAL (SELECT max(equity) AS peak FROM equity_snapshots s
         WHERE s.tenant_id = p.tenant_id AND s.profile_id = p.id) peak ON true
       WHERE p.tenant_id = $1 AND p.deleted_at IS NULL ORDER BY p.id`,
      t,
    )
  ).rows.map((r) => ({
    profileId: str(r.p_id),
    last: r.at === null ? null : mapEquity(r),
    peakEquity: decOrNull(r.p_peak),
  }));
  const recentTrades = (
    await tx.query(
      `SELECT * FROM trades WHERE tenant_id = $1 AND closed_at >= $2::timestamptz
       ORDER BY closed_at, id`,
      [input.tenantId, new Date(input.options.tradesSince).toISOString()],
    )
  ).rows.map(mapTrade);
  const modelDriftAlerts = (
    await tx.query(
      `SELECT id, message FROM alerts
        WHERE tenant_id = $1 AND code = 'MODEL_DRIFT' AND resolved_at IS NULL`,
      t,
    )
  ).rows.map((r) => ({ id: str(r.id), message: str(r.message) }));
  return {
    profiles,
    openOrders,
    fillsOfOpenOrders,
    positions,
    ledgerBalances,
    equity,
    recentTrades,
    modelDriftAlerts,
  };
};

/** The engine's persistence port over the same SQL driver as the Store. */
export class SqlTradingJournal implements TradingJournal {
  constructor(
    private readonly driver: SqlDriver,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async commit(batch: JournalBatch): Promise<void> {
    assertTenant(batch);
    const input = { batch, now: this.now().toISOString() };
    try {
      if (batch.auditEvents?.length || batch.profileBlocks?.length) {
        await this.driver.transaction((tx) => writeBatch(tx, input));
      } else {
        await writeBatch(this.driver, input);
      }
    } catch (error) {
      if (sqlstateOf(error) === FENCED_SQLSTATE) {
        throw new AppError('CONFLICT', 'fenced', { cause: error });
      }
      throw error;
    }
  }

  load(tenantId: string, options: LoadOptions): Promise<JournalSnapshot> {
    return this.driver.transaction((tx) => loadSnapshot(tx, { tenantId, options }));
  }

  async findOrder(
    tenantId: string,
    clientOrderId: string,
  ): Promise<{ order: Order; fills: readonly Fill[] } | null> {
    const { rows } = await this.driver.query(
      `SELECT * FROM ${ORDERS_WITH_VENUE} WHERE tenant_id = $1 AND client_order_id = $2`,
      [tenantId, clientOrderId],
    );
    const row = rows[0];
    if (!row) return null;
    const order = mapOrder(row);
    const fills = await this.driver.query(
      'SELECT * FROM fills WHERE tenant_id = $1 AND order_id = $2 ORDER BY filled_at, id',
      [tenantId, order.id],
    );
    return { order, fills: fills.rows.map(mapFill) };
  }

  async pruneHoldDecisions(before: number): Promise<number> {
    const { rowCount } = await this.driver.query(
      `DELETE FROM decisions WHERE action = 'HOLD' AND created_at < $1::timestamptz`,
      [new Date(before).toISOString()],
    );
    return rowCount;
  }
}
