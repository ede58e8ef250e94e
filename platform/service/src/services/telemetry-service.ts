import type { TelemetryEvent, TelemetryQuery, TelemetryRecord } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import type { SqlDb } from '../storage/db.js';
import { telemetryRepo } from '../storage/telemetry-repo.js';

export class TelemetryService {
  constructor(private readonly deps: { db: SqlDb; clock: Clock }) {}

  /** Identity comes from the verified token, never from the event body. */
  async ingest(b: {
    events: TelemetryEvent[];
    tenantId: string | null;
    userId: string | null;
  }): Promise<number> {
    await telemetryRepo.insertBatch(this.deps.db, { ...b, receivedAt: this.deps.clock.now() });
    return b.events.length;
  }

  async query(q: TelemetryQuery): Promise<{ items: TelemetryRecord[]; nextCursor: string | null }> {
    return telemetryRepo.query(this.deps.db, q);
  }
}
