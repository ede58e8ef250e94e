import type { AuditEvent } from '@bytelyst/trading-contracts';
import type { NewAuditEvent, Store } from '../ports/store.js';
import type { Publisher } from './publisher.js';

/** Appends to the hash-chained audit log and streams the row to admins. */
export class AuditService {
  constructor(private readonly deps: { store: Store; publisher: Publisher }) {}

  /** Outside a transaction: append and stream now. */
  async record(event: NewAuditEvent): Promise<AuditEvent> {
    const row = await this.deps.store.appendAudit(event);
    this.publish(row);
    return row;
  }

  /** Inside a transaction: append only; call `publish` after the commit so admins never see a rolled-back row. */
  async recordIn(tx: Store, event: NewAuditEvent): Promise<AuditEvent> {
    return tx.appendAudit(event);
  }

  publish(row: AuditEvent): void {
    this.deps.publisher.toAdmins('audit', row);
  }
}
