/**
 * Black-box crash loop: the real backend process on PostgreSQL, trading the demo against a venue
 * that lives OUTSIDE it (in this script's process, over HTTP), is killed with SIGKILL at random
 * moments while orders are in flight, and restarted, again and again. The venue is the paper
 * venue (`EXCHANGE=paper-remote`, both demo tenants) or, with `--venue=local`, the local exchange
 * speaking Binance's protocol, which tenant acme trades on through ccxt (`EXCHANGE=ccxt`: orders
 * over REST, candles and prices from its streams). After every restart it checks, from the
 * outside only:
 *
 * - readiness (`GET /health/ready`) returns;
 * - no client order id was ever submitted to the venue twice (a resend would be a second order);
 * - every ledger transaction in the database balances to zero;
 * - the books (positions summed per tenant and symbol) equal the venue's account positions.
 *
 * Usage: pnpm crash-loop [kills=30] [seed] [--venue=paper|local] [--max-gap-ms=6000]
 *   (DATABASE_URL's server, default the local one; it creates and drops its own database).
 *   `pnpm crash-loop:venue` = 20 kills against the local exchange.
 * Prints one line per kill and a summary; exits 1 on any violation.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgresDriver } from '@bytelyst/trading-backend/adapters';
import {
  LOCAL_EXCHANGE_DEMO_KEYS,
  LocalBinance,
  startPaperVenue,
} from '@bytelyst/trading-backend/venues';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const flags = new Map(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => [a.slice(2).split('=')[0] ?? '', a.split('=')[1] ?? ''] as const),
);
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const VENUE = flags.get('venue') === 'local' ? 'local' : 'paper';
const MAX_GAP_MS = Number(flags.get('max-gap-ms') ?? 6_000);
const KILLS = Number(args[0] ?? 30);
let seed = Number(args[1] ?? Date.now() % 100_000);
const SEED = seed;
const began = Date.now();
/** Deterministic per seed, so a failing run can be replayed. */
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function waitOk(url: string, timeoutMs: number, child?: ChildProcess): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: process exited`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return Date.now() - start;
    } catch {
      /* not yet */
    }
    if (Date.now() - start > timeoutMs) throw new Error(`${url} not ok within ${timeoutMs} ms`);
    await sleep(200);
  }
}

function spawnService(dir: string, env: Record<string, string>, log: string[]): ChildProcess {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: join(ROOT, dir),
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const keep = (c: Buffer) => {
    log.push(c.toString());
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

async function killGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* gone */
  }
  await exited;
}

const baseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `crashloop_${process.pid}_${Date.now()}`;
const dbUrl = (() => {
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

// The backend's own PostgreSQL driver (bounded timeouts), on a database made for this run.
const admin = await openPostgresDriver({ connectionString: baseUrl, max: 1 });
await admin.query(`CREATE DATABASE ${dbName}`);
let db: Awaited<ReturnType<typeof openPostgresDriver>> | null = null;
const tmp = mkdtempSync(join(tmpdir(), 'crash-loop-'));
const logs: string[] = [];
let backend: ChildProcess | null = null;
let platform: ChildProcess | null = null;
/** The venue under test, as the checks see it. */
interface VenueUnderTest {
  /** What the backend needs to trade on it. */
  env: Record<string, string>;
  /** Tenants whose books must equal the venue's accounts. */
  tenants: string[];
  /** Orders submitted per client order id (more than one is a resend). */
  submits(): Map<string, number>;
  positions(tenant: string): Map<string, bigint>;
  stop(): Promise<void>;
}

async function paperVenue(): Promise<VenueUnderTest> {
  const venue = await startPaperVenue({ port: await freePort(), seed: 7 });
  return {
    env: { EXCHANGE: 'paper-remote', PAPER_VENUE_URL: venue.url },
    tenants: ['acme', 'globex'],
    submits: () => venue.submitAttempts,
    positions: (tenant) => venue.exchange.account(tenant).positions,
    stop: () => venue.stop(),
  };
}

/** The local exchange; acme's venue account is its first demo key (globex stays on paper). */
async function localVenue(): Promise<VenueUnderTest> {
  const exchange = new LocalBinance({ seed: 42, livePrices: true, startingCash: '1000000' });
  const key = LOCAL_EXCHANGE_DEMO_KEYS[0];
  if (!key) throw new Error('no demo key');
  exchange.addAccount(key);
  const url = await exchange.listen(await freePort());
  return {
    env: {
      EXCHANGE: 'ccxt',
      CCXT_EXCHANGE_ID: 'localbinance',
      LOCAL_EXCHANGE_URL: url,
      CCXT_TENANT_ID: 'acme',
      CCXT_API_KEY: key.apiKey,
      CCXT_API_SECRET: key.secret,
    },
    tenants: ['acme'],
    submits: () => {
      const n = new Map<string, number>();
      for (const r of exchange.requests)
        if (r.method === 'POST' && r.path === '/api/v3/order' && r.clientOrderId)
          n.set(r.clientOrderId, (n.get(r.clientOrderId) ?? 0) + 1);
      return n;
    },
    positions: () => exchange.exchange.account(key.accountId).positions,
    stop: () => exchange.close(),
  };
}

const venue = VENUE === 'local' ? await localVenue() : await paperVenue();
const violations: string[] = [];
const readyMs: number[] = [];

try {
  const platformPort = await freePort();
  const platformUrl = `http://127.0.0.1:${platformPort}`;
  platform = spawnService(
    'platform/service',
    {
      PORT: String(platformPort),
      PUBLIC_URL: platformUrl,
      PLATFORM_SEED_DEMO: 'true',
      DATABASE_URL: '',
      PLATFORM_DATA_DIR: join(tmp, 'platform'),
      DATA_DIR: join(tmp, 'platform'),
      CORS_ALLOWED_ORIGINS: 'http://127.0.0.1',
    },
    logs,
  );
  await waitOk(`${platformUrl}/health/live`, 90_000, platform);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const startBackend = () =>
    spawnService(
      'backend',
      {
        NODE_ENV: 'development',
        PORT: String(port),
        DATABASE_URL: dbUrl,
        DATA_DIR: join(tmp, 'backend'),
        INSTANCE_ID: 'crash-loop',
        ...venue.env,
        PLATFORM_API_URL: platformUrl,
        PLATFORM_AUTH_ENABLED: 'false',
        PLATFORM_STATUS_POLL_MS: '500',
        DEMO_SEED: 'true',
        MARKET_TICK_MS: '250',
      },
      logs,
    );
  backend = startBackend();
  readyMs.push(await waitOk(`${url}/health/ready`, 120_000, backend));
  const store = await openPostgresDriver({ connectionString: dbUrl, max: 2 });
  db = store;

  // The manual lots alternate sides and lose a little each round trip: no cooldown or daily
  // loss limit on this profile, so they keep reaching the venue (an operator's edit, audited).
  const prof = (await (await fetch(`${url}/api/profiles/p-alice-btc-trend`)).json()) as {
    version: number;
    risk: Record<string, unknown>;
  };
  const patched = await fetch(`${url}/api/profiles/p-alice-btc-trend`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      risk: {
        ...prof.risk,
        cooldownAfterLossMs: 0,
        maxDailyLoss: '1000000',
        maxDrawdownPct: '0.9',
      },
      expectedVersion: prof.version,
    }),
  });
  if (!patched.ok)
    throw new Error(`profile edit failed: ${patched.status} ${await patched.text()}`);

  // Orders in flight at random moments: the local admin (tenant acme) trades small lots on top
  // of the demo strategies, alternating sides so the position stays inside the risk limits.
  let traffic = true;
  let sent = 0;
  const answers = new Map<string, number>();
  const pump = (async () => {
    let side: 'BUY' | 'SELL' = 'BUY';
    for (;;) {
      if (!traffic) {
        await sleep(100);
        continue;
      }
      side = side === 'BUY' ? 'SELL' : 'BUY';
      try {
        const r = await fetch(`${url}/api/trade`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify({
            profileId: 'p-alice-btc-trend',
            symbol: 'BTC-USD',
            side,
            quantity: '0.001',
          }),
          signal: AbortSignal.timeout(3000),
        });
        const body = (await r.json()) as {
          order?: { status: string };
          error?: { code: string; details?: { reasons?: string[] } };
        };
        const key = body.order
          ? `${r.status} ${body.order.status}`
          : `${r.status} ${body.error?.code ?? ''} ${body.error?.details?.reasons?.join(',') ?? ''}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
        sent++;
      } catch {
        /* the backend is down: keep trying */
      }
      await sleep(150);
    }
  })();

  const check = async (round: number): Promise<string> => {
    const twice = [...venue.submits().entries()].filter(([, n]) => n > 1);
    if (twice.length > 0)
      violations.push(
        `round ${round}: client order ids submitted twice: ${JSON.stringify(twice.slice(0, 3))}`,
      );
    const unbalanced = await store.query<{ transaction_id: string; s: string }>(
      `SELECT transaction_id, sum(amount)::text AS s FROM ledger_entries
        GROUP BY tenant_id, transaction_id HAVING sum(amount) <> 0`,
    );
    if (unbalanced.rows.length > 0)
      violations.push(`round ${round}: ${unbalanced.rows.length} unbalanced ledger transactions`);
    // Books against the venue: the loop keeps trading, so they must agree at some instant soon.
    traffic = false;
    let diff = '';
    for (let i = 0; i < 80; i++) {
      diff = '';
      for (const tenant of venue.tenants) {
        const books = await store.query<{ symbol: string; q: string }>(
          `SELECT symbol, sum(quantity)::text AS q FROM positions WHERE tenant_id = $1
            GROUP BY symbol`,
          [tenant],
        );
        const venuePos = venue.positions(tenant);
        const symbols = new Set([...books.rows.map((r) => r.symbol), ...venuePos.keys()]);
        for (const s of symbols) {
          const b = Number(books.rows.find((r) => r.symbol === s)?.q ?? 0);
          const v = Number(venuePos.get(s) ?? 0n) / 1e18;
          if (Math.abs(b - v) > 1e-9) diff += ` ${tenant}/${s} books ${b} venue ${v};`;
        }
      }
      if (!diff) break;
      await sleep(250);
    }
    traffic = true;
    if (diff) violations.push(`round ${round}: books differ from the venue:${diff}`);
    const mismatches = await store.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM alerts WHERE code = 'POSITION_MISMATCH'`,
    );
    return `venue orders ${venue.submits().size}, mismatch alerts ${mismatches.rows[0]?.n}${diff ? ' BOOKS DIFFER' : ''}`;
  };

  for (let round = 1; round <= KILLS; round++) {
    await sleep(500 + random() * (MAX_GAP_MS - 500));
    await killGroup(backend, 'SIGKILL');
    backend = startBackend();
    let took: number;
    try {
      took = await waitOk(`${url}/health/ready`, 120_000, backend);
    } catch (e) {
      violations.push(`round ${round}: readiness did not return (${(e as Error).message})`);
      console.log(logs.slice(-20).join(''));
      break;
    }
    readyMs.push(took);
    console.log(`kill ${round}/${KILLS}: ready again in ${took} ms; ${await check(round)}`);
  }
  traffic = false;
  void pump;
  const sorted = [...readyMs].sort((a, b) => a - b);
  console.log(
    `\n${KILLS} SIGKILLs (seed ${SEED}, venue ${VENUE}); manual orders sent ${sent}; venue orders ${venue.submits().size}; ` +
      `readiness after restart min ${sorted[0]} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`,
  );
  console.log(`manual order answers: ${JSON.stringify(Object.fromEntries(answers))}`);
  console.log(`run took ${Math.round((Date.now() - began) / 1000)} s`);
  console.log(violations.length === 0 ? 'no violations' : `VIOLATIONS:\n${violations.join('\n')}`);
} finally {
  if (backend) await killGroup(backend, 'SIGKILL');
  if (platform) await killGroup(platform, 'SIGTERM');
  await venue.stop();
  await db?.close().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  await admin.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(violations.length === 0 ? 0 : 1);
