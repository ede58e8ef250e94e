import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EquitySeries,
  Portfolio,
  Position,
  type EquitySnapshot,
} from '@bytelyst/trading-contracts';
import { formatFixed, mul, parseFixed } from '../../domain/money/fixed.js';
import {
  call,
  connectSocket,
  eventually,
  mintToken,
  startTestBackend,
  type TestBackend,
} from '../../../test-support/backend-harness.js';

/**
 * Mark-to-market and the equity series through a running backend (PGlite): REST and the socket
 * serve positions whose marks follow the market, and the account's curve is the sum of its
 * profiles' latest values at every instant, ending on the account's equity.
 */
let b: TestBackend;
let alice: string;
const BTC_PROFILE = 'p-alice-btc-trend';
const ETH_PROFILE = 'p-alice-eth-rsi';

const sum = (xs: readonly string[]) => formatFixed(xs.reduce((s, x) => s + parseFixed(x), 0n));
/** The valuation identity, recomputed exactly from the served figures. */
const expectValued = (p: Position) => {
  expect(p.markPrice).not.toBeNull();
  const expected =
    mul(parseFixed(p.quantity), parseFixed(p.markPrice ?? '0')) - parseFixed(p.costBasis);
  expect(p.unrealizedPnl).toBe(formatFixed(expected));
};

beforeAll(async () => {
  // 10x market time keeps ticks inside the profiles' 15 s staleness rule (manual orders pass).
  b = await startTestBackend({ speed: 10 });
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  await eventually(async () => {
    expect((await call(b, { path: '/api/bot-state', token: alice })).body.status).toBe('running');
  });
  const buy = await call(b, {
    path: '/api/trade',
    token: alice,
    body: { profileId: BTC_PROFILE, symbol: 'BTC-USD', side: 'BUY', quantity: '0.01' },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(buy.status, JSON.stringify(buy.body)).toBe(200);
}, 60_000);

afterAll(async () => {
  await b?.stop();
});

const btcPosition = async (): Promise<Position> => {
  const r = await call(b, { path: `/api/positions?profileId=${BTC_PROFILE}`, token: alice });
  expect(r.status).toBe(200);
  const p = r.body.items.find((x: Position) => x.symbol === 'BTC-USD');
  expect(p).toBeDefined();
  return Position.parse(p);
};

describe('mark-to-market', () => {
  it('REST: unrealised PnL follows the market, exactly quantity x mark - cost', async () => {
    const first = await eventually(btcPosition);
    expectValued(first);
    expect(first.markStale).toBe(false);
    expect(first.markAt).not.toBeNull();
    const moved = await eventually(async () => {
      const p = await btcPosition();
      expect(p.markPrice).not.toBe(first.markPrice);
      return p;
    }, 20_000);
    expectValued(moved);
    expect(moved.unrealizedPnl).not.toBe(first.unrealizedPnl);
    expect(Date.parse(moved.markAt ?? '')).toBeGreaterThan(Date.parse(first.markAt ?? ''));
  });

  it('socket: portfolio events revalue the position and the account as the market moves', async () => {
    const socket = connectSocket(b, '/trading', alice);
    const seen: Portfolio[] = [];
    socket.on('portfolio', (payload: unknown) => seen.push(Portfolio.parse(payload)));
    try {
      const marks = await eventually(() => {
        const btc = seen
          .map((s) =>
            s.positions.find((p) => p.symbol === 'BTC-USD' && p.profileId === BTC_PROFILE),
          )
          .filter((p): p is Position => p !== undefined);
        const distinct = new Set(btc.map((p) => p.markPrice));
        expect(distinct.size).toBeGreaterThanOrEqual(2);
        return btc;
      }, 20_000);
      for (const p of marks) expectValued(p);
      expect(new Set(marks.map((p) => p.unrealizedPnl)).size).toBeGreaterThanOrEqual(2);
      for (const s of seen) {
        // Alice's account is her two profiles; equity = cash + positions at their marks.
        expect(s.profiles.map((p) => p.profileId).sort()).toEqual([BTC_PROFILE, ETH_PROFILE]);
        expect(s.account.equity).toBe(sum([s.account.cash, s.account.positionsValue]));
        expect(s.account.equity).toBe(sum(s.profiles.map((p) => p.equity)));
        expect(s.account.unrealizedPnl).toBe(sum(s.positions.map((p) => p.unrealizedPnl)));
      }
    } finally {
      socket.close();
    }
  });
});

describe('equity series', () => {
  it("the account's curve is the sum of both profiles' latest values and ends on its equity", async () => {
    // Wait for snapshots of both profiles (one per minute of market time).
    const raw = await eventually(async () => {
      const r = await call(b, { path: '/api/equity', token: alice });
      const items = r.body.items as EquitySnapshot[];
      const minutes = new Set(items.map((s) => Math.floor(Date.parse(s.at) / 60_000)));
      expect(new Set(items.map((s) => s.profileId)).size).toBe(2);
      expect(minutes.size).toBeGreaterThanOrEqual(4);
      return items;
    }, 60_000);
    const from = raw[0]?.at ?? '';
    await b.parts.market.dispose(); // prices stop: the live valuation cannot move between reads
    await b.parts.engine.idle();
    const r = await call(b, {
      path: `/api/equity/series?interval=1m&from=${encodeURIComponent(from)}`,
      token: alice,
    });
    expect(r.status).toBe(200);
    const series = EquitySeries.parse(r.body);
    const snaps = (
      (await call(b, { path: '/api/equity', token: alice })).body.items as EquitySnapshot[]
    ).filter((s) => s.at >= from);
    const points = series.points.slice(0, -1);
    expect(points.length).toBeGreaterThanOrEqual(2);
    for (const p of points) {
      const latest = new Map<string, string>();
      for (const s of snaps) if (s.at <= p.at) latest.set(s.profileId, s.equity);
      expect(p.equity, p.at).toBe(sum([...latest.values()]));
      expect(parseFixed(p.min) <= parseFixed(p.equity)).toBe(true);
      expect(parseFixed(p.max) >= parseFixed(p.equity)).toBe(true);
    }
    const last = series.points.at(-1);
    expect(last?.equity).toBe(series.current.equity);
    const portfolio = Portfolio.parse(
      (await call(b, { path: '/api/portfolio', token: alice })).body,
    );
    expect(series.current.equity).toBe(portfolio.account.equity);
    expect(portfolio.account.equity).toBe(sum(portfolio.profiles.map((p) => p.equity)));
    for (const id of [BTC_PROFILE, ETH_PROFILE]) {
      const one = EquitySeries.parse(
        (await call(b, { path: `/api/equity/series?profileId=${id}`, token: alice })).body,
      );
      expect(one.current.equity).toBe(portfolio.profiles.find((p) => p.profileId === id)?.equity);
    }
  }, 90_000);
});
