import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookFill } from '../fill-booking.js';
import { accountBalances, capitalTransaction } from '../ledger/ledger.js';
import { SCALE, mul, roundToStep } from '../money/fixed.js';
import { createOrder } from '../orders/order.js';
import { flatPosition, type PositionState } from '../positions/position.js';
import { fittingQuantity, worstCaseCost, worstPrice } from '../risk/capital.js';
import {
  type LedgerBooks,
  addBalance,
  emptyLedgerBooks,
  equityOfBooks,
  holdingOf,
  valueBooks,
  valueHolding,
} from './valuation.js';
import { positionToContract } from '../positions/position.js';
import type { LedgerEntry } from '@bytelyst/trading-contracts';

/**
 * The books under random trading, checked at every fill: orders pass the pre-trade gate's capital
 * rule (worst-case cost = notional at the slippage bound + the fee bound, sized down to what
 * fits), the venue fills them in parts at any price and fee inside those bounds, on both sides,
 * and the market moves between orders. Invariants after every fill:
 *   - cash never goes below zero;
 *   - equity = cash + sum(quantity x mark), exactly, and equals the valuation built from the
 *     ledger's balances alone (capital + realized - fees + unrealised);
 *   - the ledger's positions_at_cost equals the positions' exact cost.
 */
const LOT = 10n ** 14n; // 0.0001
const TICK = 10n ** 16n; // 0.01
const bounds = { feeRate: 10n ** 15n /* 0.001 */, slippage: 2n * 10n ** 14n /* 2 bp */ };
const FEE_STEP = 10n ** 10n;
const SYMBOLS = ['BTC-USD', 'ETH-USD'] as const;

const step = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  lots: fc.integer({ min: 1, max: 200_000 }),
  /** Market move before the order, in basis points. */
  moveBp: fc.integer({ min: -300, max: 300 }),
  /** Partial fills: each part's share, its slippage (<= bound) and fee (<= bound) as fractions. */
  parts: fc.array(
    fc.record({
      share: fc.integer({ min: 1, max: 10 }),
      slip: fc.double({ min: 0, max: 1, noNaN: true }),
      fee: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

/** Splits `lots` into parts by share, each at least one lot (fewer parts when lots are few). */
const split = (lots: bigint, shares: number[]): bigint[] => {
  const total = BigInt(shares.reduce((a, b) => a + b, 0));
  const out: bigint[] = [];
  let left = lots;
  for (let i = 0; i < shares.length && left > 0n; i++) {
    const last = i === shares.length - 1;
    let n = last ? left : (lots * BigInt(shares[i] ?? 1)) / total;
    if (n < 1n) n = 1n;
    if (n > left) n = left;
    out.push(n);
    left -= n;
  }
  if (left > 0n) out[out.length - 1] = (out.at(-1) ?? 0n) + left;
  return out;
};

function ledgerBooks(entries: readonly LedgerEntry[]): LedgerBooks {
  const b = emptyLedgerBooks();
  for (const [key, amount] of accountBalances(entries))
    addBalance(b, key.split('/')[1] as LedgerEntry['account'], amount);
  return b;
}

describe('books under random fills (property)', () => {
  it('cash never negative; equity = cash + sum(qty x mark) = the ledger, at every fill', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 200_000 }),
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('refuse' as const, 'down' as const),
        (capitalUnits, steps, sizing) => {
          const ids = { tenantId: 't', profileId: 'p' };
          const ledger: LedgerEntry[] = capitalTransaction(
            {
              ...ids,
              transactionId: 'cap',
              currency: 'USD',
              fillId: null,
              memo: 'capital',
              postedAt: 0,
            },
            BigInt(capitalUnits) * SCALE,
          );
          let cash = BigInt(capitalUnits) * SCALE;
          const prices = new Map<string, bigint>([
            ['BTC-USD', 40_000n * SCALE],
            ['ETH-USD', 2_000n * SCALE],
          ]);
          const positions = new Map<string, PositionState>();
          let n = 0;
          for (const s of steps) {
            const ref0 = prices.get(s.symbol) ?? SCALE;
            const ref = roundToStep(ref0 + (ref0 * BigInt(s.moveBp)) / 10_000n, TICK, 'half-up');
            prices.set(s.symbol, ref > TICK ? ref : TICK);
            const price = prices.get(s.symbol) ?? TICK;
            let pos = positions.get(s.symbol);
            if (!pos) positions.set(s.symbol, (pos = flatPosition({ ...ids, symbol: s.symbol })));
            // Long-only, as the strategies: a sell reduces what is held, a buy is an entry.
            let qty = BigInt(s.lots) * LOT;
            if (s.side === 'SELL') {
              if (pos.qty <= 0n) continue;
              if (qty > pos.qty) qty = pos.qty;
            } else {
              const o = { side: s.side, quantity: qty, price, limit: false, tick: TICK, bounds };
              if (worstCaseCost(o) > cash) {
                if (sizing === 'refuse') continue;
                qty = fittingQuantity({ ...o, cash, lot: LOT });
                if (qty === 0n) continue;
              }
            }
            const order = createOrder({
              id: `o${n}`,
              clientOrderId: `o${n}`,
              ...ids,
              symbol: s.symbol,
              side: s.side,
              type: 'MARKET',
              quantity: qty,
              origin: 'strategy',
              at: n,
            });
            const worst = worstPrice({ side: s.side, price, limit: false, tick: TICK, bounds });
            const lots = split(
              qty / LOT,
              s.parts.map((p) => p.share),
            );
            lots.forEach((l, i) => {
              const part = s.parts[i] ?? { slip: 0, fee: 0 };
              // Any fill price between the reference and the worst price, on the tick.
              const span = (worst - price) / TICK;
              const fillPrice = price + BigInt(Math.floor(Number(span) * part.slip)) * TICK;
              const quantity = l * LOT;
              const maxFee = roundToStep(
                mul(mul(quantity, fillPrice, 'ceil'), bounds.feeRate, 'ceil'),
                FEE_STEP,
                'ceil',
              );
              const fee = roundToStep(
                BigInt(Math.floor(Number(maxFee / FEE_STEP) * part.fee)) * FEE_STEP,
                FEE_STEP,
                'floor',
              );
              const r = bookFill({
                order,
                position: pos,
                report: {
                  exchangeTradeId: `x${n}-${i}`,
                  quantity,
                  price: fillPrice,
                  fee,
                  feeCurrency: 'USD',
                  liquidity: 'taker',
                  at: n,
                },
                currency: 'USD',
                strategy: null,
              });
              if (!r.booked) throw new Error('fill not booked');
              ledger.push(...r.booked.ledgerEntries);
              cash += r.booked.cashDelta;

              // The invariants, at this fill.
              expect(cash >= 0n).toBe(true);
              const books = ledgerBooks(ledger);
              expect(books.cash).toBe(cash);
              const held = [...positions.values()].filter((p) => p.qty !== 0n);
              const rule = { now: n, staleAfterMs: 1000 };
              const valued = held.map((p) => {
                const holding = holdingOf(positionToContract(p));
                return {
                  holding,
                  valued: valueHolding(
                    holding,
                    { price: prices.get(p.symbol) ?? TICK, at: n },
                    rule,
                  ),
                };
              });
              const v = valueBooks(books, valued);
              const marked = held.reduce(
                (sum, p) => sum + mul(p.qty, prices.get(p.symbol) ?? TICK),
                0n,
              );
              expect(equityOfBooks(v)).toBe(cash + marked);
              expect(equityOfBooks(v)).toBe(v.capital + v.realized - v.fees + v.unrealized);
              expect(books.positionsCost).toBe(held.reduce((sum, p) => sum + p.cost, 0n));
            });
            n++;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
