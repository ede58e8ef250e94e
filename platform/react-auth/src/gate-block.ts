import type { ProductStatus } from '@bytelyst/trading-contracts';

/** Why the product gate blocks, with what the blocked screen shows. */
export interface GateBlock {
  reason: 'disabled' | 'maintenance';
  status: ProductStatus;
  /** For maintenance: the operator's message and expected end (ISO), when given. */
  message: string | null;
  expectedEndAt: string | null;
}
