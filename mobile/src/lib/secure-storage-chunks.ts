import type { KeyValueStorage } from '@bytelyst/platform-sdk';

/**
 * Keychain/Keystore entries are meant for small secrets (expo-secure-store warns above 2 KB and
 * older Android devices reject large values), while a session holds two JWTs. This splits a
 * value across numbered entries under one key; `<key>.n` holds the count.
 */
export function chunkedStorage(base: KeyValueStorage, chunkSize = 1800): KeyValueStorage {
  const countKey = (key: string) => `${key}.n`;
  const partKey = (key: string, i: number) => `${key}.${i}`;

  async function removeItem(key: string): Promise<void> {
    const n = Number((await base.getItem(countKey(key))) ?? '0');
    await base.removeItem(countKey(key));
    for (let i = 0; i < n; i++) await base.removeItem(partKey(key, i));
  }

  return {
    async getItem(key) {
      const raw = await base.getItem(countKey(key));
      const n = Number(raw ?? 'NaN');
      if (!Number.isInteger(n) || n < 1) return null;
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const part = await base.getItem(partKey(key, i));
        // A half-written value (app killed mid-save) reads as absent, never as a corrupt session.
        if (part === null) return null;
        parts.push(part);
      }
      return parts.join('');
    },
    async setItem(key, value) {
      await removeItem(key);
      const n = Math.max(1, Math.ceil(value.length / chunkSize));
      for (let i = 0; i < n; i++) {
        await base.setItem(partKey(key, i), value.slice(i * chunkSize, (i + 1) * chunkSize));
      }
      // The count goes last: until it is written, readers see no session rather than half of one.
      await base.setItem(countKey(key), String(n));
    },
    removeItem,
  };
}
