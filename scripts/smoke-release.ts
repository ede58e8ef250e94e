/**
 * Release smoke (pnpm smoke:release): boots the real platform-service and trading backend as
 * separate processes on fresh embedded storage and walks what a release must not break:
 * sign-in and session bootstrap (backend verifying the platform's RS256 tokens through its JWKS),
 * password reset, WebSocket token gating, the product kill switch and maintenance seen by the
 * backend, an operator pause, a manual order, and tenant isolation. Exits 1 on the first failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import { io } from 'socket.io-client';
import { freePort, waitFor } from '../test-support/net.js';

const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'smoke-'));
const children: ChildProcess[] = [];

function start(dir: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(root, dir),
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function json(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let step = 0;
async function check(name: string, fn: () => Promise<void>): Promise<void> {
  step++;
  const t0 = Date.now();
  await fn();
  console.log(
    `${pc.green('✔')} ${String(step).padStart(2)}. ${name} ${pc.dim(`(${Date.now() - t0} ms)`)}`,
  );
}
function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
async function eventually(
  fn: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main(): Promise<void> {
  const [pPort, bPort] = await Promise.all([freePort(), freePort()]);
  const platform = `http://127.0.0.1:${pPort}`;
  const backend = `http://127.0.0.1:${bPort}`;
  start('platform/service', {
    PORT: String(pPort),
    PUBLIC_URL: platform,
    PLATFORM_SEED_DEMO: 'true',
    PLATFORM_DATA_DIR: join(dataDir, 'platform'),
    DATABASE_URL: '',
  });
  await waitFor(`${platform}/health/live`);
  start('backend', {
    PORT: String(bPort),
    DATA_DIR: join(dataDir, 'backend'),
    DATABASE_URL: '',
    REDIS_URL: '',
    PLATFORM_API_URL: platform,
    PLATFORM_JWT_ISSUER: platform,
    PLATFORM_JWT_JWKS_URL: `${platform}/.well-known/jwks.json`,
    PLATFORM_STATUS_POLL_MS: '500',
  });
  await waitFor(`${backend}/health/live`);

  const login = async (email: string, password = 'demo-password-1') => {
    const r = await json(`${platform}/auth/login`, { body: { email, password } });
    assert(r.status === 200, `login ${email} answered ${r.status}`);
    return r.body as { accessToken: string; refreshToken: string };
  };
  let alice = '';
  let bob = '';
  let admin = '';
  let adminRefresh = '';

  await check('sign-in on the platform; backend verifies the token through the JWKS', async () => {
    alice = (await login('alice@acme.demo.test')).accessToken;
    bob = (await login('bob@globex.demo.test')).accessToken;
    const a = await login('admin@demo.bytelyst.test');
    admin = a.accessToken;
    adminRefresh = a.refreshToken;
    const me = await json(`${backend}/api/me/profile`, { token: alice });
    assert(
      me.status === 200 && me.body.tenantId === 'acme' && me.body.role === 'user',
      `me answered ${me.status} ${JSON.stringify(me.body)}`,
    );
    const bad = await json(`${backend}/api/me/profile`, { token: `${alice}x` });
    assert(bad.status === 401, `a tampered token answered ${bad.status}`);
  });

  await check('session refresh rotates tokens and the new token works on the backend', async () => {
    const r = await json(`${platform}/auth/refresh`, { body: { refreshToken: adminRefresh } });
    assert(r.status === 200, `refresh answered ${r.status}`);
    admin = r.body.accessToken;
    assert(
      (await json(`${backend}/api/admin/trading-control`, { token: admin })).status === 200,
      'refreshed admin token refused',
    );
  });

  await check('password reset: a mailed single-use token sets a new password', async () => {
    const email = `smoke-${Date.now()}@acme.demo.test`;
    const created = await json(`${platform}/admin/users`, {
      token: admin,
      body: { tenantId: 'acme', email, password: 'first-password-123' },
    });
    assert(
      created.status === 200 || created.status === 201,
      `user create answered ${created.status}`,
    );
    assert(
      (await json(`${platform}/auth/password-reset/request`, { body: { email } })).status < 300,
      'reset request refused',
    );
    let token = '';
    await eventually(async () => {
      const mail = await json(`${platform}/dev/mailbox?email=${encodeURIComponent(email)}`);
      token = /token=([A-Za-z0-9_-]+)/.exec(mail.body?.messages?.at(-1)?.text ?? '')?.[1] ?? '';
      return token.length > 0;
    }, 'the reset mail');
    assert(
      (
        await json(`${platform}/auth/password-reset/confirm`, {
          body: { token, newPassword: 'second-password-456' },
        })
      ).status < 300,
      'reset confirm refused',
    );
    assert(
      (
        await json(`${platform}/auth/password-reset/confirm`, {
          body: { token, newPassword: 'third-password-789' },
        })
      ).status >= 400,
      'a reset token worked twice',
    );
    await login(email, 'second-password-456');
  });

  await check('WebSocket: no token is refused, a valid token gets bot state', async () => {
    const refused = await new Promise<boolean>((resolve) => {
      const s = io(`${backend}/trading`, { transports: ['websocket'], reconnection: false });
      s.on('connect', () => (s.disconnect(), resolve(false)));
      s.on('connect_error', () => resolve(true));
    });
    assert(refused, 'a socket without a token connected');
    const state = await new Promise<{ status: string }>((resolve, reject) => {
      const s = io(`${backend}/trading`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token: alice },
      });
      s.on('bot_state', (b: { status: string }) => (s.disconnect(), resolve(b)));
      s.on('connect_error', reject);
    });
    assert(typeof state.status === 'string', 'no bot state');
  });

  const botStatus = async () =>
    (await json(`${backend}/api/bot-state`, { token: alice })).body as {
      status: string;
      verdict: { canEnter: boolean; reasons: string[] };
    };
  await check('product kill switch: backend stops new entries, and recovers', async () => {
    const off = await json(`${platform}/products/bytelyst-trading/status`, {
      method: 'PUT',
      token: admin,
      body: { enabled: false, reason: 'release smoke' },
    });
    assert(off.status === 200, `kill switch answered ${off.status}`);
    await eventually(
      async () => (await botStatus()).verdict.reasons.includes('PRODUCT_DISABLED'),
      'the backend to see the kill switch',
    );
    assert(!(await botStatus()).verdict.canEnter, 'entries allowed while the product is off');
    await json(`${platform}/products/bytelyst-trading/status`, {
      method: 'PUT',
      token: admin,
      body: { enabled: true, reason: 'release smoke done' },
    });
    await eventually(
      async () => !(await botStatus()).verdict.reasons.includes('PRODUCT_DISABLED'),
      'the backend to see the product back on',
    );
  });

  await check('maintenance: user writes refused with MAINTENANCE, reads still served', async () => {
    await json(`${platform}/products/bytelyst-trading/status`, {
      method: 'PUT',
      token: admin,
      body: {
        maintenance: { active: true, message: 'smoke maintenance', expectedEndAt: null },
        reason: 'release smoke',
      },
    });
    await eventually(
      async () =>
        // Enabling is not an exit (disable, close and cancel stay open in maintenance).
        (
          await json(`${backend}/api/profiles/p-alice-btc-trend/enable`, {
            method: 'POST',
            token: alice,
          })
        ).body?.error?.code === 'MAINTENANCE',
      'maintenance to reach the backend',
    );
    assert(
      (await json(`${backend}/api/profiles`, { token: alice })).status === 200,
      'reads refused in maintenance',
    );
    await json(`${platform}/products/bytelyst-trading/status`, {
      method: 'PUT',
      token: admin,
      body: {
        maintenance: { active: false, message: null, expectedEndAt: null },
        reason: 'release smoke done',
      },
    });
    await eventually(
      async () =>
        (
          await json(`${backend}/api/profiles/p-alice-btc-trend/enable`, {
            method: 'POST',
            token: alice,
          })
        ).status === 200,
      'maintenance to end',
    );
  });

  await check('operator pause is audited and blocks entries; resume lifts it', async () => {
    const r = await json(`${backend}/api/admin/trading-control`, {
      method: 'PUT',
      token: admin,
      body: { scope: 'global', mode: 'PAUSED', reason: 'release smoke pause' },
    });
    assert(r.status === 200, `pause answered ${r.status}`);
    assert((await botStatus()).verdict.reasons.includes('GLOBAL_PAUSED'), 'pause not in force');
    const audit = await json(`${backend}/api/admin/audit?action=control.pause`, { token: admin });
    assert(
      audit.body.items.some((e: { reason: string }) => e.reason === 'release smoke pause'),
      'pause not audited',
    );
    await json(`${backend}/api/admin/trading-control`, {
      method: 'PUT',
      token: admin,
      body: { scope: 'global', mode: 'RUNNING', reason: 'release smoke resume' },
    });
  });

  await check('a manual order is placed once per Idempotency-Key', async () => {
    // Right after start the first tick may not have arrived: no market data counts as stale, and a
    // stale symbol takes no new entries (fail-safe), so wait for prices to flow.
    await eventually(async () => {
      const state = (await json(`${backend}/api/bot-state`, { token: alice })).body as {
        verdict: { canEnter: boolean };
        lastTickAt: string | null;
      };
      return state.verdict.canEnter && state.lastTickAt !== null;
    }, 'entries to be allowed and prices to flow');
    const key = randomUUID();
    const body = {
      profileId: 'p-alice-btc-trend',
      symbol: 'BTC-USD',
      side: 'BUY',
      quantity: '0.001',
    };
    const a = await json(`${backend}/api/trade`, {
      token: alice,
      body,
      headers: { 'idempotency-key': key },
    });
    const b = await json(`${backend}/api/trade`, {
      token: alice,
      body,
      headers: { 'idempotency-key': key },
    });
    assert(a.status === 200, `trade answered ${a.status} ${JSON.stringify(a.body)}`);
    assert(a.body.order.id === b.body.order.id, 'a replayed key placed a second order');
  });

  await check("tenant isolation: another tenant's profile answers 404", async () => {
    assert(
      (await json(`${backend}/api/profiles/p-alice-btc-trend`, { token: bob })).status === 404,
      "bob saw alice's profile",
    );
    const bobs = await json(`${backend}/api/orders`, { token: bob });
    assert(
      bobs.body.items.every((o: { tenantId: string }) => o.tenantId === 'globex'),
      "bob saw another tenant's orders",
    );
  });

  await check(
    "roles: a tenant admin runs their own tenant, not another's nor the product",
    async () => {
      const acmeAdmin = (await login('acme-admin@acme.demo.test')).accessToken;
      const own = await json(`${backend}/api/admin/audit?limit=5`, { token: acmeAdmin });
      assert(own.status === 200, `own audit answered ${own.status}`);
      const foreign = await json(`${backend}/api/admin/trading-control`, {
        token: acmeAdmin,
        method: 'PUT',
        body: { scope: 'tenant', targetId: 'globex', mode: 'PAUSED', reason: 'smoke role check' },
      });
      assert(foreign.status === 404, `another tenant's pause answered ${foreign.status}`);
      const config = await json(`${backend}/api/admin/config`, { token: acmeAdmin });
      assert(config.status === 403, `operator config answered ${config.status} to a tenant admin`);
    },
  );

  await check('readiness is green', async () => {
    await eventually(
      async () => (await json(`${backend}/health/ready`)).status === 200,
      'readiness',
    );
  });
}

function stopAll(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => {
    console.log(pc.green(`release smoke passed (${step} checks)`));
    stopAll();
    process.exit(0);
  },
  (e: unknown) => {
    console.error(
      pc.red(
        `release smoke FAILED at step ${step + 1}: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
    stopAll();
    process.exit(1);
  },
);
