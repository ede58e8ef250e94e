import { describe, expect, it } from 'vitest';
import { parseFixed as d } from '../money/fixed.js';
import { applyFillToOrder, createOrder } from './order.js';
import { applyNeverArrived, applyOrderReport, applyRejected } from './order-reports.js';

const order = () =>
  createOrder({
    id: 'o1',
    clientOrderId: 'o1',
    tenantId: 't1',
    profileId: 'p1',
    symbol: 'BTC-USD',
    side: 'BUY',
    type: 'MARKET',
    quantity: d('2'),
    reduceOnly: false,
    origin: 'manual',
    decisionId: 'd1',
    at: 0,
  });
const report = (status: 'SUBMITTED' | 'FILLED' | 'REJECTED' | 'CANCELLED', filled: string) => ({
  exchangeOrderId: 'x1',
  status,
  filledQuantity: filled,
  rejectReason: status === 'REJECTED' ? 'INSUFFICIENT_FUNDS' : null,
});

describe('execution reports applied to an order', () => {
  it('takes the venue id, moves NEW to SUBMITTED, and asks for fills it has not booked', () => {
    const o = order();
    expect(applyOrderReport(o, report('FILLED', '2'), 1)).toBe(true);
    // A FILLED status alone books nothing: fill statuses come from fills.
    expect(o.status).toBe('SUBMITTED');
    expect(o.exchangeOrderId).toBe('x1');
  });

  it('never moves a status backwards, and a refusal after a partial fill cancels the rest', () => {
    const o = order();
    applyOrderReport(o, report('SUBMITTED', '0'), 1);
    applyFillToOrder(o, { exchangeTradeId: 'f1', quantity: d('1'), price: d('100'), at: 2 });
    expect(o.status).toBe('PARTIALLY_FILLED');
    expect(applyOrderReport(o, report('SUBMITTED', '1'), 3)).toBe(false);
    expect(o.status).toBe('PARTIALLY_FILLED');
    applyOrderReport(o, report('REJECTED', '1'), 4);
    expect(o.status).toBe('CANCELLED');
    applyOrderReport(o, report('SUBMITTED', '1'), 5);
    expect(o.status).toBe('CANCELLED');
  });

  it('an order the venue never saw is rejected, or cancelled if partly filled', () => {
    const a = order();
    applyNeverArrived(a, 1);
    expect([a.status, a.rejectReason, a.outcomeUnknown]).toEqual([
      'REJECTED',
      'NEVER_ARRIVED',
      false,
    ]);
    const b = order();
    applyOrderReport(b, report('SUBMITTED', '0'), 1);
    applyFillToOrder(b, { exchangeTradeId: 'f1', quantity: d('1'), price: d('100'), at: 2 });
    applyNeverArrived(b, 3);
    expect(b.status).toBe('CANCELLED');
    const c = order();
    applyRejected(c, 'non-retryable:INSUFFICIENT_FUNDS', 1);
    expect([c.status, c.rejectReason]).toEqual(['REJECTED', 'non-retryable:INSUFFICIENT_FUNDS']);
  });
});
