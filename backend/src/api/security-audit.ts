import { SecurityEventWindows, type Actor, type AppError } from '@bytelyst/trading-contracts';
import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../services/audit-service.js';
import type { Principal } from './auth/principal.js';

/** How long repeats of one anonymous failure from one source are summed into one row. */
export const ANONYMOUS_WINDOW_MS = 60_000;

const routeOf = (r: FastifyRequest) =>
  `${r.method} ${r.routeOptions.url ?? r.url.split('?')[0] ?? ''}`.slice(0, 200);

/** The real person behind a request: a previewing admin, not the customer they look at. */
export const realActor = (p: Principal): Actor =>
  p.kind === 'service'
    ? { type: 'service', id: p.userId, tenantId: null }
    : {
        type: p.previewBy !== null ? (p.previewRole ?? 'tenant_admin') : p.role,
        id: p.previewBy ?? p.userId,
        tenantId: p.tenantId,
      };

/**
 * Audit rows for refusals. A signed-in caller's 403 is one row (it names a person, and a
 * previewing admin is named with the previewed user beside); anonymous 401s are one row per
 * source and window, the repeats summed into an `auth.failure_aggregate` row when it closes, so
 * a flood of bad tokens cannot grow the table.
 */
export class SecurityAudit {
  private readonly windows = new SecurityEventWindows(ANONYMOUS_WINDOW_MS);
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditService,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.flush(false), 10_000);
    this.timer.unref();
  }

  /** Called by the error handler for every refusal that leaves the API. */
  refused(request: FastifyRequest, error: AppError): Promise<void> {
    if (error.status === 403 && request.principal)
      return this.denied(request, request.principal, error);
    if (error.status === 401) return this.anonymous(request, error);
    return Promise.resolve();
  }

  private denied(request: FastifyRequest, p: Principal, error: AppError): Promise<void> {
    return this.write({
      actor: realActor(p),
      tenantId: p.kind === 'service' ? null : p.tenantId,
      action: 'auth.denied',
      target: routeOf(request),
      reason: error.code,
      after: p.previewBy !== null ? { previewAs: p.userId } : null,
      requestId: request.id,
    });
  }

  private anonymous(request: FastifyRequest, error: AppError): Promise<void> {
    const target = routeOf(request);
    const writes = [this.flush(false)];
    if (this.windows.hit(`${error.code}|${target}|${request.ip}`, this.now()) === 'first') {
      writes.push(
        this.write({
          actor: { type: 'user', id: 'anonymous', tenantId: null },
          tenantId: null,
          action: 'auth.failure',
          target,
          reason: error.code,
          after: { source: request.ip },
          requestId: request.id,
        }),
      );
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** Summary rows of the windows that closed (all of them when `all`). */
  async flush(all: boolean): Promise<void> {
    for (const s of this.windows.due(this.now(), all)) {
      const [code, target, source] = s.key.split('|');
      await this.write({
        actor: { type: 'system', id: 'security-audit', tenantId: null },
        tenantId: null,
        action: 'auth.failure_aggregate',
        target: target ?? 'overflow',
        reason: `${s.repeats} more ${code ?? 'refusals'} from this source in the window`,
        after: {
          source: source ?? 'overflow',
          code: code ?? null,
          repeats: s.repeats,
          from: new Date(s.windowStart).toISOString(),
          to: new Date(s.windowEnd).toISOString(),
        },
        requestId: null,
      });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  private async write(e: Parameters<AuditService['record']>[0]): Promise<void> {
    // A refusal is answered whatever happens to its audit row; a failed write is not the
    // caller's problem (the store's own health shows in readiness).
    await this.audit.record(e).catch(() => undefined);
  }
}
