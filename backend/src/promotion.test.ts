import { randomUUID } from 'node:crypto';
import { DEFAULT_RISK_LIMITS } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  eventually,
  mintToken,
  startTestBackend,
  type TestBackend,
} from '../test-support/backend-harness.js';
import { LocalBinance } from '../test-support/local-binance/local-binance.js';
import { parseFixed } from './domain/money/fixed.js';

const CAP = '100';

/**
 * Issue 15's promotion "must show", through the API and the engine: a profile without the paper
 * record the tenant's policy asks for cannot be switched to a live account (and a plain edit
 * cannot do it at all); with the record, the confirmed switch is audited, and the first orders on
 * the live account respect the ramp-up cap (sized down at the pre-trade gate, with the reason).
 */
describe('paper first, then live', () => {
  let lb: LocalBinance;
  let b: TestBackend;
  let mirror: NodeJS.Timeout;
  let alice: string;
  let admin: string;
  let liveAccount: string;
  let profileId: string;
  const apiKey = `live-key-${'k'.repeat(16)}`;
  const secret = `live-secret-${'s'.repeat(16)}`;

  beforeAll(async () => {
    lb = new LocalBinance({ livePrices: false });
    const url = await lb.listen();
    lb.addAccount({ apiKey, secret, accountId: 'alice-live' });
    b = await startTestBackend({
      speed: 1,
      env: { DEMO_SEED: 'true', LOCAL_EXCHANGE_URL: url, MARKET_TICK_MS: '250' },
    });
    const copyPrices = () => {
      for (const p of b.parts.engine.prices()) lb.setPrice(p.symbol, Number(p.price));
    };
    copyPrices();
    mirror = setInterval(copyPrices, 200);
    alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    admin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
  }, 90_000);

  afterAll(async () => {
    clearInterval(mirror);
    await b?.stop();
    await lb?.close();
  });

  const trade = (side: 'BUY' | 'SELL', quantity: string) =>
    call(b, {
      method: 'POST',
      path: '/api/trade',
      token: alice,
      body: { profileId, symbol: 'BTC-USD', side, quantity },
      headers: { 'idempotency-key': randomUUID() },
    });
  const profile = async () =>
    (await call(b, { path: `/api/profiles/${profileId}`, token: alice })).body as {
      version: number;
      venueAccountId: string | null;
    };
  const promote = async () =>
    call(b, {
      method: 'POST',
      path: `/api/profiles/${profileId}/promote`,
      token: alice,
      body: {
        venueAccountId: liveAccount,
        confirm: true,
        expectedVersion: (await profile()).version,
      },
    });

  it('refuses without the record, then promotes, audits and ramps up', async () => {
    // The tenant's policy, set by its admin: one closed paper trade, then orders capped at 100.
    const policy = await call(b, {
      method: 'PUT',
      path: '/api/admin/promotion-policy',
      token: admin,
      body: {
        minPaperDays: 0,
        minTrades: 1,
        recordDays: 30,
        rampUp: [
          { fromDay: 0, maxOrderNotional: CAP },
          { fromDay: 3, maxOrderNotional: '1000' },
        ],
        fullAfterDays: 7,
        reason: 'first live desk',
      },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    expect((await call(b, { path: '/api/promotion-policy', token: alice })).body.minTrades).toBe(1);

    const connected = await call(b, {
      method: 'POST',
      path: '/api/venue-accounts',
      token: alice,
      body: { venueId: 'localbinance', label: 'Live desk', apiKey, secret, mode: 'live' },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(200);
    liveAccount = connected.body.id;

    const created = await call(b, {
      method: 'POST',
      path: '/api/profiles',
      token: alice,
      body: {
        name: 'Candidate',
        symbols: ['BTC-USD'],
        timeframe: '1h',
        strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
        capitalAllocation: '5000',
        // The paper round trip loses its fees; no cooldown, so the first live order goes out.
        risk: { ...DEFAULT_RISK_LIMITS, cooldownAfterLossMs: 0 },
        enabled: true,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    profileId = created.body.id;
    expect(created.body.venueAccountId).toBeNull();

    // A plain edit never reaches a live account.
    const edit = await call(b, {
      method: 'PATCH',
      path: `/api/profiles/${profileId}`,
      token: alice,
      body: { venueAccountId: liveAccount, expectedVersion: created.body.version },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('PROMOTION_REQUIRED');

    // No paper record yet: refused with the shortfall.
    const early = await promote();
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('PAPER_RECORD_INSUFFICIENT');
    expect(early.body.error.details.reasons).toEqual([
      '0 closed trade(s) on paper; the policy asks for 1',
    ]);

    // A paper round trip. While it holds the position, the account cannot change either.
    await eventually(async () => {
      const r = await trade('BUY', '0.01');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }, 30_000);
    await eventually(async () => {
      const pos = await call(b, { path: `/api/positions?profileId=${profileId}`, token: alice });
      expect(pos.body.items.length).toBe(1);
    }, 30_000);
    const holding = await promote();
    expect(holding.status).toBe(409);
    expect(holding.body.error.code).toBe('PROFILE_NOT_FLAT');
    expect((await trade('SELL', '0.01')).status).toBe(200);

    const review = await eventually(async () => {
      const r = await call(b, {
        path: `/api/profiles/${profileId}/promotion?days=7`,
        token: alice,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.eligible).toBe(true);
      return r.body as {
        record: { trades: number; netPnl: string; fees: string };
        checks: { requirement: string; passed: boolean }[];
      };
    }, 30_000);
    expect(review.record.trades).toBe(1);
    expect(review.checks.map((c) => [c.requirement, c.passed])).toEqual([
      ['minPaperDays', true],
      ['minTrades', true],
    ]);
    expect(parseFixed(review.record.fees)).toBeGreaterThan(0n);

    const done = await promote();
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.venueAccountId).toBe(liveAccount);
    expect(done.body.rampUp.steps[0]).toEqual({ fromDay: 0, maxOrderNotional: CAP });

    const audit = await call(b, { path: '/api/admin/audit?action=profile.promote', token: admin });
    const row = (audit.body.items as { target: string; actor: { id: string }; after: any }[]).find(
      (e) => e.target === `profile:${profileId}`,
    );
    expect(row?.actor.id).toBe('u-alice');
    expect(row?.after).toMatchObject({ venueAccountId: liveAccount, record: { trades: 1 } });

    // The first live order: 0.01 BTC is far above the cap, so the gate sizes it down to it.
    const before = lb.requests.length;
    const first = await eventually(async () => {
      const r = await trade('BUY', '0.01');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { order: { quantity: string }; decisionId: string };
    }, 30_000);
    const decisions = await call(b, {
      path: `/api/decisions?profileId=${profileId}&limit=50`,
      token: alice,
    });
    const decision = (decisions.body.items as { id: string; reasons: { code: string }[] }[]).find(
      (d) => d.id === first.decisionId,
    );
    expect(decision?.reasons.map((r) => r.code)).toContain('RAMP_UP_CAP');
    const price = Number(b.parts.engine.prices().find((p) => p.symbol === 'BTC-USD')?.price);
    const qty = Number(first.order.quantity);
    expect(qty).toBeGreaterThan(0);
    expect(qty).toBeLessThan(0.01);
    // Within the cap at the price it was sized at (a tick of drift allowed for the mirror).
    expect(qty * price).toBeLessThanOrEqual(Number(CAP) * 1.01);
    // It went to the live account at the exchange, with that account's key.
    const sent = lb.requests.slice(before).filter((r) => r.method === 'POST');
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(r.accountId).toBe('alice-live');
    await eventually(() => {
      expect(lb.exchange.account('alice-live').positions.get('BTC-USD')).toBe(
        parseFixed(first.order.quantity),
      );
    }, 30_000);
  }, 150_000);

  it('a model profile goes live only on an approved version', async () => {
    const trained = await call(b, {
      method: 'POST',
      path: '/api/models',
      token: admin,
      body: {
        symbol: 'BTC-USD',
        candles: 3_000,
        settings: { features: ['ret_1', 'rsi_14'], horizon: 5, model: { kind: 'logistic' } },
      },
    });
    expect(trained.status, JSON.stringify(trained.body)).toBe(200);
    const version = trained.body.id as string;
    const created = await call(b, {
      method: 'POST',
      path: '/api/profiles',
      token: alice,
      body: {
        name: 'Model candidate',
        symbols: ['BTC-USD'],
        timeframe: '1h',
        strategy: { strategy: 'model', params: { modelVersion: version } },
        capitalAllocation: '1000',
        enabled: false,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const promoteModel = async () =>
      call(b, {
        method: 'POST',
        path: `/api/profiles/${created.body.id}/promote`,
        token: alice,
        body: {
          venueAccountId: liveAccount,
          confirm: true,
          expectedVersion: (
            await call(b, { path: `/api/profiles/${created.body.id}`, token: alice })
          ).body.version,
        },
      });
    const refused = await promoteModel();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('MODEL_NOT_APPROVED');
    expect(refused.body.error.message).toContain(version);
    const approved = await call(b, {
      method: 'POST',
      path: `/api/models/${version}/approve`,
      token: admin,
      body: { note: 'card reviewed' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // Past the approval, the paper record is what is missing now.
    const next = await promoteModel();
    expect(next.body.error.code).toBe('PAPER_RECORD_INSUFFICIENT');
  });
});
