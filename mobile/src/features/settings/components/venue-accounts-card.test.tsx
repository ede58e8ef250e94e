import { VenueAccount } from '@bytelyst/trading-contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VenueAccountRow } from './venue-accounts-card';

afterEach(cleanup);

const account = (over: Partial<VenueAccount>): VenueAccount =>
  VenueAccount.parse({
    id: 'va-1',
    tenantId: 'acme',
    ownerUserId: 'u-alice',
    venueId: 'binance',
    label: 'Main',
    mode: 'live',
    status: 'connected',
    keyHint: '\u2022\u2022\u2022\u2022abcd',
    canWithdraw: false,
    balances: [{ asset: 'USDT', free: '900', total: '1000.5' }],
    lastSyncAt: '2026-12-07T12:00:00.000Z',
    lastError: null,
    createdAt: '2026-12-07T11:00:00.000Z',
    ...over,
  });

describe('VenueAccountRow', () => {
  it('shows the status and the balance', () => {
    render(<VenueAccountRow a={account({})} />);
    const el = screen.getByTestId('venue-account-va-1');
    expect(el.textContent).toContain('Main · binance (live)');
    expect(el.textContent).toContain('connected');
    expect(el.textContent).toContain('1000.5 USDT');
  });

  it("shows the venue's error code", () => {
    render(
      <VenueAccountRow
        a={account({
          status: 'error',
          lastError: {
            venueCode: '-2015',
            message: 'Invalid API-key',
            at: '2026-12-07T12:00:00.000Z',
          },
        })}
      />,
    );
    expect(screen.getByTestId('venue-account-va-1').textContent).toContain(
      '-2015: Invalid API-key',
    );
  });
});
