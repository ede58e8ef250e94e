import { PAPER_VENUE_TAG, type Position } from '@bytelyst/trading-contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PositionRow } from './position-row';

afterEach(cleanup);

const position = (over: Partial<Position>): Position => ({
  tenantId: 'acme',
  profileId: 'p1',
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

// Rendered through react-native-web (vitest aliases react-native to it), as the web build is.
describe('PositionRow', () => {
  it('shows a paper position as Paper', () => {
    render(<PositionRow position={position({})} profileName="Paper SMA" />);
    expect(screen.getByTestId('position-venue').textContent).toBe('Paper');
  });

  it("shows a venue position with its account's label and venue", () => {
    render(
      <PositionRow
        position={position({
          venue: { accountId: 'va-1', venueId: 'localbinance', label: 'Acme desk' },
        })}
      />,
    );
    expect(screen.getByTestId('position-venue').textContent).toBe('Acme desk · localbinance');
  });
});
