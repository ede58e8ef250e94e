import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CcxtAccountProbe } from '../adapters/exchange/ccxt/ccxt-account-probe.js';
import { LocalKeyFileProvider } from '../adapters/secrets/local-key-file.js';
import type { SqlStore } from '../adapters/store/index.js';
import { SqlVenueAccountStore } from '../adapters/store/repo-venue-accounts.js';
import { systemClock } from '../ports/clock.js';
import type { SubmitOrderRequest } from '../ports/execution-client.js';
import { AuditService } from '../services/audit-service.js';
import { SecretVault } from '../services/secrets/secret-vault.js';
import { VenueAccountService } from '../services/venue-accounts/venue-account-service.js';
import { createTestStore, uniqueId, type TestStore } from '../../test-support/db.js';
import { LocalBinance } from '../../test-support/local-binance/local-binance.js';
import { VenueAccountClients } from './venue-account-clients.js';

const quiet = {
  toTenant: () => undefined,
  toUser: () => undefined,
  toAllTraders: () => undefined,
  toAdmins: () => undefined,
  toPublic: () => undefined,
};

describe('per-account execution clients on the local exchange', () => {
  let t: TestStore;
  let lb: LocalBinance;
  let url: string;
  beforeAll(async () => {
    t = await createTestStore('pglite');
    lb = new LocalBinance({ livePrices: false });
    url = await lb.listen();
    lb.setPrice('BTC-USD', 60_000);
  }, 60_000);
  afterAll(async () => {
    await lb.close();
    await t.cleanup();
  });

  it("two tenants trade at once; each request carries only its own tenant's key", async () => {
    const keys = new LocalKeyFileProvider(join(await mkdtemp(join(tmpdir(), 'vac-')), 'kek.json'));
    const accounts = new VenueAccountService({
      store: new SqlVenueAccountStore((t.store as SqlStore).sql),
      vault: new SecretVault(keys),
      probe: new CcxtAccountProbe({ urlOverrides: { localbinance: url }, timeoutMs: 3000 }),
      audit: new AuditService({ store: t.store, publisher: quiet }),
      clock: systemClock,
    });
    const tenants = [uniqueId('ten-a'), uniqueId('ten-b')];
    const venueKeys = tenants.map((tenantId, i) => ({
      tenantId,
      apiKey: `tenant-key-${i}-${'k'.repeat(12)}`,
      secret: `tenant-secret-${i}-${'s'.repeat(12)}`,
      exchangeAccount: `exchange-acct-${i}`,
    }));
    const ids: string[] = [];
    for (const v of venueKeys) {
      lb.addAccount({ apiKey: v.apiKey, secret: v.secret, accountId: v.exchangeAccount });
      // Connected through the API's own path: the keys are checked at the exchange over HTTP.
      const a = await accounts.connect(
        { tenantId: v.tenantId },
        {
          caller: {
            userId: 'u-admin',
            admin: true,
            actor: { type: 'tenant_admin', id: 'u-admin', tenantId: v.tenantId },
          },
          body: {
            venueId: 'localbinance',
            label: 'Desk',
            apiKey: v.apiKey,
            secret: v.secret,
            mode: 'sandbox',
            shared: true,
          },
        },
      );
      ids.push(a.id);
    }
    const clients = new VenueAccountClients({
      accounts,
      clock: systemClock,
      symbols: ['BTC-USD'],
      urlOverrides: { localbinance: url },
      timeoutMs: 3000,
    });
    const before = lb.requests.length;
    const sent = new Map<string, string[]>();
    await Promise.all(
      venueKeys.map(async (v, i) => {
        const client = await clients.clientFor({ tenantId: v.tenantId }, ids[i]!);
        expect(await clients.clientFor({ tenantId: v.tenantId }, ids[i]!)).toBe(client);
        await client.connect();
        const mine: string[] = [];
        for (let n = 0; n < 3; n++) {
          const o: SubmitOrderRequest = {
            clientOrderId: `${i}-order-${n}`,
            symbol: 'BTC-USD',
            side: 'BUY',
            type: 'MARKET',
            quantity: String((i + 1) * 0.01),
            limitPrice: null,
            stopPrice: null,
            reduceOnly: false,
          };
          await client.submitOrder(o);
          mine.push(o.clientOrderId);
        }
        await client.fetchFills({ since: 0, symbol: 'BTC-USD' });
        sent.set(v.tenantId, mine);
      }),
    );

    const log = lb.requests.slice(before).filter((r) => r.apiKey !== null);
    expect(log.length).toBeGreaterThan(6);
    for (const [i, v] of venueKeys.entries()) {
      const own = new Set(sent.get(v.tenantId));
      for (const r of log) {
        // An order of this tenant's travels with this tenant's key, and nothing else does.
        if (r.clientOrderId !== null && own.has(r.clientOrderId)) expect(r.apiKey).toBe(v.apiKey);
        if (r.apiKey === v.apiKey) expect(r.accountId).toBe(v.exchangeAccount);
      }
      // The exchange's book of each account holds exactly that tenant's orders and position.
      const book = lb.exchange.account(v.exchangeAccount);
      expect([...book.orders.keys()].sort()).toEqual([...own].sort());
      expect(book.positions.get('BTC-USD')).toBe(
        BigInt(Math.round((i + 1) * 0.03 * 1e4)) * 10n ** 14n,
      );
    }
    await clients.dispose();
  });

  it("a tenant cannot build a client for another tenant's account", async () => {
    const keys = new LocalKeyFileProvider(join(await mkdtemp(join(tmpdir(), 'vac-')), 'kek.json'));
    const accounts = new VenueAccountService({
      store: new SqlVenueAccountStore((t.store as SqlStore).sql),
      vault: new SecretVault(keys),
      probe: new CcxtAccountProbe({ urlOverrides: { localbinance: url } }),
      audit: new AuditService({ store: t.store, publisher: quiet }),
      clock: systemClock,
    });
    lb.addAccount({ apiKey: 'iso-key-000000000', secret: 'iso-secret-00000000', accountId: 'iso' });
    const owner = uniqueId('owner');
    const a = await accounts.connect(
      { tenantId: owner },
      {
        caller: {
          userId: 'u-1',
          admin: false,
          actor: { type: 'user', id: 'u-1', tenantId: owner },
        },
        body: {
          venueId: 'localbinance',
          label: 'Mine',
          apiKey: 'iso-key-000000000',
          secret: 'iso-secret-00000000',
          mode: 'sandbox',
          shared: false,
        },
      },
    );
    const clients = new VenueAccountClients({ accounts, clock: systemClock, symbols: ['BTC-USD'] });
    await expect(clients.clientFor({ tenantId: uniqueId('other') }, a.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
