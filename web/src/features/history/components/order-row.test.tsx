import { PAPER_VENUE_TAG, type Order } from '@bytelyst/trading-contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderRow } from './history-page';

afterEach(cleanup);

const order = (over: Partial<Order>): Order => ({
  id: 'o1',
  tenantId: 'acme',
  profileId: 'p1',
  clientOrderId: 'c-o1',
  exchangeOrderId: null,
  symbol: 'BTC-USD',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.01',
  limitPrice: null,
  stopPrice: null,
  reduceOnly: false,
  status: 'FILLED',
  filledQuantity: '0.01',
  averageFillPrice: '64000',
  origin: 'manual',
  outcomeUnknown: false,
  rejectReason: null,
  decisionId: null,
  requestId: null,
  venue: PAPER_VENUE_TAG,
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  ...over,
});

const renderRow = (o: Order) =>
  render(
    <table>
      <tbody>
        <OrderRow o={o} onCancel={() => undefined} />
      </tbody>
    </table>,
  );

describe('OrderRow', () => {
  it('names the account the order was sent to', () => {
    renderRow(order({ venue: { accountId: 'va-1', venueId: 'localbinance', label: 'Acme desk' } }));
    expect(screen.getByTestId('venue-label').textContent).toBe('Acme desk · localbinance');
  });

  it('shows paper orders as Paper', () => {
    renderRow(order({}));
    expect(screen.getByTestId('venue-label').textContent).toBe('Paper');
  });

  it('does not repeat the venue when the label already names it', () => {
    renderRow(order({ venue: { accountId: 'va-2', venueId: 'kraken', label: 'Kraken main' } }));
    expect(screen.getByTestId('venue-label').textContent).toBe('Kraken main');
  });
});
