import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, uniqueId, type TestStore } from '../../../test-support/db.js';
import { AddressEgressGuard } from '../../adapters/notify/egress-guard.js';
import { LocalKeyFileProvider } from '../../adapters/secrets/local-key-file.js';
import { SqlStore } from '../../adapters/store/index.js';
import { TestClock } from '../../ports/clock.js';
import { AuditService } from '../audit-service.js';
import { silentPublisher } from '../publisher.js';
import { SecretVault } from '../secrets/secret-vault.js';
import { WebhookService } from './webhook-service.js';

const PLAIN = 'a-plain-secret-from-before-sealing-0123456789';

describe('webhook secrets at rest', () => {
  let t: TestStore;
  let keys: LocalKeyFileProvider;
  let service: WebhookService;
  let sql: SqlStore['sql'];
  beforeAll(async () => {
    t = await createTestStore('pglite');
    if (!(t.store instanceof SqlStore)) throw new Error('expected the SQL store');
    sql = t.store.sql;
    keys = new LocalKeyFileProvider(join(await mkdtemp(join(tmpdir(), 'wh-')), 'kek.json'));
    await keys.load();
    service = new WebhookService({
      store: t.store.notifications,
      vault: new SecretVault(keys),
      guard: new AddressEgressGuard(),
      channel: null,
      audit: new AuditService({ store: t.store, publisher: silentPublisher }),
      clock: new TestClock(Date.parse('2026-12-07T12:00:00Z')),
    });
  }, 60_000);
  afterAll(() => t.cleanup());

  it('seals a plain secret left by an older build, once, and still signs with it', async () => {
    const tenantId = uniqueId('t');
    await t.store.ensureTenant({ id: tenantId, name: tenantId });
    await sql.query(
      `INSERT INTO webhook_endpoints (id, tenant_id, user_id, url, format, secret, created_at)
       VALUES ('wh-legacy', $1, 'u1', 'https://93.184.215.14/h', 'json', $2, now())`,
      [tenantId, PLAIN],
    );
    expect(await service.sealLegacy()).toBe(1);
    expect(await service.sealLegacy()).toBe(0);
    const { rows } = await sql.query("SELECT * FROM webhook_endpoints WHERE id = 'wh-legacy'");
    expect(rows[0]?.secret).toBeNull();
    expect(JSON.stringify(rows)).not.toContain(PLAIN);
    expect(rows[0]?.secret_hint).toBe(`\u2022\u2022\u2022\u2022${PLAIN.slice(-4)}`);
    expect(await service.destination('wh-legacy')).toMatchObject({ secret: PLAIN });

    // A copy of the sealed row under another tenant does not open (the secret is bound to both).
    await t.store.ensureTenant({ id: `${tenantId}-x`, name: 'x' });
    await sql.query(
      `INSERT INTO webhook_endpoints (id, tenant_id, user_id, url, format, sealed, kek_id, created_at)
       SELECT 'wh-copy', $1, user_id, url, format, sealed, kek_id, created_at
         FROM webhook_endpoints WHERE id = 'wh-legacy'`,
      [`${tenantId}-x`],
    );
    await expect(service.destination('wh-copy')).rejects.toThrow(/decrypted/);
    await sql.query("DELETE FROM webhook_endpoints WHERE id = 'wh-copy'");

    // After a KEK rotation every data key is re-wrapped and the secret still opens.
    const old = await keys.currentKekId();
    const next = await keys.rotate();
    expect(next).not.toBe(old);
    expect(await service.rewrapAll(next)).toBeGreaterThanOrEqual(1);
    const { rows: after } = await sql.query(
      "SELECT kek_id FROM webhook_endpoints WHERE id = 'wh-legacy'",
    );
    expect(after[0]?.kek_id).toBe(next);
    await keys.retire();
    expect(await service.destination('wh-legacy')).toMatchObject({ secret: PLAIN });
  });
});
