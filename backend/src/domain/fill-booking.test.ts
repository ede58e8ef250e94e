import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookFill, type Booked } from './fill-booking.js';
import { transactionSums } from './ledger/ledger.js';
import { SCALE, parseFixed } from './money/fixed.js';
import { createOrder } from './orders/order.js';
import { flatPosition, unrealized } from './positions/position.js';

const LOT = 10n ** 14n; // 0.0001
const TICK = 10n ** 16n; // 0.01

/** An order split into partial fills with unique trade ids, on the lot and tick grid. */
const orderWithFills = fc
  .record({
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    parts: fc.array(
      fc.record({
        lots: fc.integer({ min: 1, max: 5000 }),
        ticks: fc.integer({ min: 1, max: 10_000_000 }),
        feeBp: fc.integer({ min: 0, max: 30 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ side, parts }) => ({
    side,
    fills: parts.map((p, i) => {
      const quantity = BigInt(p.lots) * LOT;
      const price = BigInt(p.ticks) * TICK;
      return {
        exchangeTradeId: `x${i}`,
        quantity,
        price,
        fee: (quantity * price * BigInt(p.feeBp)) / 10_000n / SCALE,
      };
    }),
  }));

function run(
  orders: {
    side: 'BUY' | 'SELL';
    fills: { exchangeTradeId: string; quantity: bigint; price: bigint; fee: bigint }[];
  }[],
  deliveries: { order: number; fill: number }[],
) {
  const position = flatPosition({ tenantId: 't1', profileId: 'p1', symbol: 'BTC-USD' });
  const states = orders.map((o, i) =>
    createOrder({
      id: `o${i}`,
      clientOrderId: `o${i}`,
      tenantId: 't1',
      profileId: 'p1',
      symbol: 'BTC-USD',
      side: o.side,
      type: 'MARKET',
      quantity: o.fills.reduce((s, f) => s + f.quantity, 0n),
      origin: 'strategy',
      at: 0,
    }),
  );
  const booked: Booked[] = [];
  let at = 1;
  for (const d of deliveries) {
    const order = states[d.order]!;
    const f = orders[d.order]!.fills[d.fill]!;
    const before = order.filled;
    const r = bookFill({
      order,
      position,
      report: { ...f, feeCurrency: 'USD', liquidity: 'taker', at: at++ },
      strategy: 'sma-cross',
      currency: 'USD',
    });
    expect(order.filled >= before).toBe(true);
    if (r.booked) booked.push(r.booked);
  }
  return { position, states, booked };
}

describe('booking fills (property)', () => {
  it('converges on the sum of distinct fills whatever the duplicates and order, with balanced ledger and identical ids on replay', () => {
    fc.assert(
      fc.property(
        fc.array(orderWithFills, { minLength: 1, maxLength: 4 }).chain((orders) => {
          const all = orders.flatMap((o, oi) => o.fills.map((_, fi) => ({ order: oi, fill: fi })));
          // Every fill at least once, some twice, in any order.
          return fc
            .tuple(fc.shuffledSubarray(all), fc.array(fc.constantFrom(...all), { maxLength: 8 }))
            .chain(([dups, extra]) =>
              fc.shuffledSubarray([...all, ...dups, ...extra], {
                minLength: all.length + dups.length + extra.length,
              }),
            )
            .map((deliveries) => ({ orders, deliveries }));
        }),
        ({ orders, deliveries }) => {
          const a = run(orders, deliveries);
          const expected = orders.reduce(
            (s, o) =>
              s + o.fills.reduce((t, f) => t + (o.side === 'BUY' ? f.quantity : -f.quantity), 0n),
            0n,
          );
          expect(a.position.qty).toBe(expected);
          expect(a.booked.length).toBe(orders.reduce((s, o) => s + o.fills.length, 0));
          for (const [i, st] of a.states.entries()) {
            expect(st.filled).toBe(orders[i]!.fills.reduce((s, f) => s + f.quantity, 0n));
            expect(st.status).toBe('FILLED');
          }
          const entries = a.booked.flatMap((b) => b.ledgerEntries);
          for (const sum of transactionSums(entries).values()) expect(sum).toBe(0n);
          // The ledger agrees with the position: positions_at_cost equals the cost basis.
          const cost = entries
            .filter((e) => e.account === 'positions_at_cost')
            .reduce((s, e) => s + parseFixed(e.amount), 0n);
          expect(cost).toBe(a.position.cost);
          if (a.position.qty === 0n) expect(cost).toBe(0n);
          const b = run(orders, deliveries);
          expect(b.booked.map((x) => [x.fill!.id, ...x.ledgerEntries.map((e) => e.id)])).toEqual(
            a.booked.map((x) => [x.fill!.id, ...x.ledgerEntries.map((e) => e.id)]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes a closed round trip with gross PnL and fees', () => {
    const buy = [
      {
        exchangeTradeId: 'a',
        quantity: parseFixed('2'),
        price: parseFixed('100'),
        fee: parseFixed('0.2'),
      },
    ];
    const sell = [
      {
        exchangeTradeId: 'b',
        quantity: parseFixed('1'),
        price: parseFixed('110'),
        fee: parseFixed('0.11'),
      },
      {
        exchangeTradeId: 'c',
        quantity: parseFixed('1'),
        price: parseFixed('120'),
        fee: parseFixed('0.12'),
      },
    ];
    const r = run(
      [
        { side: 'BUY', fills: buy },
        { side: 'SELL', fills: sell },
      ],
      [
        { order: 0, fill: 0 },
        { order: 1, fill: 0 },
        { order: 1, fill: 1 },
      ],
    );
    const trade = r.booked[2]!.trade!;
    expect(trade).toMatchObject({
      side: 'LONG',
      quantity: '2',
      entryPrice: '100',
      exitPrice: '115',
      realizedPnl: '30',
      fees: '0.43',
    });
    expect(r.position.qty).toBe(0n);
    expect(unrealized(r.position)).toBe(0n);
  });

  it('flips from long to short in one fill, closing one trip and opening the next', () => {
    const r = run(
      [
        {
          side: 'BUY',
          fills: [
            { exchangeTradeId: 'a', quantity: parseFixed('1'), price: parseFixed('100'), fee: 0n },
          ],
        },
        {
          side: 'SELL',
          fills: [
            {
              exchangeTradeId: 'b',
              quantity: parseFixed('3'),
              price: parseFixed('90'),
              fee: parseFixed('0.3'),
            },
          ],
        },
      ],
      [
        { order: 0, fill: 0 },
        { order: 1, fill: 0 },
      ],
    );
    expect(r.booked[1]!.trade).toMatchObject({ side: 'LONG', realizedPnl: '-10', fees: '0.1' });
    expect(r.position.qty).toBe(parseFixed('-2'));
    expect(r.position.trip).toMatchObject({ side: 'SHORT', fees: parseFixed('0.2') });
  });
});
