import { execFileSync } from 'node:child_process';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  platformAdminToken,
  type Service,
  setProductStatus,
  shot,
  signInAlice,
  startMobileStack,
} from './test-support/harness';
import { e2eEnv } from './test-support/env';

const HISTORY_POINTS = 500;
const WINDOW_MS = 120_000;

/** A database of its own on the CI server, so 500 equity snapshots can be written beside the backend. */
function ownDatabase(): { url: string; drop: () => void } | null {
  if (!e2eEnv.databaseUrl) return null;
  const server = new URL(e2eEnv.databaseUrl);
  const name = `mobile_bytes_${process.pid}`;
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const psql = (url: string, sql: string) =>
    execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8' });
  psql(admin.toString(), `DROP DATABASE IF EXISTS ${name}`);
  psql(admin.toString(), `CREATE DATABASE ${name}`);
  const own = new URL(server);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: () => {
      try {
        psql(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch {
        /* best effort: the name is per process */
      }
    },
  };
}

/**
 * Mobile robustness on the phone-size web build against the real services: the overview's
 * steady-state refresh in bytes per minute with a 500-point equity history (from Chromium's
 * network log), every tab opened offline (cached data or a clear offline state, never a
 * spinner), and a relaunch with the platform down after the kill switch was on (the blocked
 * screen from the status kept on the phone).
 */
describe.skipIf(!browserAvailable())('mobile robustness on the web build', () => {
  let platform: Service;
  let backend: Service;
  let app: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let db: ReturnType<typeof ownDatabase> = null;

  beforeAll(async () => {
    db = ownDatabase();
    // A realistic market pace (the other e2e files tick every 250 ms for speed).
    ({ platform, backend, app, browser, page } = await startMobileStack({
      backendEnv: { MARKET_TICK_MS: '1000', ...(db ? { DATABASE_URL: db.url } : {}) },
    }));
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await backend?.stop();
    await platform?.stop();
    db?.drop();
  });

  const signIn = async () => {
    await page.goto(app.url);
    await signInAlice(page);
  };

  it.skipIf(!e2eEnv.databaseUrl)(
    'refreshes the overview within 10 KB per minute with a 500-point equity history',
    async () => {
      // History older than anything the engine writes now: one snapshot a minute for 500 minutes.
      execFileSync(
        'psql',
        [
          db?.url ?? '',
          '-v',
          'ON_ERROR_STOP=1',
          '-qc',
          `INSERT INTO equity_snapshots
             (tenant_id, profile_id, at, equity, cash, unrealized_pnl, realized_pnl, drawdown_pct)
           SELECT 'acme', 'p-alice-btc-trend', now() - interval '1 day' + i * interval '1 minute',
                  10000 + (i % 37) * 3.25, 10000, 0, (i % 37) * 3.25, 0
           FROM generate_series(1, ${HISTORY_POINTS}) AS i`,
        ],
        { encoding: 'utf8' },
      );
      await signIn();
      const history = page.getByTestId('equity-history');
      await expect
        .poll(async () => history.getAttribute('aria-label'), { timeout: 60_000 })
        .toBe(`equity history, ${HISTORY_POINTS} snapshots`);
      await expect
        .poll(() => page.getByTestId('connectivity-level').first().textContent(), {
          timeout: 30_000,
        })
        .toContain('Live');
      await shot(page, 'm30-overview-history');
      // Steady state: whatever the first load fetched is done; now only the refresh counts.
      await page.waitForTimeout(5_000);
      const net = await recordNetwork(await page.context().newCDPSession(page));
      await page.waitForTimeout(WINDOW_MS);
      const r = net.stop();
      const perMinute = (n: number) => Math.round((n * 60_000) / WINDOW_MS);
      const rest = perMinute(r.httpBytes);
      const socket = perMinute(r.socketBytes);
      // The figure bench/RESULTS.md records (printed, and held to the budget).
      console.log(
        `[mobile-bytes] overview steady state, ${HISTORY_POINTS}-point equity history, ` +
          `${WINDOW_MS / 1000} s window: HTTP ${rest} B/min in ${perMinute(r.httpResponses)} ` +
          `responses/min (${r.notModified} of ${r.httpResponses} were 304); socket frames ` +
          `${socket} B/min; by path ${JSON.stringify(r.byPath)}`,
      );
      expect(rest).toBeLessThanOrEqual(10 * 1024);
      expect(r.httpResponses).toBeGreaterThan(0);
      // The curve is still whole: refreshes appended, never refetched it.
      expect(await history.getAttribute('aria-label')).toMatch(/equity history, 50\d snapshots/);
    },
    WINDOW_MS + 120_000,
  );

  it('shows cached data or a clear offline state on every tab, never a spinner', async () => {
    if (!(await page.getByTestId('bot-state').count())) await signIn();
    await page.context().setOffline(true);
    await expect
      .poll(() => page.getByTestId('connectivity-level').first().textContent(), { timeout: 45_000 })
      .toContain('Offline');
    for (const [tab, id] of [
      ['Positions', 'positions'],
      ['History', 'history'],
      ['Alerts', 'alerts'],
      ['Results', 'performance'],
      ['Profiles', 'strategies'],
      ['Settings', 'settings'],
      ['Home', 'overview'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      const screen = page.getByTestId(id);
      await screen.waitFor({ timeout: 15_000 });
      // Within a few seconds every spinner has turned into data or the offline state.
      await expect
        .poll(() => screen.locator('[role="progressbar"]').count(), { timeout: 10_000 })
        .toBe(0);
      const body = (await screen.textContent()) ?? '';
      expect(body).not.toContain('could not be reached');
      await shot(page, `m31-offline-${id}`);
    }
    await page.context().setOffline(false);
    await expect
      .poll(() => page.getByTestId('connectivity-level').first().textContent(), { timeout: 45_000 })
      .toContain('Live');
  }, 180_000);

  it('relaunched with the platform down after the kill switch, shows the blocked screen', async () => {
    if (!(await page.getByTestId('bot-state').count())) await signIn();
    const token = await platformAdminToken(platform.url);
    await setProductStatus({ platformUrl: platform.url, token, change: { enabled: false } });
    const blocked = page.getByTestId('product-gate-blocked');
    await blocked.waitFor({ timeout: 30_000 });
    // The platform goes away; the phone is relaunched.
    await platform.stop();
    await page.reload();
    await blocked.waitFor({ timeout: 30_000 });
    expect(await blocked.textContent()).toContain('The product is unavailable');
    expect(await page.getByTestId('blocked-last-known').textContent()).toContain(
      'cannot be reached right now',
    );
    expect(await page.getByTestId('bot-state').count()).toBe(0);
    await shot(page, 'm32-relaunch-blocked-platform-down');
    // The platform returns and lifts the switch: the app follows without a reload.
    await platform.restart();
    await setProductStatus({
      platformUrl: platform.url,
      token: await platformAdminToken(platform.url),
      change: { enabled: true },
    });
    await page.getByTestId('bot-state').waitFor({ timeout: 60_000 });
    expect(await blocked.count()).toBe(0);
  }, 180_000);
});

/** Bytes received per request from Chromium's network log (headers and body as sent on the wire). */
async function recordNetwork(cdp: CDPSession) {
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const statuses = new Map<string, number>();
  const streamed = new Map<string, number>();
  const finished = new Map<string, number>();
  let socketBytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    urls.set(e.requestId, e.response.url);
    statuses.set(e.requestId, e.response.status);
  });
  cdp.on('Network.dataReceived', (e) =>
    streamed.set(e.requestId, (streamed.get(e.requestId) ?? 0) + e.encodedDataLength),
  );
  cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.encodedDataLength));
  cdp.on('Network.webSocketFrameReceived', (e) => (socketBytes += e.response.payloadData.length));
  return {
    stop() {
      void cdp.detach().catch(() => undefined);
      const byPath: Record<string, number> = {};
      let httpBytes = 0;
      let notModified = 0;
      for (const [id, url] of urls) {
        // A finished response counts its total; a stream still open (status SSE) what arrived.
        const bytes = Math.max(finished.get(id) ?? 0, streamed.get(id) ?? 0);
        httpBytes += bytes;
        if (statuses.get(id) === 304) notModified++;
        const path = new URL(url).pathname.replace(/\/[0-9a-f-]{8,}/g, '/:id');
        byPath[path] = (byPath[path] ?? 0) + bytes;
      }
      return { httpBytes, httpResponses: urls.size, notModified, socketBytes, byPath };
    },
  };
}
