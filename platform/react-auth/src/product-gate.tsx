import type { ProductStatus } from '@bytelyst/trading-contracts';
import type { ReactNode } from 'react';
import { DefaultBlockedScreen } from './default-blocked-screen.js';
import type { GateBlock } from './gate-block.js';
import { useProductStatus } from './hooks.js';

export interface ProductGateProps {
  children?: ReactNode;
  /**
   * What to show while blocked. React Native must pass one (the default uses DOM elements);
   * web may, to match its design.
   */
  fallback?: (block: GateBlock) => ReactNode;
  /** Shown before the first status is known (default: nothing). */
  loading?: ReactNode;
}

/** Blocks a status for a reason, or null when the product may be used. */
export function gateBlock(status: ProductStatus | null): GateBlock | null {
  if (!status) return null;
  if (!status.enabled) return { reason: 'disabled', status, message: null, expectedEndAt: null };
  if (status.maintenance.active) {
    return {
      reason: 'maintenance',
      status,
      message: status.maintenance.message,
      expectedEndAt: status.maintenance.expectedEndAt,
    };
  }
  return null;
}

/**
 * Renders the app shell only while the product is enabled and not in maintenance, and lifts
 * itself as soon as the watcher reports recovery (no reload).
 *
 * Fail-safe split: the last known status is kept while the platform is unreachable; if nothing
 * was ever known the shell is shown (degraded) because the backend, not the surface, enforces
 * trading controls and refuses new entries while platform status is unknown.
 */
export function ProductGate(props: ProductGateProps) {
  const { state, status } = useProductStatus();
  if (!status && state === 'unknown') return <>{props.loading ?? null}</>;
  const block = gateBlock(status);
  if (!block) return <>{props.children}</>;
  return <>{props.fallback ? props.fallback(block) : <DefaultBlockedScreen block={block} />}</>;
}
