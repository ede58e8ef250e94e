import type { OrderStatus } from '@bytelyst/trading-contracts';
import type {
  PaperAccountRecord,
  PaperVenueChange,
  PaperVenueStore,
} from '../exchange/paper/paper-persistence.js';
import type { SubmitOrderRequest, VenueFill } from '../../ports/execution-client.js';
import { type SqlDriver, toAppError } from './driver.js';

interface OrderRow {
  client_order_id: string;
  exchange_order_id: string;
  request: SubmitOrderRequest;
  status: OrderStatus;
  filled: string;
  filled_value: string;
  reject_reason: string | null;
  updated_at: string | number;
  fill_seq: number;
}

/**
 * The embedded paper venue's books in the backend's database (migration 0009). Each save is one
 * transaction, so the venue never holds a fill without its order and balance change.
 */
export class SqlPaperVenueStore implements PaperVenueStore {
  constructor(private readonly db: SqlDriver) {}

  async loadAccount(accountId: string): Promise<PaperAccountRecord | null> {
    const acc = await this.db.query<{ cash: string; positions: Record<string, string> }>(
      'SELECT cash, positions FROM paper_venue_accounts WHERE tenant_id = $1',
      [accountId],
    );
    const orders = await this.db.query<OrderRow>(
      `SELECT client_order_id, exchange_order_id, request, status, filled, filled_value,
              reject_reason, updated_at, fill_seq
         FROM paper_venue_orders WHERE tenant_id = $1`,
      [accountId],
    );
    const fills = await this.db.query<{ fill: VenueFill }>(
      'SELECT fill FROM paper_venue_fills WHERE tenant_id = $1 ORDER BY at, exchange_trade_id',
      [accountId],
    );
    const a = acc.rows[0];
    if (!a && orders.rows.length === 0) return null;
    return {
      account: a
        ? { accountId, cash: a.cash, positions: a.positions }
        : { accountId, cash: '0', positions: {} },
      orders: orders.rows.map((r) => ({
        accountId,
        clientOrderId: r.client_order_id,
        exchangeOrderId: r.exchange_order_id,
        request: r.request,
        status: r.status,
        filled: r.filled,
        filledValue: r.filled_value,
        rejectReason: r.reject_reason,
        updatedAt: Number(r.updated_at),
        fillSeq: r.fill_seq,
      })),
      fills: fills.rows.map((r) => r.fill),
    };
  }

  async save(change: PaperVenueChange): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        for (const o of change.orders) {
          await tx.query(
            `INSERT INTO paper_venue_orders (tenant_id, client_order_id, exchange_order_id,
               request, status, filled, filled_value, reject_reason, updated_at, fill_seq)
             VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (tenant_id, client_order_id) DO UPDATE SET
               status = EXCLUDED.status, filled = EXCLUDED.filled,
               filled_value = EXCLUDED.filled_value, reject_reason = EXCLUDED.reject_reason,
               updated_at = EXCLUDED.updated_at, fill_seq = EXCLUDED.fill_seq`,
            [
              o.accountId,
              o.clientOrderId,
              o.exchangeOrderId,
              JSON.stringify(o.request),
              o.status,
              o.filled,
              o.filledValue,
              o.rejectReason,
              o.updatedAt,
              o.fillSeq,
            ],
          );
        }
        for (const { accountId, fill } of change.fills) {
          await tx.query(
            `INSERT INTO paper_venue_fills (tenant_id, exchange_trade_id, at, fill)
             VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING`,
            [accountId, fill.exchangeTradeId, fill.at, JSON.stringify(fill)],
          );
        }
        for (const a of change.accounts) {
          await tx.query(
            `INSERT INTO paper_venue_accounts (tenant_id, cash, positions, updated_at)
             VALUES ($1, $2, $3::jsonb, now())
             ON CONFLICT (tenant_id) DO UPDATE SET
               cash = EXCLUDED.cash, positions = EXCLUDED.positions, updated_at = now()`,
            [a.accountId, a.cash, JSON.stringify(a.positions)],
          );
        }
      });
    } catch (e) {
      throw toAppError(e);
    }
  }
}
