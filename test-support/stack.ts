/**
 * The real product stack for browser tests (web and mobile): the platform-service and the trading
 * backend as separate processes on free ports with throwaway embedded storage, Debian's Chromium,
 * and the two platform calls tests make (operator sign-in, product status changes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inheritedEnv, stackEnv } from './env.js';
import { freePort, waitFor } from './net.js';

export { freePort, waitFor } from './net.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

/** In CI a missing browser is a failure, not a skip; locally the suite skips without it. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (stackEnv.ci) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return false;
}

export interface Service {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
  /**
   * Stops the process with SIGTERM (as a deploy does), waits for it to exit, and starts it
   * again on the same port with the same data; resolves when it answers `readyPath` (or live).
   */
  restart: (o?: { readyPath?: string; timeoutMs?: number }) => Promise<void>;
}

/** A workspace service (tsx entry) in its own process group with its own temporary data dir. */
export async function startService(opts: {
  name: string;
  /** Folder of the service, relative to the repo root. */
  dir: string;
  env: (url: string) => Record<string, string>;
  /** Entry file and its arguments, relative to `dir` (default `src/main.ts`, none). */
  entry?: (port: number) => string[];
  /** What answers once the service is up (default `/health/live`). */
  livePath?: string;
}): Promise<Service> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const live = opts.livePath ?? '/health/live';
  const dataDir = mkdtempSync(join(tmpdir(), `e2e-${opts.name}-`));
  let output = '';
  const spawnChild = (): ChildProcess => {
    const child = spawn(
      join(REPO_ROOT, 'node_modules/.bin/tsx'),
      opts.entry?.(port) ?? ['src/main.ts'],
      {
        cwd: join(REPO_ROOT, opts.dir),
        env: {
          ...inheritedEnv(),
          LOG_LEVEL: 'warn',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: join(dataDir, 'backend'),
          PLATFORM_DATA_DIR: join(dataDir, 'platform'),
          // Throwaway embedded storage: never the CI database, so suites cannot collide.
          DATABASE_URL: '',
          REDIS_URL: '',
          ...opts.env(url),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    return child;
  };
  let child = spawnChild();
  const terminate = async () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid, 'SIGKILL');
        await exited;
      }
    }
  };
  const stop = async () => {
    await terminate();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const restart: Service['restart'] = async (o = {}) => {
    await terminate();
    child = spawnChild();
    await waitFor(`${url}${o.readyPath ?? live}`, o.timeoutMs ?? 90_000, child);
  };
  try {
    await waitFor(`${url}${live}`, 90_000, child);
  } catch (e) {
    await stop();
    throw new Error(`${opts.name} did not start: ${(e as Error).message}\n${output.slice(-2000)}`, {
      cause: e,
    });
  }
  return { url, log: () => output, stop, restart };
}

/** The real platform-service, demo users seeded, answering CORS for the app's origin. */
export function startPlatform(opts: {
  appOrigin: string;
  env?: Record<string, string>;
}): Promise<Service> {
  return startService({
    name: 'platform',
    dir: 'platform/service',
    env: (url) => ({
      PLATFORM_SEED_DEMO: 'true',
      PUBLIC_URL: url,
      CORS_ALLOWED_ORIGINS: opts.appOrigin,
      ...opts.env,
    }),
  });
}

/** The real trading backend on embedded PGlite, verifying tokens against the platform's JWKS. */
export function startBackend(opts: {
  platformUrl: string;
  appOrigin: string;
  env?: Record<string, string>;
}): Promise<Service> {
  return startService({
    name: 'backend',
    dir: 'backend',
    env: () => ({
      NODE_ENV: 'test',
      PLATFORM_API_URL: opts.platformUrl,
      PLATFORM_AUTH_ENABLED: 'true',
      PLATFORM_JWT_ISSUER: opts.platformUrl,
      PLATFORM_JWT_JWKS_URL: `${opts.platformUrl}/.well-known/jwks.json`,
      PLATFORM_STATUS_POLL_MS: '500',
      CORS_ALLOWED_ORIGINS: opts.appOrigin,
      DEMO_SEED: 'true',
      EXCHANGE: 'paper',
      MARKET_TICK_MS: '250',
      ...opts.env,
    }),
  });
}

/**
 * A paper venue in its own process (memory only, its own seeded market), for a backend run with
 * `EXCHANGE=paper-remote PAPER_VENUE_URL=<url>`: it outlives backend restarts, and a test can
 * trade on its accounts directly over HTTP (an order the books never heard of).
 */
export function startPaperVenue(seed = 7): Promise<Service> {
  return startService({
    name: 'paper-venue',
    dir: 'backend',
    entry: (port) => ['scripts/paper-venue.ts', String(port), String(seed)],
    livePath: '/health',
    env: () => ({}),
  });
}

/**
 * Buys `quantity` BTC-USD at market on a tenant's paper-venue account behind the system's back:
 * the books never hear of it, so the backend's next reconciliation finds the venue holding more.
 */
export function placeOrderOutsideTheSystem(
  venue: Service,
  o: { clientOrderId: string; tenantId?: string; quantity?: string },
): Promise<Response> {
  return fetch(`${venue.url}/accounts/${o.tenantId ?? 'acme'}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientOrderId: o.clientOrderId,
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      quantity: o.quantity ?? '0.02',
      limitPrice: null,
      stopPrice: null,
      reduceOnly: false,
    }),
  });
}

/**
 * The local exchange speaking Binance's protocol in its own process (demo keys from
 * backend/test-support/local-binance/demo-keys.ts), for a backend run with
 * `LOCAL_EXCHANGE_URL=<url>`.
 */
export function startLocalExchange(seed = 11): Promise<Service> {
  return startService({
    name: 'local-exchange',
    dir: 'backend',
    entry: (port) => ['scripts/local-exchange.ts', String(port), String(seed)],
    livePath: '/api/v3/ping',
    env: () => ({}),
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function screenshot(
  page: Page,
  opts: { dir: string; name: string; fullPage?: boolean },
): Promise<string> {
  const path = join(opts.dir, `${opts.name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false });
  return path;
}

export async function platformAdminToken(platformUrl: string): Promise<string> {
  const res = await fetch(`${platformUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.bytelyst.test', password: 'demo-password-1' }),
  });
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

/** Changes the product kill switch or maintenance on the platform, as an operator would. */
export async function setProductStatus(opts: {
  platformUrl: string;
  token: string;
  change: Record<string, unknown>;
}): Promise<void> {
  const res = await fetch(`${opts.platformUrl}/products/bytelyst-trading/status`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
    body: JSON.stringify({ reason: 'browser test', ...opts.change }),
  });
  if (!res.ok) throw new Error(`status change failed: ${res.status} ${await res.text()}`);
}
