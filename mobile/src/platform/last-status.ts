import type { KeyValueStorage, ProductStatusWatcher } from '@bytelyst/platform-sdk';
import { ProductStatus, Timestamp } from '@bytelyst/trading-contracts';
import { z } from 'zod';

/** The last product status the platform told this phone, and when (the phone's clock). */
export const LastStatus = z.strictObject({ status: ProductStatus, at: Timestamp });
export type LastStatus = z.infer<typeof LastStatus>;

/** The time is refreshed at most this often when nothing else changed (secure-storage writes). */
const REFRESH_MS = 60_000;

/**
 * Keeps the last known product status in secure storage, so a relaunch while the platform is
 * unreachable still knows the kill switch or maintenance was on (CUTOVER_MOBILE.md step 4) and
 * shows the blocked screen rather than the app. Anything unreadable counts as nothing known.
 */
export function createLastStatusStore(options: {
  storage: KeyValueStorage;
  key: string;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  let saved: { json: string; at: number } | null = null;
  return {
    async load(): Promise<LastStatus | null> {
      try {
        const raw = await options.storage.getItem(options.key);
        if (!raw) return null;
        const parsed = LastStatus.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async save(status: ProductStatus): Promise<void> {
      const json = JSON.stringify(status);
      const t = now();
      if (saved && saved.json === json && t - saved.at < REFRESH_MS) return;
      saved = { json, at: t };
      const value: LastStatus = { status, at: new Date(t).toISOString() };
      await options.storage.setItem(options.key, JSON.stringify(value));
    },
    /** Saves every status the watcher hears from the platform (never a degraded guess). */
    follow(watcher: Pick<ProductStatusWatcher, 'subscribe'>): () => void {
      return watcher.subscribe((s) => {
        if (s.state === 'ok' && s.status) void this.save(s.status).catch(() => undefined);
      });
    },
  };
}
