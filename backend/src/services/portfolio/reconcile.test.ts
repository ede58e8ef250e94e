import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Analytics,
  LedgerEntry,
  Portfolio,
  Position,
  Trade,
  type Books,
} from '@bytelyst/trading-contracts';
import { type Fixed, formatFixed, mul, parseFixed } from '../../domain/money/fixed.js';
import {
  call,
  eventually,
  mintToken,
  startTestBackend,
  type TestBackend,
} from '../../../test-support/backend-harness.js';
import { createTestSchema, testDatabaseUrl } from '../../../test-support/db.js';

/**
 * End to end on PostgreSQL: the demo trades for a while (strategies plus manual orders on both
 * sides), trading is halted, and then for each tenant every screen-facing figure (portfolio per
 * profile and account, positions, trades, daily PnL, fees) is reconciled to the ledger's own
 * entries, read through the API, to the last digit. Then every position is closed and the
 * trades must account for the whole realised PnL and every fee.
 */
const dbUrl = testDatabaseUrl();
const TENANTS = ['acme', 'globex'] as const;
let b: TestBackend;
let drop: (() => Promise<void>) | undefined;
const admins = new Map<string, string>();

const f = parseFixed;
const sum = (xs: Iterable<Fixed>) => [...xs].reduce((a, x) => a + x, 0n);

async function pages<T>(path: string, token: string, parse: (x: unknown) => T): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await call(b, {
      path: `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    });
    expect(r.status, path).toBe(200);
    out.push(...(r.body.items as unknown[]).map(parse));
    cursor = r.body.nextCursor as string | null;
  } while (cursor);
  return out;
}

/** Ledger balances per profile in the Books' signs, from every entry the API serves. */
async function ledgerOf(tenant: string) {
  const entries = await pages('/api/ledger', admins.get(tenant) ?? '', (x) => LedgerEntry.parse(x));
  const byTx = new Map<string, Fixed>();
  const books = new Map<string, Record<string, Fixed>>();
  for (const e of entries) {
    const a = f(e.amount);
    byTx.set(e.transactionId, (byTx.get(e.transactionId) ?? 0n) + a);
    const b0 = books.get(e.profileId) ?? {};
    b0[e.account] = (b0[e.account] ?? 0n) + a;
    books.set(e.profileId, b0);
  }
  for (const [tx, s] of byTx) expect(s, tx).toBe(0n);
  return { entries, books };
}

const control = (mode: 'HALTED' | 'PAUSED') =>
  call(b, {
    method: 'PUT',
    path: '/api/admin/trading-control',
    token: admins.get('acme') ?? '',
    body: { scope: 'global', mode, reason: `reconcile test: ${mode.toLowerCase()}` },
  });

async function settled(tenant: string) {
  await b.parts.engine.idle();
  await eventually(async () => {
    for (const status of ['NEW', 'SUBMITTED', 'PARTIALLY_FILLED']) {
      const r = await call(b, { path: `/api/orders?status=${status}`, token: admins.get(tenant) });
      expect(r.body.items, `${tenant} ${status}`).toEqual([]);
    }
  }, 30_000);
  await b.parts.engine.idle();
}

describe.runIf(dbUrl)('the books reconcile to the ledger, end to end on PostgreSQL', () => {
  beforeAll(async () => {
    const schema = await createTestSchema();
    drop = schema.drop;
    b = await startTestBackend({ databaseUrl: schema.url, schema: schema.schema, speed: 10 });
    for (const t of TENANTS)
      admins.set(t, await mintToken({ sub: `u-admin-${t}`, tenant: t, role: 'operator' }));
    await eventually(async () => {
      for (const t of TENANTS)
        expect((await call(b, { path: '/api/bot-state', token: admins.get(t) })).body.status).toBe(
          'running',
        );
    }, 30_000);
    // Manual orders on both sides (a partial close realises PnL mid-trip), beside the strategies.
    const trade = (tenant: string, body: Record<string, unknown>) =>
      call(b, {
        path: '/api/trade',
        token: admins.get(tenant),
        body,
        headers: { 'idempotency-key': randomUUID() },
      });
    for (const [tenant, profileId, symbol, qty, part] of [
      ['acme', 'p-alice-btc-trend', 'BTC-USD', '0.02', '0.0075'],
      ['acme', 'p-alice-eth-rsi', 'ETH-USD', '0.4', '0.15'],
      ['globex', 'p-bob-breakout', 'AAPL-USD', '5', '2'],
    ] as const) {
      const buy = await trade(tenant, { profileId, symbol, side: 'BUY', quantity: qty });
      expect(buy.status, JSON.stringify(buy.body)).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const sell = await trade(tenant, { profileId, symbol, side: 'SELL', quantity: part });
      expect(sell.status, JSON.stringify(sell.body)).toBe(200);
    }
    // Let the demo's strategies trade for a while (10 market seconds per real second).
    await new Promise((r) => setTimeout(r, 25_000));
    expect((await control('HALTED')).status).toBe(200);
    for (const t of TENANTS) await settled(t);
  }, 120_000);

  afterAll(async () => {
    await b?.stop();
    await drop?.();
  });

  it.each(TENANTS)(
    '%s: portfolio, positions and daily PnL equal the ledger, exactly',
    async (tenant) => {
      const token = admins.get(tenant) ?? '';
      const { entries, books } = await ledgerOf(tenant);
      const pf = Portfolio.parse((await call(b, { path: '/api/portfolio', token })).body);
      const positions = (await call(b, { path: '/api/positions', token })).body.items.map(
        (x: unknown) => Position.parse(x),
      ) as Position[];
      expect(pf.profiles.length).toBeGreaterThan(0);
      const expectBooks = (books0: Books, ledger: Record<string, Fixed>, held: Position[]) => {
        expect(books0.cash).toBe(formatFixed(ledger.cash ?? 0n));
        expect(books0.capital).toBe(formatFixed(-(ledger.capital ?? 0n)));
        expect(books0.positionsCost).toBe(formatFixed(ledger.positions_at_cost ?? 0n));
        expect(books0.fees).toBe(formatFixed(ledger.fees ?? 0n));
        expect(books0.realizedPnl).toBe(formatFixed(-(ledger.realized_pnl ?? 0n)));
        // Positions at their marks: the served rows, exactly.
        const marked = sum(held.map((p) => mul(f(p.quantity), f(p.markPrice ?? '0'))));
        expect(books0.equity).toBe(formatFixed((ledger.cash ?? 0n) + marked));
        expect(books0.positionsCost).toBe(formatFixed(sum(held.map((p) => f(p.costBasis)))));
        expect(books0.unrealizedPnl).toBe(formatFixed(sum(held.map((p) => f(p.unrealizedPnl)))));
        expect(f(books0.equity)).toBe(
          f(books0.capital) + f(books0.realizedPnl) - f(books0.fees) + f(books0.unrealizedPnl),
        );
      };
      for (const p of pf.profiles) {
        const held = pf.positions.filter((x) => x.profileId === p.profileId);
        expectBooks(p, books.get(p.profileId) ?? {}, held);
      }
      const all: Record<string, Fixed> = {};
      for (const [id, bk] of books)
        if (pf.profiles.some((p) => p.profileId === id))
          for (const [k, v] of Object.entries(bk)) all[k] = (all[k] ?? 0n) + v;
      expectBooks(pf.account, all, pf.positions);
      // The positions endpoint serves the same rows at the same marks (prices still move while
      // halted, so compare what cannot move: quantity and cost).
      expect(positions.map((p) => [p.profileId, p.symbol, p.quantity, p.costBasis]).sort()).toEqual(
        pf.positions.map((p) => [p.profileId, p.symbol, p.quantity, p.costBasis]).sort(),
      );
      for (const p of positions)
        expect(p.unrealizedPnl).toBe(
          formatFixed(mul(f(p.quantity), f(p.markPrice ?? '0')) - f(p.costBasis)),
        );

      // Daily PnL (UTC days) is the ledger's realised PnL and fees booked that day.
      const an = Analytics.parse(
        (await call(b, { path: '/api/analytics?timeZone=UTC', token })).body,
      );
      const daily = new Map<string, { realized: Fixed; fees: Fixed }>();
      for (const e of entries) {
        if (e.account !== 'fees' && e.account !== 'realized_pnl') continue;
        const day = e.postedAt.slice(0, 10);
        const d = daily.get(day) ?? { realized: 0n, fees: 0n };
        if (e.account === 'fees') d.fees += f(e.amount);
        else d.realized -= f(e.amount);
        daily.set(day, d);
      }
      expect(an.byDay.map((d) => [d.period, d.realizedPnl, d.fees, d.netPnl])).toEqual(
        [...daily]
          .sort()
          .map(([day, d]) => [
            day,
            formatFixed(d.realized),
            formatFixed(d.fees),
            formatFixed(d.realized - d.fees),
          ]),
      );
      expect(an.cumulative.at(-1)?.netPnl).toBe(pf.account.netRealizedPnl);
      expect(sum(an.feesByProfile.map((x) => f(x.fees)))).toBe(f(pf.account.fees));
    },
  );

  it('after every position is closed, the trades account for all realised PnL and fees', async () => {
    expect((await control('PAUSED')).status).toBe(200);
    for (const tenant of TENANTS) {
      const token = admins.get(tenant) ?? '';
      const open = (await call(b, { path: '/api/positions', token })).body.items as Position[];
      for (const p of open) {
        const r = await call(b, {
          path: '/api/close',
          token,
          body: { profileId: p.profileId, symbol: p.symbol },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
    }
    for (const tenant of TENANTS) {
      await eventually(async () => {
        expect(
          (await call(b, { path: '/api/positions', token: admins.get(tenant) })).body.items,
        ).toEqual([]);
      }, 30_000);
    }
    expect((await control('HALTED')).status).toBe(200);
    for (const tenant of TENANTS) {
      await settled(tenant);
      const token = admins.get(tenant) ?? '';
      const { books } = await ledgerOf(tenant);
      const trades = await pages('/api/trades', token, (x) => Trade.parse(x));
      expect(trades.length).toBeGreaterThan(0);
      const pf = Portfolio.parse((await call(b, { path: '/api/portfolio', token })).body);
      for (const p of pf.profiles) {
        const mine = trades.filter((t) => t.profileId === p.profileId);
        const ledger = books.get(p.profileId) ?? {};
        for (const t of mine) expect(t.netPnl).toBe(formatFixed(f(t.realizedPnl) - f(t.fees)));
        expect(formatFixed(sum(mine.map((t) => f(t.realizedPnl))))).toBe(
          formatFixed(-(ledger.realized_pnl ?? 0n)),
        );
        expect(formatFixed(sum(mine.map((t) => f(t.fees))))).toBe(formatFixed(ledger.fees ?? 0n));
        expect(p.positionsCost).toBe('0');
        expect(p.equity).toBe(p.cash);
        expect(f(p.equity)).toBe(f(p.capital) + f(p.netRealizedPnl));
      }
      const an = Analytics.parse((await call(b, { path: '/api/analytics', token })).body);
      expect(an.summary.netPnl).toBe(pf.account.netRealizedPnl);
      expect(an.summary.trades).toBe(trades.length);
    }
  }, 120_000);
});
