/**
 * Black-box crash loop: the real backend process on PostgreSQL, trading the demo against a paper
 * venue that lives OUTSIDE it (in this script's process, over HTTP), is killed with SIGKILL at
 * random moments while orders are in flight, and restarted, again and again. After every restart
 * it checks, from the outside only:
 *
 * - readiness (`GET /health/ready`) returns;
 * - no client order id was ever submitted to the venue twice (a resend would be a second order);
 * - every ledger transaction in the database balances to zero;
 * - the books (positions summed per tenant and symbol) equal the venue's account positions.
 *
 * Usage: pnpm crash-loop [kills=30] [seed]   (DATABASE_URL's server, default the local one; it
 * creates and drops its own database)
 * Prints one line per kill and a summary; exits 1 on any violation.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPaperVenue } from '../backend/scripts/paper-venue.js';
import { openPostgresDriver } from '../backend/src/adapters/store/postgres-driver.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const KILLS = Number(process.argv[2] ?? 30);
let seed = Number(process.argv[3] ?? Date.now() % 100_000);
const SEED = seed;
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
const venuePort = await freePort();
const venue = await startPaperVenue({ port: venuePort, seed: 7 });
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
        EXCHANGE: 'paper-remote',
        PAPER_VENUE_URL: venue.url,
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
    const twice = [...venue.submitAttempts.entries()].filter(([, n]) => n > 1);
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
      for (const tenant of ['acme', 'globex']) {
        const books = await store.query<{ symbol: string; q: string }>(
          `SELECT symbol, sum(quantity)::text AS q FROM positions WHERE tenant_id = $1
            GROUP BY symbol`,
          [tenant],
        );
        const venuePos = venue.exchange.account(tenant).positions;
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
    return `venue orders ${venue.submitAttempts.size}, mismatch alerts ${mismatches.rows[0]?.n}${diff ? ' BOOKS DIFFER' : ''}`;
  };

  for (let round = 1; round <= KILLS; round++) {
    await sleep(500 + random() * 5_500);
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
    `\n${KILLS} SIGKILLs (seed ${SEED}); manual orders sent ${sent}; venue orders ${venue.submitAttempts.size}; ` +
      `readiness after restart min ${sorted[0]} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`,
  );
  console.log(`manual order answers: ${JSON.stringify(Object.fromEntries(answers))}`);
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
