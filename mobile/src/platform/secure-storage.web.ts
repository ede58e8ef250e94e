import type { KeyValueStorage } from '@bytelyst/platform-sdk';

/** The web build has no keychain: it keeps the session where the web app does. */
export function sessionStorage(): KeyValueStorage {
  return window.localStorage;
}
