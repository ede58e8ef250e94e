import { PAPER_VENUE_TAG, type Position } from '@bytelyst/trading-contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PositionsTable } from './positions-table';

afterEach(cleanup);

const position = (over: Partial<Position>): Position => ({
  tenantId: 'acme',
  profileId: 'p-paper',
  symbol: 'BTC-USD',
  quantity: '0.5',
  averageEntryPrice: '64000',
  costBasis: '32000',
  markPrice: '64100',
  markAt: null,
  markStale: false,
  realizedPnl: '0',
  unrealizedPnl: '50',
  fees: '1',
  openedAt: '2026-12-07T10:00:00.000Z',
  venue: PAPER_VENUE_TAG,
  updatedAt: '2026-12-07T10:00:00.000Z',
  ...over,
});

describe('PositionsTable', () => {
  it("shows each position's venue: Paper, or the account's label and venue", () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <PositionsTable
          positions={[
            position({}),
            position({
              profileId: 'p-venue',
              symbol: 'ETH-USD',
              venue: { accountId: 'va-1', venueId: 'localbinance', label: 'Acme desk' },
            }),
          ]}
          profileNames={
            new Map([
              ['p-paper', 'Paper SMA'],
              ['p-venue', 'Desk SMA'],
            ])
          }
        />
      </QueryClientProvider>,
    );
    const rows = within(screen.getByTestId('positions-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByTestId('venue-label').textContent)).toEqual([
      'Paper',
      'Acme desk · localbinance',
    ]);
    expect(within(rows[1] as HTMLElement).getByTestId('venue-label').title).toBe(
      'Acme desk on localbinance (account va-1)',
    );
  });
});
