import type { ReconciliationReport } from '../engine/reconciliation.js';
import type { TradingEngine } from '../engine/trading-engine.js';
import type { EngineLogger } from '../engine/context.js';
import type { AuditService } from './audit-service.js';

export interface TenantSupervisorOptions {
  engine: Pick<TradingEngine, 'startTenant' | 'events'>;
  /** The fencing epoch this instance holds for a tenant, or null once the lease is gone. */
  epochOf: (tenantId: string) => number | null;
  audit: Pick<AuditService, 'record'>;
  logger: EngineLogger;
  instanceId: string;
  /** First retry delay; doubles per consecutive failure up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A tenant that ran this long since its last failure starts again from `baseDelayMs`. */
  healthyAfterMs?: number;
  now?: () => number;
}

interface Attempts {
  count: number;
  lastFailureAt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps each leased tenant's loop alive. A failed step (a commit that did not land, a venue
 * error the loop could not classify) stops the tenant on the spot, because trading on unknown
 * books is worse than not trading; this restarts it the way a process restart would: stop,
 * reconcile against the venue and the journal, resume. Retries back off exponentially, every
 * failure and restart is audited, and nothing restarts once the lease is gone.
 */
export class TenantSupervisor {
  private readonly attempts = new Map<string, Attempts>();
  private readonly off: () => void;
  private closed = false;
  private readonly base: number;
  private readonly max: number;
  private readonly healthyAfter: number;
  private readonly now: () => number;

  constructor(private readonly o: TenantSupervisorOptions) {
    this.base = o.baseDelayMs ?? 1_000;
    this.max = o.maxDelayMs ?? 60_000;
    this.healthyAfter = o.healthyAfterMs ?? 300_000;
    this.now = o.now ?? Date.now;
    this.off = o.engine.events.on('tenant_failed', ({ tenantId, reason }) =>
      this.failed(tenantId, reason, 'step'),
    );
  }

  /** Starts (or restarts) a tenant under supervision; a failed start is retried like a failed step. */
  async start(tenantId: string, epoch: number): Promise<ReconciliationReport | null> {
    try {
      const report = await this.o.engine.startTenant(tenantId, { epoch });
      this.o.logger.info({ tenantId, report }, 'tenant reconciled and trading');
      return report;
    } catch (err) {
      this.failed(tenantId, err instanceof Error ? err.message : String(err), 'start');
      return null;
    }
  }

  /** Whether a restart of the tenant is scheduled. */
  pendingRestart(tenantId: string): boolean {
    return this.attempts.get(tenantId)?.timer != null;
  }

  close(): void {
    this.closed = true;
    this.off();
    for (const a of this.attempts.values()) if (a.timer) clearTimeout(a.timer);
    this.attempts.clear();
  }

  private failed(tenantId: string, reason: string, phase: 'step' | 'start'): void {
    if (this.closed || this.o.epochOf(tenantId) === null) return;
    const now = this.now();
    const prev = this.attempts.get(tenantId);
    if (prev?.timer) return; // already scheduled
    const count = prev && now - prev.lastFailureAt < this.healthyAfter ? prev.count + 1 : 1;
    const delay = Math.min(this.max, this.base * 2 ** (count - 1));
    const a: Attempts = { count, lastFailureAt: now, timer: null };
    this.attempts.set(tenantId, a);
    this.o.logger.error(
      { tenantId, reason, phase, attempt: count, retryInMs: delay },
      'tenant loop stopped; restarting after reconciliation',
    );
    this.audit(tenantId, 'loop.tenant_failed', {
      phase,
      reason: reason.slice(0, 500),
      attempt: count,
      retryInMs: delay,
    });
    a.timer = setTimeout(() => {
      a.timer = null;
      const epoch = this.o.epochOf(tenantId);
      if (this.closed || epoch === null) return;
      this.audit(tenantId, 'loop.tenant_restarted', { attempt: count, epoch });
      void this.start(tenantId, epoch);
    }, delay);
    a.timer.unref();
  }

  private audit(
    tenantId: string,
    action: 'loop.tenant_failed' | 'loop.tenant_restarted',
    after: Record<string, string | number>,
  ): void {
    void this.o.audit
      .record({
        actor: { type: 'system', id: this.o.instanceId, tenantId: null },
        tenantId,
        action,
        target: `tenant:${tenantId}`,
        after: { ...after, instanceId: this.o.instanceId },
      })
      .catch(() => undefined);
  }
}
