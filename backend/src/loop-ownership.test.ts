/**
 * Loop ownership across real processes: two backend processes on one PostgreSQL trade against one
 * paper venue that lives in this test process (outside both, as a real exchange would). One owner
 * is killed with SIGKILL mid-stream; the survivor must take its tenants over, and across the run no
 * client order id may be sent twice, positions must equal the venue's, and the ledger must balance.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_RISK_LIMITS } from '@bytelyst/trading-contracts';
import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, testDatabaseUrl } from '../test-support/db.js';
import {
  AUDIENCE,
  ISSUER,
  call,
  eventually,
  mintToken,
  productStatus,
  testKeys,
} from '../test-support/backend-harness.js';
import { startPaperVenue } from '../scripts/paper-venue.js';
import { parseFixed } from './domain/money/fixed.js';
import { freePort } from '../../test-support/net.js';

const dbUrl = testDatabaseUrl();

const withSearchPath = (url: string, schema: string) =>
  `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

interface Instance {
  id: string;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

describe.runIf(dbUrl)('loop ownership across processes', () => {
  let venue: Awaited<ReturnType<typeof startPaperVenue>>;
  let platform: ReturnType<typeof Fastify>;
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let db: pg.Client;
  const instances: Instance[] = [];

  async function spawnBackend(id: string): Promise<Instance> {
    const port = await freePort();
    const { pem } = await testKeys();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'main.ts')],
      {
        cwd: join(import.meta.dirname, '..'),
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: String(port),
          INSTANCE_ID: id,
          LOG_LEVEL: 'warn',
          DATABASE_URL: withSearchPath(schema.url, schema.schema),
          REDIS_URL: '',
          EXCHANGE: 'paper-remote',
          PAPER_VENUE_URL: venue.url,
          PLATFORM_API_URL: `http://127.0.0.1:${(platform.server.address() as { port: number }).port}`,
          PLATFORM_JWT_PUBLIC_KEY: pem,
          PLATFORM_JWT_JWKS_URL: '',
          PLATFORM_JWT_ISSUER: ISSUER,
          PLATFORM_JWT_AUDIENCE: AUDIENCE,
          RATE_LIMIT_PER_MINUTE: '100000',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on(
      'data',
      (d: Buffer) => (stderr += d.toString()).length > 20_000 && (stderr = stderr.slice(-10_000)),
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const inst = { id, url: `http://127.0.0.1:${port}`, child, exited };
    instances.push(inst);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`backend ${id} exited: ${stderr}`);
        expect((await call(inst, { path: '/health/live' })).status).toBe(200);
      },
      60_000,
      200,
    );
    return inst;
  }

  const owners = async () => {
    const r = await db.query<{ tenant_id: string; owner: string; epoch: string }>(
      'select tenant_id, owner, epoch from loop_leases order by tenant_id',
    );
    return new Map(
      r.rows.map((row) => [row.tenant_id, { owner: row.owner, epoch: Number(row.epoch) }]),
    );
  };

  beforeAll(async () => {
    schema = await createTestSchema();
    db = new pg.Client({ connectionString: withSearchPath(schema.url, schema.schema) });
    await db.connect();
    venue = await startPaperVenue({ port: 0, seed: 3 });
    platform = Fastify();
    platform.get('/products/:id/status', async () => productStatus());
    await platform.listen({ host: '127.0.0.1', port: 0 });
    // Sequential start: the first instance migrates and seeds the demo.
    await spawnBackend('proc-a');
    await spawnBackend('proc-b');
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    await db?.end();
    await venue?.stop();
    await platform?.close();
    await schema?.drop();
  });

  it("a killed owner's tenants are taken over; no order is sent twice; books match the venue", async () => {
    await eventually(
      async () => expect([...(await owners()).keys()]).toEqual(['acme', 'globex']),
      30_000,
    );
    // Manual orders go to a quiet profile of each tenant with no cooldown after a loss: the demo
    // profiles trade on their own, and any losing exit (fees alone make one) would refuse the
    // test's buys for the cooldown, which under load outlasts the test.
    const quietProfile = async (token: string, symbol: string): Promise<string> => {
      const r = await call(instances[0]!, {
        path: '/api/profiles',
        token,
        body: {
          name: 'Takeover test',
          symbols: [symbol],
          timeframe: '1m',
          strategy: {
            strategy: 'donchian-breakout',
            params: { entryPeriod: 500, exitPeriod: 500 },
          },
          capitalAllocation: '10000',
          risk: { ...DEFAULT_RISK_LIMITS, cooldownAfterLossMs: 0 },
          enabled: true,
        },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body as { id: string }).id;
    };
    const aliceToken = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const bobToken = await mintToken({ sub: 'u-bob', tenant: 'globex' });
    const tokens = {
      acme: {
        token: aliceToken,
        profileId: await quietProfile(aliceToken, 'BTC-USD'),
        symbol: 'BTC-USD',
        qty: '0.001',
      },
      globex: {
        token: bobToken,
        profileId: await quietProfile(bobToken, 'AAPL-USD'),
        symbol: 'AAPL-USD',
        qty: '1',
      },
    };
    let placed = 0;
    let round = 0;
    const burst = async (rounds: number) => {
      for (let k = 0; k < rounds; k++) {
        // Two buys then a sell, counted across bursts, so positions stay inside their limits.
        const i = round++;
        for (const t of Object.values(tokens)) {
          for (const inst of instances.filter(
            (x) => x.child.exitCode === null && x.child.signalCode === null,
          )) {
            const side = i % 3 === 2 ? 'SELL' : 'BUY';
            const r = await call(inst, {
              path: '/api/trade',
              token: t.token,
              body: { profileId: t.profileId, symbol: t.symbol, side, quantity: t.qty },
              headers: { 'idempotency-key': randomUUID() },
            }).catch(() => ({ status: 0, body: null }));
            if (r.status === 200) placed++;
          }
        }
      }
    };
    // Orders settle at the venue's pace; a manual order while the slot's previous one is still in
    // flight is refused (ORDER_IN_FLIGHT), so under load a fixed number of rounds may place few.
    // Keep sending until enough have been placed, on both sides of the kill.
    const burstUntil = (atLeast: number) =>
      eventually(
        async () => {
          await burst(1);
          expect(placed).toBeGreaterThanOrEqual(atLeast);
        },
        60_000,
        200,
      );
    await burst(6);
    await burstUntil(4);
    const before = await owners();
    const acmeOwner = instances.find((i) => i.id === before.get('acme')?.owner);
    expect(acmeOwner).toBeDefined();
    const survivor = instances.find((i) => i !== acmeOwner)!;
    // Kill the owner while orders are in flight.
    const inflight = burst(4);
    acmeOwner!.child.kill('SIGKILL');
    await inflight;
    await acmeOwner!.exited;
    await eventually(
      async () => {
        const now = await owners();
        expect(now.get('acme')?.owner).toBe(survivor.id);
        expect(now.get('acme')?.epoch).toBeGreaterThan(before.get('acme')!.epoch);
      },
      30_000,
      250,
    );
    await eventually(
      async () =>
        expect(
          (await call(survivor, { path: '/health/ready' })).body.checks.find(
            (c: { name: string }) => c.name === 'reconciliation',
          ).ok,
        ).toBe(true),
      30_000,
    );
    const placedBeforeTakeover = placed;
    await burstUntil(placedBeforeTakeover + 2);

    // Let in-flight fills land, then stop the survivor cleanly and compare books with the venue.
    await new Promise((r) => setTimeout(r, 1000));
    survivor.child.kill('SIGTERM');
    await survivor.exited;

    await expectBooksMatchVenue();
  }, 180_000);

  async function expectBooksMatchVenue() {
    for (const [key, attempts] of venue.submitAttempts)
      expect(attempts, `client order id ${key} sent ${attempts} times`).toBe(1);
    const dupes = await db.query(
      'select client_order_id, count(*) from orders group by client_order_id having count(*) > 1',
    );
    expect(dupes.rows).toEqual([]);
    const unbalanced = await db.query(
      'select transaction_id, sum(amount) as s from ledger_entries group by transaction_id having sum(amount) <> 0',
    );
    expect(unbalanced.rows).toEqual([]);
    for (const tenant of ['acme', 'globex']) {
      const rows = await db.query<{ symbol: string; q: string }>(
        'select symbol, sum(quantity)::text as q from positions where tenant_id = $1 group by symbol',
        [tenant],
      );
      const ours = new Map(rows.rows.map((r) => [r.symbol, parseFixed(r.q)]));
      const theirs = new Map([...venue.exchange.account(tenant).positions.entries()]);
      for (const sym of new Set([...ours.keys(), ...theirs.keys()])) {
        expect(ours.get(sym) ?? 0n, `${tenant} ${sym}`).toBe(theirs.get(sym) ?? 0n);
      }
    }
  }

  it('a SIGSTOPped owner is replaced, and once resumed the venue receives nothing from it', async () => {
    const c = await spawnBackend('proc-c');
    const d = await spawnBackend('proc-d');
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    await eventually(
      async () => {
        const o = await owners();
        expect(['proc-c', 'proc-d']).toContain(o.get('acme')?.owner);
      },
      30_000,
      250,
    );
    const before = (await owners()).get('acme')!;
    const frozen = before.owner === 'proc-c' ? c : d;
    const other = frozen === c ? d : c;
    const stoppedAt = Date.now();
    frozen.child.kill('SIGSTOP');
    await eventually(
      async () => {
        const now = (await owners()).get('acme');
        expect(now?.owner).toBe(other.id);
        expect(now?.epoch).toBeGreaterThan(before.epoch);
      },
      30_000,
      250,
    );
    frozen.child.kill('SIGCONT');
    // The resumed process must send the venue nothing: its lease connection was terminated and
    // every journal write it attempts carries the old epoch, which the store refuses, so no order
    // intent of its own commits and nothing is submitted. Requests it takes meanwhile are served
    // by the new owner (any instance serves any tenant), so they do reach the venue, sent by it.
    let accepted = 0;
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      const r = await call(frozen, {
        path: '/api/trade',
        token: alice,
        body: { profileId: 'p-alice-btc-trend', symbol: 'BTC-USD', side: 'BUY', quantity: '0.001' },
        headers: { 'idempotency-key': randomUUID() },
      }).catch(() => ({ status: 0 }));
      if (r.status === 200) accepted++;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Strategy steps and reports the frozen process had queued run now; give them time to try.
    await new Promise((r) => setTimeout(r, 3000));
    const sentBy = (id: string) =>
      venue.submissions.filter((s) => s.sender === id && s.at >= stoppedAt);
    // The venue's own log: nothing from the resumed instance since it was frozen.
    expect(sentBy(frozen.id)).toEqual([]);
    // The log does name senders: the requests it accepted were sent by the owner.
    expect(accepted).toBeGreaterThan(0);
    expect(sentBy(other.id).length).toBeGreaterThanOrEqual(accepted);
    // It stays a healthy standby (it may serve reads) but no longer owns the tenant.
    expect((await owners()).get('acme')?.owner).toBe(other.id);
    for (const i of [c, d]) i.child.kill('SIGTERM');
    await Promise.all([c.exited, d.exited]);
    await expectBooksMatchVenue();
  }, 180_000);
});
