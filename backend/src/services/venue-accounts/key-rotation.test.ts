import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKeyFileProvider } from '../../adapters/secrets/local-key-file.js';
import type { SqlStore } from '../../adapters/store/index.js';
import { SqlVenueAccountStore } from '../../adapters/store/repo-venue-accounts.js';
import { TestClock } from '../../ports/clock.js';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import { FakeAccountProbe } from '../../../test-support/fake-account-probe.js';
import { AuditService } from '../audit-service.js';
import type { Publisher } from '../publisher.js';
import { SecretVault } from '../secrets/secret-vault.js';
import { VenueAccountService } from './venue-account-service.js';

const quiet: Publisher = {
  toTenant: () => undefined,
  toUser: () => undefined,
  toAllTraders: () => undefined,
  toAdmins: () => undefined,
  toPublic: () => undefined,
};

describe.each(testStores())('key rotation on %s', (driver) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
  }, 60_000);
  afterAll(() => t.cleanup());

  it('re-wraps every account under the new KEK while each stays usable', async () => {
    const keys = new LocalKeyFileProvider(join(await mkdtemp(join(tmpdir(), 'rot-')), 'kek.json'));
    await keys.load();
    const probe = new FakeAccountProbe();
    const store = new SqlVenueAccountStore((t.store as SqlStore).sql);
    const service = new VenueAccountService({
      store,
      vault: new SecretVault(keys),
      probe,
      audit: new AuditService({ store: t.store, publisher: quiet }),
      clock: new TestClock(Date.parse('2026-12-07T12:00:00Z')),
    });
    const tenants = [uniqueId('rot-a'), uniqueId('rot-b')];
    const made: { tenantId: string; id: string; apiKey: string }[] = [];
    for (const tenantId of tenants)
      for (let i = 0; i < 3; i++) {
        const apiKey = `key-${tenantId}-${i}`;
        const caller = {
          userId: `u-${i}`,
          admin: false,
          actor: { type: 'user' as const, id: `u-${i}`, tenantId },
        };
        const a = await service.connect(
          { tenantId },
          {
            caller,
            body: {
              venueId: 'binance',
              label: `L${i}`,
              apiKey,
              secret: `secret-${i}-xxxx`,
              mode: 'sandbox',
              shared: false,
            },
          },
        );
        made.push({ tenantId, id: a.id, apiKey });
      }
    const oldKek = await keys.currentKekId();
    const newKek = await keys.rotate();

    // Mid-rotation: rows still on the old KEK open as before.
    expect((await service.credentials({ tenantId: made[0]!.tenantId }, made[0]!.id)).apiKey).toBe(
      made[0]!.apiKey,
    );
    expect(await service.rewrapAll(newKek)).toBeGreaterThanOrEqual(made.length);
    expect(await store.sealedNotUnder(newKek, 100)).toEqual([]);
    expect(await keys.retire()).toEqual([oldKek]);

    for (const m of made) {
      const creds = await service.credentials({ tenantId: m.tenantId }, m.id);
      expect(creds.apiKey).toBe(m.apiKey);
    }
    // Another tenant's scope finds nothing to open.
    await expect(service.credentials({ tenantId: tenants[1]! }, made[0]!.id)).rejects.toThrow();
  });
});
