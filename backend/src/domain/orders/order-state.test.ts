import { OrderStatus } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { parseFixed } from '../money/fixed.js';
import { applyFillToOrder, createOrder, setOrderStatus } from './order.js';
import { IllegalOrderTransition, canTransition, isTerminal, transition } from './order-state.js';

const newOrder = () =>
  createOrder({
    id: 'o1',
    clientOrderId: 'o1',
    tenantId: 't',
    profileId: 'p',
    symbol: 'BTC-USD',
    side: 'BUY',
    type: 'MARKET',
    quantity: parseFixed('1'),
    origin: 'strategy',
    at: 0,
  });

describe('order state machine', () => {
  it('allows exactly the documented transitions', () => {
    const legal = new Set([
      'NEW>SUBMITTED',
      'NEW>PARTIALLY_FILLED',
      'NEW>FILLED',
      'NEW>CANCELLED',
      'NEW>REJECTED',
      'NEW>EXPIRED',
      'SUBMITTED>PARTIALLY_FILLED',
      'SUBMITTED>FILLED',
      'SUBMITTED>CANCELLED',
      'SUBMITTED>REJECTED',
      'SUBMITTED>EXPIRED',
      'PARTIALLY_FILLED>FILLED',
      'PARTIALLY_FILLED>CANCELLED',
      'PARTIALLY_FILLED>EXPIRED',
    ]);
    for (const from of OrderStatus.options) {
      for (const to of OrderStatus.options) {
        const expected = from === to || legal.has(`${from}>${to}`);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
        if (!expected)
          expect(() => transition({ orderId: 'o', from, to })).toThrow(IllegalOrderTransition);
      }
    }
    expect(
      isTerminal('FILLED') &&
        isTerminal('CANCELLED') &&
        isTerminal('REJECTED') &&
        isTerminal('EXPIRED'),
    ).toBe(true);
  });

  it('raises a typed error for an illegal move and leaves the order as it was', () => {
    const o = newOrder();
    setOrderStatus(o, 'SUBMITTED', 1);
    setOrderStatus(o, 'CANCELLED', 2);
    expect(() => setOrderStatus(o, 'SUBMITTED', 3)).toThrow(IllegalOrderTransition);
    expect(o.status).toBe('CANCELLED');
  });

  it('refuses duplicate and over-filling reports', () => {
    const o = newOrder();
    expect(
      applyFillToOrder(o, {
        exchangeTradeId: 'a',
        quantity: parseFixed('0.6'),
        price: parseFixed('10'),
        at: 1,
      }),
    ).toEqual({ applied: true });
    expect(o.status).toBe('PARTIALLY_FILLED');
    expect(
      applyFillToOrder(o, {
        exchangeTradeId: 'a',
        quantity: parseFixed('0.6'),
        price: parseFixed('10'),
        at: 1,
      }),
    ).toEqual({ applied: false, reason: 'DUPLICATE' });
    expect(
      applyFillToOrder(o, {
        exchangeTradeId: 'b',
        quantity: parseFixed('0.5'),
        price: parseFixed('10'),
        at: 1,
      }),
    ).toEqual({ applied: false, reason: 'OVERFILL' });
    expect(
      applyFillToOrder(o, {
        exchangeTradeId: 'c',
        quantity: parseFixed('0.4'),
        price: parseFixed('10'),
        at: 1,
      }),
    ).toEqual({ applied: true });
    expect(o.status).toBe('FILLED');
  });

  it('books a fill that a venue reports after the cancel, if it fits', () => {
    const o = newOrder();
    setOrderStatus(o, 'SUBMITTED', 1);
    setOrderStatus(o, 'CANCELLED', 2);
    expect(
      applyFillToOrder(o, {
        exchangeTradeId: 'a',
        quantity: parseFixed('0.5'),
        price: parseFixed('10'),
        at: 1,
      }).applied,
    ).toBe(true);
    expect(o.status).toBe('CANCELLED');
    expect(o.filled).toBe(parseFixed('0.5'));
  });
});
