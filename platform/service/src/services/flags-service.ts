import {
  AppError,
  DEFAULT_FEATURE_FLAGS,
  FEATURE_FLAG_KEYS,
  type FlagRule,
  type PlatformFlagsResponse,
} from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import { evaluateFlags, type FlagSubject } from '../domain/flags.js';
import { auditRepo, type AuditActor } from '../storage/audit-repo.js';
import { controlsRepo } from '../storage/controls-repo.js';
import type { SqlDb, SqlExecutor } from '../storage/db.js';

export class FlagsService {
  constructor(private readonly deps: { db: SqlDb; clock: Clock }) {}

  private async assertProduct(db: SqlExecutor, productId: string): Promise<void> {
    if (!(await controlsRepo.getStatus(db, { productId })))
      throw new AppError('NOT_FOUND', `Unknown product: ${productId}`);
  }

  async evaluate(q: { productId: string; subject: FlagSubject }): Promise<PlatformFlagsResponse> {
    await this.assertProduct(this.deps.db, q.productId);
    const { rules, updatedAt } = await controlsRepo.listFlags(this.deps.db, q.productId);
    return {
      flags: evaluateFlags(rules, q.subject),
      updatedAt: updatedAt ?? new Date(0).toISOString(),
    };
  }

  async rules(productId: string): Promise<FlagRule[]> {
    await this.assertProduct(this.deps.db, productId);
    return (await controlsRepo.listFlags(this.deps.db, productId)).rules;
  }

  async put(input: {
    productId: string;
    rule: FlagRule;
    reason: string | null;
    actor: AuditActor;
    requestId: string;
  }): Promise<FlagRule> {
    const now = this.deps.clock.now();
    await this.deps.db.transaction(async (tx) => {
      await this.assertProduct(tx, input.productId);
      const before = await controlsRepo.getFlag(tx, {
        productId: input.productId,
        key: input.rule.key,
      });
      await controlsRepo.putFlag(tx, { productId: input.productId, rule: input.rule, now });
      await auditRepo.append(tx, {
        actor: input.actor,
        tenantId: null,
        action: 'flags.set',
        target: `flag:${input.productId}:${input.rule.key}`,
        before,
        after: input.rule,
        reason: input.reason,
        requestId: input.requestId,
        at: now,
      });
    });
    return input.rule;
  }

  /** Every contract key gets a rule; existing rules (set by an operator) are left alone. */
  async seedDefaults(q: { productId: string; overrides?: Partial<Record<string, boolean>> }) {
    const now = this.deps.clock.now();
    for (const key of FEATURE_FLAG_KEYS) {
      await controlsRepo.putFlag(this.deps.db, {
        productId: q.productId,
        rule: {
          key,
          defaultValue: q.overrides?.[key] ?? DEFAULT_FEATURE_FLAGS[key],
          tenants: {},
          users: {},
          rolloutPercent: null,
        },
        now,
        onlyIfMissing: true,
      });
    }
  }
}
