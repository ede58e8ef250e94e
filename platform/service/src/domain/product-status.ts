import type { ProductStatus } from '@bytelyst/trading-contracts';

export interface ProductStatusChange {
  enabled?: boolean | undefined;
  maintenance?:
    { active: boolean; message: string | null; expectedEndAt: string | null } | undefined;
}

/** The next status after an admin change; the version always moves so watchers can order updates. */
export function applyStatusChange(
  current: ProductStatus,
  change: ProductStatusChange,
  now: Date,
): ProductStatus {
  const maintenance = change.maintenance
    ? change.maintenance.active
      ? { ...change.maintenance }
      : { active: false, message: null, expectedEndAt: null }
    : current.maintenance;
  return {
    productId: current.productId,
    enabled: change.enabled ?? current.enabled,
    maintenance,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
}

export function initialStatus(productId: string, now: Date): ProductStatus {
  return {
    productId,
    enabled: true,
    maintenance: { active: false, message: null, expectedEndAt: null },
    version: 0,
    updatedAt: now.toISOString(),
  };
}
