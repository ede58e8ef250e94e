import { SecurityEventWindows, type PlatformAuditAction } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import { auditRepo, type AuditActor } from '../storage/audit-repo.js';
import type { SqlDb } from '../storage/db.js';

/** How long repeats of one anonymous failure from one source are summed into one row. */
export const ANONYMOUS_WINDOW_MS = 60_000;

export interface SecurityEvent {
  action: PlatformAuditAction;
  target: string;
  reason: string;
  requestId: string | null;
}

/**
 * Audit rows for refused and failed security events. A known caller's refusal is one row each
 * (it names a person); anonymous failures are rows per source and window, the repeats summed into
 * an `auth.failure_aggregate` row when the window closes, so a flood cannot grow the table.
 */
export class SecurityAudit {
  private readonly windows = new SecurityEventWindows(ANONYMOUS_WINDOW_MS);
  private readonly timer: NodeJS.Timeout;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { db: SqlDb; clock: Clock }) {
    this.timer = setInterval(() => void this.flush(false), 10_000);
    this.timer.unref();
  }

  /** A refusal of a known caller (403, a failed sign-in of an existing account). */
  known(actor: AuditActor, e: SecurityEvent & { tenantId: string | null }): Promise<void> {
    return this.write({
      actor,
      tenantId: e.tenantId,
      action: e.action,
      target: e.target,
      reason: e.reason,
      requestId: e.requestId,
    });
  }

  /** A failure with no known caller, from `source` (the client address). */
  anonymous(source: string, e: SecurityEvent): Promise<void> {
    const now = this.deps.clock.now();
    const key = `${e.action}|${e.target}|${source}`;
    const writes: Promise<void>[] = [this.flush(false)];
    if (this.windows.hit(key, now.getTime()) === 'first') {
      writes.push(
        this.write({
          actor: { type: 'user', id: 'anonymous', tenantId: null },
          tenantId: null,
          action: e.action,
          target: e.target,
          reason: e.reason,
          requestId: e.requestId,
          after: { source },
        }),
      );
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** Writes the summaries of closed windows (all of them when `all`). */
  async flush(all: boolean): Promise<void> {
    const due = this.windows.due(this.deps.clock.now().getTime(), all);
    for (const s of due) {
      const [action, target, source] = s.key.split('|');
      await this.write({
        actor: { type: 'system', id: 'security-audit', tenantId: null },
        tenantId: null,
        action: 'auth.failure_aggregate',
        target: (target ?? 'unknown').slice(0, 200),
        reason: `${s.repeats} more ${action ?? 'events'} from this source in the window`,
        requestId: null,
        after: {
          source: source ?? 'overflow',
          action: action ?? null,
          repeats: s.repeats,
          from: new Date(s.windowStart).toISOString(),
          to: new Date(s.windowEnd).toISOString(),
        },
      });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
    await this.pending;
  }

  private write(e: Omit<Parameters<typeof auditRepo.append>[1], 'at'>): Promise<void> {
    // Chained so rows land in the order the events happened; a failed write never fails the
    // request that was being refused anyway.
    const next = this.pending.then(() =>
      this.deps.db.transaction((tx) => auditRepo.append(tx, { ...e, at: this.deps.clock.now() })),
    );
    this.pending = next.catch(() => undefined);
    return next.then(
      () => undefined,
      () => undefined,
    );
  }
}
