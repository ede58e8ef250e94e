import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import * as stack from '../../../test-support/stack';
import { e2eEnv, inheritedEnv } from './env';

export {
  browserAvailable,
  freePort,
  launchBrowser,
  platformAdminToken,
  setProductStatus,
  startBackend,
  placeOrderOutsideTheSystem,
  startPaperVenue,
  type Service,
} from '../../../test-support/stack';

export const MOBILE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = e2eEnv.screenshotDir ?? join(tmpdir(), 'bytelyst-mobile-e2e');

export const startPlatform = (appOrigin: string) => stack.startPlatform({ appOrigin });

/** Signs the demo user in on the app's sign-in screen and waits for the bot state to show. */
export async function signInAlice(page: Page): Promise<void> {
  await page.getByLabel('Email').fill('alice@acme.demo.test');
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('bot-state').waitFor({ timeout: 30_000 });
}

export const shot = (page: Page, name: string) =>
  stack.screenshot(page, { dir: SCREENSHOT_DIR, name });

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
};

/**
 * `expo export --platform web` with the service URLs baked in (Expo inlines EXPO_PUBLIC_* at
 * bundle time, as a release build does), served as a single-page app.
 */
export async function startApp(opts: {
  apiUrl: string;
  platformUrl: string;
  port: number;
}): Promise<{ url: string; stop: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'mobile-e2e-dist-'));
  const exportLog = await new Promise<string>((resolve, reject) => {
    let log = '';
    const child = spawn(
      join(MOBILE_ROOT, 'node_modules/.bin/expo'),
      // --clear: Metro's transform cache does not key on EXPO_PUBLIC_* values, so a cached
      // build would keep the URLs of the previous export.
      ['export', '--platform', 'web', '--output-dir', outDir, '--clear'],
      {
        cwd: MOBILE_ROOT,
        env: {
          ...inheritedEnv(),
          CI: '1',
          EXPO_PUBLIC_TRADING_API_URL: opts.apiUrl,
          EXPO_PUBLIC_PLATFORM_URL: opts.platformUrl,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(log) : reject(new Error(`expo export failed (${code}):\n${log}`)),
    );
  });
  const server = createHttpServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(outDir, path);
    if (!file.startsWith(outDir) || !existsSync(file) || statSync(file).isDirectory())
      file = join(outDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(opts.port, '127.0.0.1', () => r()));
  if (!exportLog.includes('Exported')) throw new Error(`unexpected export output:\n${exportLog}`);
  return {
    url: `http://127.0.0.1:${opts.port}`,
    stop: async () => {
      await new Promise((r) => server.close(r));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** What every mobile browser test runs against: the services, the app's web export, a phone. */
export interface MobileStack {
  platform: stack.Service;
  backend: stack.Service;
  app: { url: string; stop: () => Promise<void> };
  browser: Browser;
  page: Page;
}

/**
 * Starts the platform, a backend (with `backendEnv`), the app's web export and Chromium with a
 * 390 px touch phone page. What started is stopped again if a later step fails.
 */
export async function startMobileStack(
  o: { backendEnv?: Record<string, string> } = {},
): Promise<MobileStack> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const appPort = await stack.freePort();
    const appOrigin = `http://127.0.0.1:${appPort}`;
    const platform = await stack.startPlatform({ appOrigin });
    started.push(platform);
    const backend = await stack.startBackend({
      platformUrl: platform.url,
      appOrigin,
      ...(o.backendEnv ? { env: o.backendEnv } : {}),
    });
    started.push(backend);
    const app = await startApp({ apiUrl: backend.url, platformUrl: platform.url, port: appPort });
    started.push(app);
    const browser = await stack.launchBrowser();
    started.push({ stop: () => browser.close() });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    return { platform, backend, app, browser, page: await context.newPage() };
  } catch (error) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw error;
  }
}
