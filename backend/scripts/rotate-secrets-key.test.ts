import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKeyFileProvider } from '../src/adapters/secrets/local-key-file.js';
import type { SqlStore } from '../src/adapters/store/index.js';
import { SqlVenueAccountStore } from '../src/adapters/store/repo-venue-accounts.js';
import { TestClock } from '../src/ports/clock.js';
import { AuditService } from '../src/services/audit-service.js';
import { SecretVault } from '../src/services/secrets/secret-vault.js';
import { VenueAccountService } from '../src/services/venue-accounts/venue-account-service.js';
import { createTestStore, uniqueId, type TestStore } from '../test-support/db.js';
import { FakeAccountProbe } from '../test-support/fake-account-probe.js';
import { rotateSecretsKey } from './rotate-secrets-key.js';

describe('rotate-secrets-key', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('pglite');
  }, 60_000);
  afterAll(() => t.cleanup());

  it('rotates while another instance works, then retires the old key', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'rot-cli-')), 'kek.json');
    const store = new SqlVenueAccountStore((t.store as SqlStore).sql);
    const service = (keys: LocalKeyFileProvider) =>
      new VenueAccountService({
        store,
        vault: new SecretVault(keys),
        probe: new FakeAccountProbe(),
        audit: new AuditService({
          store: t.store,
          publisher: {
            toTenant: () => undefined,
            toUser: () => undefined,
            toAllTraders: () => undefined,
            toAdmins: () => undefined,
            toPublic: () => undefined,
          },
        }),
        clock: new TestClock(Date.parse('2026-12-07T12:00:00Z')),
      });
    const tenantId = uniqueId('rot-cli');
    const connect = (s: VenueAccountService, apiKey: string) =>
      s.connect(
        { tenantId },
        {
          caller: { userId: 'u-1', admin: false, actor: { type: 'user', id: 'u-1', tenantId } },
          body: {
            venueId: 'binance',
            label: apiKey,
            apiKey,
            secret: 'secret-xxxxxxxx',
            mode: 'sandbox',
            shared: false,
          },
        },
      );
    // A running instance that loaded the key file before the rotation.
    const stale = new LocalKeyFileProvider(path);
    await stale.load();
    const first = await connect(service(stale), 'key-before-rotation');

    const cli = new LocalKeyFileProvider(path);
    const lines: string[] = [];
    const deps = { keys: cli, vault: new SecretVault(cli), store };
    expect(await rotateSecretsKey(deps, { retire: false, write: (l) => lines.push(l) })).toBe(0);
    // The instance that loaded the file before the rotation keeps sealing and opening.
    const late = await connect(service(stale), 'key-after-rotation');
    expect((await service(stale).credentials({ tenantId }, first.id)).apiKey).toBe(
      'key-before-rotation',
    );

    expect(await rotateSecretsKey(deps, { retire: true, write: (l) => lines.push(l) })).toBe(0);
    const file = JSON.parse(await readFile(path, 'utf8')) as { keys: unknown[] };
    expect(file.keys).toHaveLength(1);
    const fresh = new LocalKeyFileProvider(path);
    for (const [id, key] of [
      [first.id, 'key-before-rotation'],
      [late.id, 'key-after-rotation'],
    ] as const)
      expect((await service(fresh).credentials({ tenantId }, id)).apiKey).toBe(key);
    expect(lines.join('\n')).toMatch(/re-wrapped [1-9]\d* account key/);
  });
});
