import type { KeyValueStorage } from '@bytelyst/platform-sdk';
import { keyValueSessionStore } from '@bytelyst/platform-sdk';
import { describe, expect, it } from 'vitest';
import { chunkedStorage } from './secure-storage-chunks';

/** An in-memory keychain that, like a real one, rejects values above a size limit. */
function keychain(limit: number) {
  const map = new Map<string, string>();
  const storage: KeyValueStorage = {
    getItem: async (k) => map.get(k) ?? null,
    setItem: async (k, v) => {
      if (v.length > limit) throw new Error('value too large');
      map.set(k, v);
    },
    removeItem: async (k) => {
      map.delete(k);
    },
  };
  return { map, storage };
}

const session = {
  accessToken: 'a'.repeat(3000),
  refreshToken: 'r'.repeat(900),
  expiresAt: 1_700_000_000_000,
  user: {
    id: 'u-alice',
    tenantId: 'acme',
    email: 'alice@acme.demo.test',
    displayName: 'Alice',
    role: 'user' as const,
  },
};

describe('chunkedStorage', () => {
  it('round-trips a session larger than one keychain entry through the SDK session store', async () => {
    const kc = keychain(2048);
    const store = keyValueSessionStore(
      chunkedStorage(kc.storage, 1800),
      'bytelyst-trading.session',
    );
    await store.save(session);
    expect(kc.map.size).toBeGreaterThan(2);
    expect(await store.load()).toEqual(session);
    await store.clear();
    expect(kc.map.size).toBe(0);
    expect(await store.load()).toBeNull();
  });

  it('a shorter value leaves no stale chunks behind', async () => {
    const kc = keychain(2048);
    const s = chunkedStorage(kc.storage, 10);
    await s.setItem('k', 'x'.repeat(35));
    await s.setItem('k', 'short');
    expect(await s.getItem('k')).toBe('short');
    expect([...kc.map.keys()].sort()).toEqual(['k.0', 'k.n']);
  });

  it('reads a half-written value as absent', async () => {
    const kc = keychain(2048);
    const s = chunkedStorage(kc.storage, 10);
    await s.setItem('k', 'x'.repeat(25));
    kc.map.delete('k.1');
    expect(await s.getItem('k')).toBeNull();
  });
});
