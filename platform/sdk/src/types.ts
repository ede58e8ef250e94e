/** The few host capabilities the SDK needs, so browsers, React Native and Node all fit. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** localStorage, AsyncStorage and expo-secure-store adapters all fit this shape. */
export interface KeyValueStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

export type Unsubscribe = () => void;

/** A tiny listener set: every store in the SDK notifies through one of these. */
export function listeners<T>() {
  const set = new Set<(value: T) => void>();
  return {
    add(fn: (value: T) => void): Unsubscribe {
      set.add(fn);
      return () => set.delete(fn);
    },
    emit(value: T) {
      // A throwing listener must not stop the others or break the SDK's own state machine.
      for (const fn of [...set]) {
        try {
          fn(value);
        } catch {
          /* the host's bug, not ours */
        }
      }
    },
  };
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function newRequestId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  // React Native has no crypto.randomUUID; a request id needs uniqueness, not secrecy.
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
