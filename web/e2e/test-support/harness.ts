import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import * as stack from '../../../test-support/stack';
import { e2eEnv, setBuildEnv } from './env';

export {
  browserAvailable,
  placeOrderOutsideTheSystem,
  startPaperVenue,
  startLocalExchange,
  freePort,
  launchBrowser,
  platformAdminToken,
  waitFor,
  type Service,
} from '../../../test-support/stack';

export const WEB_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = e2eEnv.screenshotDir ?? join(tmpdir(), 'bytelyst-web-e2e');

/** The platform, with the password-reset mails linking to the web under test. */
export const startPlatform = (webOrigin: string, allowedOrigins = webOrigin) =>
  stack.startPlatform({
    appOrigin: allowedOrigins,
    env: { PASSWORD_RESET_URL: `${webOrigin}/reset-password` },
  });

export const startBackend = (opts: {
  platformUrl: string;
  webOrigin: string;
  env?: Record<string, string>;
}) =>
  stack.startBackend({
    platformUrl: opts.platformUrl,
    appOrigin: opts.webOrigin,
    ...(opts.env ? { env: opts.env } : {}),
  });

export const setProductStatus = (
  platformUrl: string,
  token: string,
  change: Record<string, unknown>,
) => stack.setProductStatus({ platformUrl, token, change });

export const shot = (page: Page, name: string) =>
  stack.screenshot(page, { dir: SCREENSHOT_DIR, name, fullPage: true });

export async function startWeb(opts: {
  apiUrl: string;
  platformUrl: string;
  port: number;
}): Promise<{ url: string; stop: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'e2e-web-dist-'));
  setBuildEnv({ VITE_TRADING_API_URL: opts.apiUrl, VITE_PLATFORM_URL: opts.platformUrl });
  await build({
    root: WEB_ROOT,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  const server: PreviewServer = await preview({
    root: WEB_ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: opts.port, strictPort: true },
  });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    stop: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(
  page: Page,
  email: string,
  password = 'demo-password-1',
): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('status-bar').waitFor();
}

/** Opens a screen from the main navigation (page text may link to the same screens). */
export async function openTab(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name, exact: true })
    .click();
}

export interface RealStack {
  platform: stack.Service;
  backend: stack.Service;
  web: { url: string; stop: () => Promise<void> };
  browser: Browser;
  /** A free port whose origin the services also allow (for a second app, e.g. mobile web). */
  mobilePort: number;
  /** A fresh browser context (its own session) with one page. */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  stop: () => Promise<void>;
}

/** The whole product for a browser test: real platform, real backend, the built web, Chromium. */
export async function startRealStack(
  o: { backendEnv?: Record<string, string> } = {},
): Promise<RealStack> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const webPort = await stack.freePort();
  const mobilePort = await stack.freePort();
  const webOrigin = `http://127.0.0.1:${webPort}`;
  const origins = `${webOrigin},http://127.0.0.1:${mobilePort}`;
  const platform = await startPlatform(webOrigin, origins);
  const backend = await startBackend({
    platformUrl: platform.url,
    webOrigin: origins,
    ...(o.backendEnv ? { env: o.backendEnv } : {}),
  });
  const web = await startWeb({ apiUrl: backend.url, platformUrl: platform.url, port: webPort });
  const browser = await stack.launchBrowser();
  return {
    platform,
    backend,
    web,
    browser,
    mobilePort,
    newPage: async (viewport = { width: 1440, height: 900 }) =>
      (await browser.newContext({ viewport })).newPage(),
    stop: async () => {
      await browser.close();
      await web.stop();
      await backend.stop();
      await platform.stop();
    },
  };
}
