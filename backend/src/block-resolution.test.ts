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
import { parseFixed } from './domain/money/fixed.js';

const PROFILE = 'p-alice-btc-trend';
type Entry = { transactionId: string; amount: string; memo: string };

/**
 * The operator's way out of a mismatch block, end to end on embedded defaults: a venue that
 * forgot the books' position (adopt), then a venue holding more than the books (flatten). Each
 * decision lifts the block, posts balanced ledger transactions and writes exactly one audit row
 * (keep_blocked writes its row and changes nothing else).
 */
describe('resolving a blocked profile', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'block-resolution-'));
  let b: TestBackend | null = null;
  afterAll(async () => {
    await b?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const venue = demoPaperVenue;
  const start = async (exchange: PaperExchange) =>
    (b = await startTestBackend({
      // Real-time speed: candles close once a minute, so the strategy leaves the books alone.
      speed: 1,
      exchange,
      env: { DATA_DIR: dataDir, DEMO_SEED: 'true', MARKET_TICK_MS: '250' },
    }));
  const restart = async (exchange: PaperExchange) => {
    await b?.stop();
    b = null;
    return start(exchange);
  };

  const bookQty = (backend: TestBackend, token: string) =>
    positionQuantity(backend, token, PROFILE, 'BTC-USD');
  const blockedProfile = async (backend: TestBackend, token: string) =>
    eventually(async () => {
      const p = await call(backend, { path: `/api/profiles/${PROFILE}`, token });
      expect(p.body.effective).toMatchObject({ state: 'BLOCKED', layer: 'profile' });
      return p.body as { blockedReason: string; effective: { reason: string } };
    }, 30_000);
  const resolve = (backend: TestBackend, token: string, body: unknown) =>
    call(backend, { method: 'POST', path: `/api/profiles/${PROFILE}/resolve`, token, body });
  /** Every ledger transaction of the profile sums to exactly zero. */
  const ledgerOf = async (backend: TestBackend, token: string) => {
    const r = await call(backend, { path: `/api/ledger?profileId=${PROFILE}&limit=500`, token });
    expect(r.status).toBe(200);
    const entries = r.body.items as Entry[];
    const sums = new Map<string, bigint>();
    for (const e of entries)
      sums.set(e.transactionId, (sums.get(e.transactionId) ?? 0n) + parseFixed(e.amount));
    for (const [tx, sum] of sums) expect(sum, tx).toBe(0n);
    return entries;
  };
  const resolutions = async (backend: TestBackend, token: string) => {
    const r = await call(backend, { path: '/api/admin/audit?action=profile.resolve', token });
    expect(r.status).toBe(200);
    return r.body.items as {
      actor: { id: string; type: string };
      reason: string;
      after: { action: string; figures: { symbol: string; books: string; venue: string }[] };
    }[];
  };

  it('adopt and flatten each lift the block with a balanced ledger and one audit row', async () => {
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const operator = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });

    // 1. An open position on a venue that is then lost: books X, venue 0.
    const first = await start(venue());
    await eventually(async () => {
      if ((await bookQty(first, alice)) > 0n) return;
      const t = await call(first, {
        method: 'POST',
        path: '/api/trade',
        token: alice,
        body: { profileId: PROFILE, symbol: 'BTC-USD', side: 'BUY', quantity: '0.01' },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(t.status, JSON.stringify(t.body)).toBe(200);
      expect(await bookQty(first, alice)).toBeGreaterThan(0n);
    }, 30_000);
    const forgetful = venue();
    const second = await restart(forgetful);
    const blocked = await blockedProfile(second, alice);
    expect(blocked.effective.reason).toMatch(/BTC-USD: books [0-9.]+, venue 0/);
    // Persisted on the profile row, so every instance (and the next start) reads it.
    expect(blocked.blockedReason).toMatch(/^RECONCILIATION_MISMATCH/);
    const books = await bookQty(second, alice);
    expect(books).toBeGreaterThan(0n);

    // A user cannot decide; a reason is required; flatten would open exposure here.
    expect((await resolve(second, alice, { action: 'adopt', reason: 'mine' })).status).toBe(403);
    expect((await resolve(second, operator, { action: 'adopt', reason: '' })).status).toBe(400);
    const refused = await resolve(second, operator, { action: 'flatten', reason: 'close it' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error.message).toMatch(/adopt instead/);
    expect(await resolutions(second, operator)).toHaveLength(0);
    // Keeping it blocked is a decision too: recorded, nothing else changes.
    const kept = await resolve(second, operator, {
      action: 'keep_blocked',
      reason: 'ask the desk',
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body).toMatchObject({ blocked: true, ledgerTransactionIds: [], orders: [] });
    expect(kept.body.blockedReason).toBe(blocked.blockedReason);
    // The decision acknowledges the block's alert (someone has looked), whichever it was.
    expect(kept.body.acknowledgedAlerts).toBeGreaterThanOrEqual(1);
    expect(await bookQty(second, alice)).toBe(books);
    expect(await resolutions(second, operator)).toHaveLength(1);

    const adopted = await resolve(second, operator, {
      action: 'adopt',
      reason: 'venue lost its books in the restart; the venue is the truth',
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect(adopted.body).toMatchObject({
      action: 'adopt',
      blocked: false,
      blockedReason: null,
      orders: [],
    });
    expect(adopted.body.figures).toEqual([
      expect.objectContaining({ symbol: 'BTC-USD', venue: '0', books: expect.any(String) }),
    ]);
    expect(adopted.body.ledgerTransactionIds).toHaveLength(1);
    expect(adopted.body.acknowledgedAlerts).toBe(0);
    // The books now hold what the venue holds, through one balanced adjusting transaction.
    expect(await bookQty(second, alice)).toBe(0n);
    const ledger = await ledgerOf(second, alice);
    const adjusting = ledger.filter(
      (e) => e.transactionId === adopted.body.ledgerTransactionIds[0],
    );
    expect(adjusting.length).toBeGreaterThanOrEqual(2);
    expect(adjusting[0]?.memo).toMatch(/^adopt: books to the venue's position/);
    const after = await call(second, { path: `/api/profiles/${PROFILE}`, token: alice });
    expect(after.body.effective.state).not.toBe('BLOCKED');
    expect(after.body.blockedReason).toBeNull();
    const alerts = await call(second, { path: '/api/alerts', token: alice });
    const mismatch = (alerts.body.items as { code: string; acknowledged: boolean }[]).filter(
      (a) => a.code === 'POSITION_MISMATCH',
    );
    expect(mismatch.length).toBeGreaterThan(0);
    expect(mismatch.every((a) => a.acknowledged)).toBe(true);
    let rows = await resolutions(second, operator);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.after.action === 'adopt')).toMatchObject({
      actor: { id: 'u-admin', type: 'operator' },
      reason: 'venue lost its books in the restart; the venue is the truth',
      after: { action: 'adopt', figures: [expect.objectContaining({ symbol: 'BTC-USD' })] },
    });
    // Resolved once: a second decision finds nothing blocked.
    expect((await resolve(second, operator, { action: 'adopt', reason: 'again' })).status).toBe(
      409,
    );

    // 2. A venue holding more than the books (books 0, venue 0.02): flatten sells the extra.
    const extra = venue();
    extra.account('acme').positions.set('BTC-USD', parseFixed('0.02'));
    const third = await restart(extra);
    const again = await blockedProfile(third, alice);
    expect(again.effective.reason).toMatch(/BTC-USD: books 0, venue 0.02/);
    const flattened = await resolve(third, operator, {
      action: 'flatten',
      reason: 'position opened outside the system; close it at the venue',
    });
    expect(flattened.status, JSON.stringify(flattened.body)).toBe(200);
    expect(flattened.body).toMatchObject({ action: 'flatten', blocked: false });
    expect(flattened.body.orders).toEqual([
      expect.objectContaining({ side: 'SELL', quantity: '0.02', origin: 'close' }),
    ]);
    // The answer may come before the venue's fill report is booked (a loaded machine): the
    // order fills, and venue and books agree where the books were: flat.
    const sell = (flattened.body.orders as { id: string }[])[0]?.id ?? '';
    await eventually(async () => {
      const o = await call(third, { path: `/api/orders?profileId=${PROFILE}`, token: alice });
      const order = (o.body.items as { id: string; status: string }[]).find((x) => x.id === sell);
      expect(order?.status).toBe('FILLED');
      expect(extra.account('acme').positions.get('BTC-USD') ?? 0n).toBe(0n);
      expect(await bookQty(third, alice)).toBe(0n);
    }, 30_000);
    const ledger2 = await ledgerOf(third, alice);
    expect(ledger2.length).toBeGreaterThan(ledger.length);
    const p3 = await call(third, { path: `/api/profiles/${PROFILE}`, token: alice });
    expect(p3.body.effective.state).not.toBe('BLOCKED');
    rows = await resolutions(third, operator);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.after.action === 'flatten')).toHaveLength(1);
  }, 180_000);
});
