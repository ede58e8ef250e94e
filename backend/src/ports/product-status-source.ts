import type { ProductStatus } from '@bytelyst/trading-contracts';

/** The latest product status the platform reported, and when it arrived (ms epoch). */
export interface ProductStatusSnapshot {
  status: ProductStatus | null;
  receivedAt: number | null;
  /** Last error talking to the platform, for readiness and degraded reasons. */
  lastError: string | null;
}

/** Where the backend learns the product kill switch and maintenance state. */
export interface ProductStatusSource {
  start(): void;
  current(): ProductStatusSnapshot;
  /** Called on every status received; `changed` when enabled, maintenance or version moved. */
  onUpdate(listener: (snapshot: ProductStatusSnapshot, changed: boolean) => void): () => void;
  dispose(): Promise<void>;
}
