import { TokenPair } from '@bytelyst/trading-contracts';
import { z } from 'zod';
import type { KeyValueStorage } from './types.js';

export const PlatformSessionSchema = z.strictObject({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Epoch ms on the client's clock when the access token expires (from `expiresIn`). */
  expiresAt: z.number().int().nonnegative(),
  user: TokenPair.shape.user,
});
export type PlatformSession = z.infer<typeof PlatformSessionSchema>;

/** Where a session survives restarts: web storage on the web, secure storage on mobile. */
export interface SessionStore {
  load(): Promise<PlatformSession | null>;
  save(session: PlatformSession): Promise<void>;
  clear(): Promise<void>;
}

export function memorySessionStore(initial: PlatformSession | null = null): SessionStore {
  let current = initial;
  return {
    async load() {
      return current;
    },
    async save(s) {
      current = s;
    },
    async clear() {
      current = null;
    },
  };
}

/**
 * Any string key-value storage: `localStorage`/`sessionStorage` on the web, an expo-secure-store
 * or Keychain adapter on mobile. A corrupt or outdated entry reads as "no session".
 */
export function keyValueSessionStore(
  storage: KeyValueStorage,
  key = 'bytelyst.platform.session',
): SessionStore {
  return {
    async load() {
      const raw = await storage.getItem(key);
      if (!raw) return null;
      try {
        const parsed = PlatformSessionSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async save(s) {
      await storage.setItem(key, JSON.stringify(s));
    },
    async clear() {
      await storage.removeItem(key);
    },
  };
}

export const webStorageSessionStore = keyValueSessionStore;
