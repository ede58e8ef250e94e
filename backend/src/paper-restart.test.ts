import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  call,
  eventually,
  mintToken,
  startTestBackend,
  type TestBackend,
} from '../test-support/backend-harness.js';
import { positionQuantity } from '../test-support/reads.js';
import { demoPaperVenue } from '../test-support/two-instances.js';
import type { PaperExchange } from './adapters/exchange/paper/paper-exchange.js';

const PROFILE = 'p-alice-btc-trend';

/**
 * The default `pnpm start` setup (embedded PGlite in a data directory, the in-process paper
 * venue, the demo seed) restarted with an open paper position: the venue's books come back from
 * the database, so reconciliation finds no mismatch and the profile keeps trading.
 */
describe('a backend restart on embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paper-restart-'));
  let b: TestBackend | null = null;
  afterAll(async () => {
    await b?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () =>
    // Real-time speed: candles close once a minute, so the strategy cannot move the position
    // between the checks below.
    startTestBackend({
      speed: 1,
      env: { DATA_DIR: dataDir, DEMO_SEED: 'true', MARKET_TICK_MS: '250' },
    });

  const positionOf = (backend: TestBackend, token: string): Promise<bigint> =>
    positionQuantity(backend, token, PROFILE, 'BTC-USD');
  const trade = (backend: TestBackend, token: string, side: 'BUY' | 'SELL', quantity: string) =>
    call(backend, {
      method: 'POST',
      path: '/api/trade',
      token,
      body: { profileId: PROFILE, symbol: 'BTC-USD', side, quantity },
      headers: { 'idempotency-key': randomUUID() },
    });

  it('keeps the open position, raises no mismatch, and trades on', async () => {
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    b = await start();
    const first = b;
    // An open position: the demo strategy usually opens one at once; otherwise buy one.
    await eventually(async () => {
      if ((await positionOf(first, alice)) !== 0n) return;
      const r = await trade(first, alice, 'BUY', '0.01');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }, 30_000);
    const before = await positionOf(first, alice);
    expect(before).not.toBe(0n);
    const venueBefore = first.parts.exchange.account('acme').positions.get('BTC-USD');
    expect(venueBefore).toBe(before);
    await first.stop();
    b = null;

    b = await start();
    const second = b;
    // The venue reloaded its books: the restarted venue holds the same position.
    await eventually(() => {
      expect(second.parts.exchange.account('acme').positions.get('BTC-USD')).toBe(before);
    }, 30_000);
    // Readiness turns green only once the tenant loops are held again (not at boot), and a busy
    // machine takes a few seconds to get there.
    await eventually(async () => {
      expect((await call(second, { path: '/health/ready' })).status).toBe(200);
    }, 30_000);
    expect(await positionOf(second, alice)).toBe(before);
    const alerts = await call(second, { path: '/api/alerts', token: alice });
    const codes = (alerts.body.items as { code: string }[]).map((a) => a.code);
    expect(codes).not.toContain('POSITION_MISMATCH');
    const profile = await call(second, { path: `/api/profiles/${PROFILE}`, token: alice });
    expect(profile.body.mode).not.toBe('BLOCKED');
    expect(profile.body.blockedReason).toBeNull();
    // And it keeps trading: a new order fills, books and venue agree.
    const r = await trade(second, alice, before > 0n ? 'SELL' : 'BUY', '0.001');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.order.status).toBe('FILLED');
    const after = await positionOf(second, alice);
    expect(after).toBe(second.parts.exchange.account('acme').positions.get('BTC-USD'));
    expect(after).not.toBe(before);
  }, 120_000);
});

/**
 * The case the durable venue prevents, forced: a venue that lost its books. The restart then
 * blocks the profile, and the API says so on the profile itself, with the figures.
 */
describe('a venue that lost its books across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paper-lost-'));
  let b: TestBackend | null = null;
  afterAll(async () => {
    await b?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('blocks the profile and shows BLOCKED with the books and venue figures', async () => {
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const start = (exchange: PaperExchange) =>
      startTestBackend({
        speed: 1,
        exchange,
        env: { DATA_DIR: dataDir, DEMO_SEED: 'true', MARKET_TICK_MS: '250' },
      });
    const venue = demoPaperVenue;
    b = await start(venue());
    const first = b;
    await eventually(async () => {
      const r = await call(first, { path: `/api/positions?profileId=${PROFILE}`, token: alice });
      if ((r.body.items as unknown[]).length > 0) return;
      const t = await call(first, {
        method: 'POST',
        path: '/api/trade',
        token: alice,
        body: { profileId: PROFILE, symbol: 'BTC-USD', side: 'BUY', quantity: '0.01' },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(t.status, JSON.stringify(t.body)).toBe(200);
    }, 30_000);
    await first.stop();
    b = await start(venue()); // a fresh, empty venue: it forgot everything
    const second = b;
    await eventually(async () => {
      const p = await call(second, { path: `/api/profiles/${PROFILE}`, token: alice });
      expect(p.body.effective).toMatchObject({ state: 'BLOCKED', layer: 'profile' });
      expect(p.body.effective.reason).toMatch(/BTC-USD: books [0-9.]+, venue 0/);
    }, 30_000);
  }, 120_000);
});
