import { AppError, type ProductStatus } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import { applyStatusChange, type ProductStatusChange } from '../domain/product-status.js';
import { auditRepo, type AuditActor } from '../storage/audit-repo.js';
import { controlsRepo } from '../storage/controls-repo.js';
import type { SqlDb } from '../storage/db.js';

type Listener = (status: ProductStatus) => void;

/**
 * Product accessibility (kill switch and maintenance). Changes made here are pushed to listeners
 * at once; a periodic re-read picks up changes committed by other instances or the CLI.
 */
export class StatusService {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly lastVersion = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: { db: SqlDb; clock: Clock }) {}

  async get(productId: string): Promise<ProductStatus> {
    const status = await controlsRepo.getStatus(this.deps.db, { productId });
    if (!status) throw new AppError('NOT_FOUND', `Unknown product: ${productId}`);
    return status;
  }

  async update(input: {
    productId: string;
    change: ProductStatusChange;
    reason: string;
    actor: AuditActor;
    requestId: string;
  }): Promise<ProductStatus> {
    const now = this.deps.clock.now();
    const next = await this.deps.db.transaction(async (tx) => {
      const current = await controlsRepo.getStatus(tx, {
        productId: input.productId,
        forUpdate: true,
      });
      if (!current) throw new AppError('NOT_FOUND', `Unknown product: ${input.productId}`);
      const updated = applyStatusChange(current, input.change, now);
      await controlsRepo.putStatus(tx, updated);
      await auditRepo.append(tx, {
        actor: input.actor,
        tenantId: null,
        action: 'product.status_set',
        target: `product:${input.productId}`,
        before: current,
        after: updated,
        reason: input.reason,
        requestId: input.requestId,
        at: now,
      });
      return updated;
    });
    this.publish(next);
    return next;
  }

  subscribe(productId: string, listener: Listener): () => void {
    let set = this.listeners.get(productId);
    if (!set) {
      set = new Set();
      this.listeners.set(productId, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Only newer versions go out, so a poll racing a local update never sends an old status. */
  private publish(status: ProductStatus): void {
    const seen = this.lastVersion.get(status.productId) ?? -1;
    if (status.version <= seen) return;
    this.lastVersion.set(status.productId, status.version);
    for (const listener of this.listeners.get(status.productId) ?? []) listener(status);
  }

  startSync(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.syncOnce().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  async syncOnce(): Promise<void> {
    for (const status of await controlsRepo.listStatuses(this.deps.db)) this.publish(status);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}
